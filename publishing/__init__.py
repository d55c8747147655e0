"""Publishing: what every page type shares, and the registry that says what a page type is.

It knows no page type: each app registers its own in ``AppConfig.ready()`` with
``publishing.register(Model, parts=[...], ...)``, and the shared features read the registry.
"""


def register(model, **options):
    from .registry import registry

    return registry.register(model, **options)
