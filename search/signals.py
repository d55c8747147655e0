"""Documents follow their pages: every save, delete, fixture load and import.

Receivers are connected per model (the page and its sections model), never to all models:
a delete receiver on every model would cost every other model Django's fast delete.
"""

from django.db.models.signals import post_delete, post_save

from publishing.registry import registry
from publishing.signals import pages_changed, registered, unregistered

from . import indexing


def _models(page_type):
    """The models whose rows feed documents; other parts (milestones...) are not searched."""
    if page_type.search is None:
        return []
    sections = page_type.search.sections
    return [page_type.model, *([sections[0]] if sections else [])]


def saved(sender, instance, **kwargs):
    """Also for loaddata's raw saves: fixtures are how `make run` gets its content."""
    page_type = registry.for_model(sender)
    page_id = page_type.page_id(instance)
    if page_id is not None:
        indexing.index_pages(page_type, [page_id])


def deleted(sender, instance, **kwargs):
    page_type = registry.for_model(sender)
    if sender is page_type.model:
        indexing.delete_pages(page_type, [instance.pk])
        return
    page_id = page_type.page_id(instance)
    if page_id is not None:
        anchor = getattr(instance, page_type.search.sections[2])
        indexing.delete_pages(page_type, [page_id], anchor=anchor)


def changed(sender, pks, **kwargs):
    """The import's bulk writes send no post_save; it names the pages it changed."""
    page_type = registry.for_model(sender)
    if page_type is not None and page_type.search is not None:
        for start in range(0, len(pks), indexing.BATCH):
            indexing.index_pages(page_type, pks[start : start + indexing.BATCH])


def connect_page_type(sender=None, page_type=None, **kwargs):
    for model in _models(page_type):
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)


def disconnect_page_type(sender=None, page_type=None, **kwargs):
    for model in _models(page_type):
        uid = f"search-{model._meta.label_lower}"
        post_save.disconnect(sender=model, dispatch_uid=uid)
        post_delete.disconnect(sender=model, dispatch_uid=uid)


def connect():
    """From search's ready(): the types registered so far, and any registered later."""
    registered.connect(connect_page_type, dispatch_uid="search")
    unregistered.connect(disconnect_page_type, dispatch_uid="search")
    pages_changed.connect(changed, dispatch_uid="search")
    for page_type in registry:
        connect_page_type(page_type=page_type)
