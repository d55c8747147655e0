"""One number for "what visitors may see": bumped whenever content that can show changes.

Every app server reads it from the shared cache, so a page cached by one server is never
served by another after a change. It moves after the transaction commits (a reader between
the write and the commit would otherwise cache the old page under the new number), and
never for a staff preview, whose writes are rolled back.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import Status
from .registry import registry
from .signals import pages_changed

KEY = "content-version"


def current():
    version = cache.get(KEY)
    if version is None:
        # A fresh cache (or one that lost its keys): any value not used before will do.
        version = int(timezone.now().timestamp() * 1000)
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return version


def bump():
    try:
        cache.incr(KEY)
    except ValueError:  # the key is gone: start from a new value
        current()


def _changed(sender, **kwargs):
    if registry.for_model(sender) is not None or sender in registry.lookups():
        transaction.on_commit(bump)


def _pages_changed(sender, **kwargs):
    transaction.on_commit(bump)


def connect():
    post_save.connect(_changed, weak=False, dispatch_uid="content-version-save")
    post_delete.connect(_changed, weak=False, dispatch_uid="content-version-delete")
    pages_changed.connect(_pages_changed, weak=False, dispatch_uid="content-version-bulk")


def next_change(now=None):
    """The next moment a scheduled page appears or an expiring one leaves, or None.

    Cached pages live no longer than that, so scheduling needs no write and no cron job.
    """
    now = now or timezone.now()
    moments = []
    for page_type in registry:
        published = page_type.model._default_manager.filter(status=Status.PUBLISHED)
        starts = published.filter(publish_at__gt=now).order_by("publish_at")
        ends = published.filter(expires_at__gt=now).order_by("expires_at")
        moments += starts.values_list("publish_at", flat=True)[:1]
        moments += ends.values_list("expires_at", flat=True)[:1]
    return min(moments, default=None)
