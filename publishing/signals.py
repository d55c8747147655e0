"""What every save of a registered page or part does, connected once per page type.

Signals rather than ``save()``: loaddata saves raw, and the import writes in bulk (it sends
``pre_save`` itself), so a method would be skipped by both.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from django.utils import timezone

from . import revisions
from .registry import registered, registry, unregistered
from .sanitize import clean_html
from .translated import columns

# Sent with ``sender=<page model>`` and ``pks=[...]`` after pages (or their parts) changed
# by a path that sends no post_save: the import's bulk writes. Search documents and the page
# cache listen to it as they listen to post_save.
pages_changed = Signal()

# Sent with ``sender=<page model>``, ``page`` and ``before`` (the page's snapshot before the
# save) when a publisher says the English change just saved is minor (a typo): the
# translations made from the English of ``before`` stay up to date. ``translations``
# listens; publishing knows nothing of its stamps.
english_minor = Signal()

__all__ = ["english_minor", "pages_changed", "registered", "unregistered", "subscribe"]


def subscribe():
    """Called once from ``PublishingConfig.ready()``: every page type registered before or
    after gets its receivers, whatever the order of INSTALLED_APPS, and in tests."""
    registered.connect(_registered, weak=False, dispatch_uid="publishing-registered")
    unregistered.connect(_unregistered, weak=False, dispatch_uid="publishing-unregistered")
    for page_type in registry:
        connect(page_type)


def _registered(sender, page_type, **kwargs):
    connect(page_type)


def _unregistered(sender, page_type, **kwargs):
    disconnect(page_type)


def connect(page_type):
    for model in page_type.models():
        uid = f"publishing-{model._meta.label_lower}"
        if page_type.rich_text_fields(model):
            pre_save.connect(_sanitise(page_type), sender=model, weak=False, dispatch_uid=uid)
        changed = _changed(page_type, touch=model is not page_type.model)
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def disconnect(page_type):
    for model in page_type.models():
        uid = f"publishing-{model._meta.label_lower}"
        pre_save.disconnect(sender=model, dispatch_uid=uid)
        post_save.disconnect(sender=model, dispatch_uid=f"{uid}-save")
        post_delete.disconnect(sender=model, dispatch_uid=f"{uid}-delete")


def _sanitise(page_type):
    def sanitise(sender, instance, **kwargs):
        """Editor HTML is cleaned before it is stored, for admin saves and loaddata alike."""
        for field in page_type.rich_text_fields(sender):
            for name in columns(sender, field):  # every language, not only the active one
                if getattr(instance, name) is not None:
                    setattr(instance, name, clean_html(getattr(instance, name)))

    return sanitise


def _changed(page_type, touch):
    def changed(sender, instance, raw=False, **kwargs):
        """A changed part changes its page: "Last updated" and the sitemap's lastmod follow
        (an update(), so no save signals run again; fixtures bring their own timestamps).
        Once the transaction commits, the page gets its baseline revision if it has none."""
        page_id = page_type.page_id(instance)
        if page_id is None:
            return
        if touch and not raw:
            page_type.model._default_manager.filter(pk=page_id).update(updated_at=timezone.now())
        transaction.on_commit(lambda: revisions.follow_tables(page_type, page_id))

    return changed
