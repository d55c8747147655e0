from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the system checks)
            content_version,
            languages,
            review_dates,
            signals,
            text_rules,
        )
        from .registry import registered, registry, unregistered

        # Page types registered before and after this app: their languages go live alone.
        for page_type in registry:
            languages.install(page_type)
        registered.connect(languages.on_registered, dispatch_uid="publishing-languages")
        unregistered.connect(languages.on_unregistered, dispatch_uid="publishing-languages-off")

        # Before the other receivers of a save, as when it listened to every model: the
        # version moves first once the save commits, whatever a later callback does.
        content_version.connect()
        signals.subscribe()
        review_dates.connect()
        text_rules.connect(registry)
        post_migrate.connect(catch_up, sender=self)


def catch_up(**kwargs):
    """After migrate: pages that have no revision yet (content from before revisions, or
    written by a bulk path) get their baseline, with every migration already applied."""
    from . import revisions, state
    from .models import Revision
    from .registry import registry

    for page_type in registry:
        pks = list(page_type.model._default_manager.values_list("pk", flat=True))
        fresh = sorted(revisions.without_revisions(page_type.model, pks))
        for start in range(0, len(fresh), 500):
            note = "Content as it was when revisions began."
            batch = fresh[start : start + 500]
            revisions.record_many(page_type.model, batch, Revision.Kind.BASELINE, note=note)
        state.refresh_unknown(page_type.model)
