from django.apps import AppConfig


class ToyConfig(AppConfig):
    """Leaflets: a page type with one part, known to no code of the site."""

    name = "tests.toy"
    label = "toy"
