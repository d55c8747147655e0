"""A consular service's facts are searched with its page: a saved or deleted fact or
document re-indexes the page.

Search connects to a page type's own model and its sections only, and a part's save only
stamps its page with ``update()``, which sends no signal: so the facts say which page
changed on ``pages_changed``, the signal search and caches already follow for imports.
A draft of a live page keeps its facts in a revision, not in these tables: nothing is
indexed until it is published (publishing writes the parts then, and this runs).
"""

from django.db.models.signals import post_delete, post_save

from publishing.signals import pages_changed


def _changed(sender, instance, **kwargs):
    from .models import Page

    if instance.page_id is not None:
        pages_changed.send(sender=Page, pks=[instance.page_id])


def connect(*models):
    for model in models:
        uid = f"pages-search-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)
