"""One number for "what visitors may see": bumped whenever content that can show changes.

Every app server reads it from the shared cache, so a page cached by one server is never
served by another after a change. It moves after the transaction commits (a reader between
the write and the commit would otherwise cache the old page under the new number), and
never for a staff preview, whose writes are rolled back.

The cache is only a speed-up, so nothing here may make a save fail: when the number cannot
be moved (Redis down), ``bump()`` logs it and tries again in the background until it can,
and the cache backend moves it once more when Redis answers again (embassy_site/cache.py),
before any page is read from it.
"""

import logging
import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import VISIBLE
from .registry import registered, registry, unregistered
from .signals import pages_changed

logger = logging.getLogger(__name__)

KEY = "content-version"
# When content last changed (a deletion included), for the pages' Last-Modified.
CHANGED_AT = "content-changed-at"
RETRY_SECONDS = 2.0
_retrying = threading.Event()


def current():
    version = cache.get(KEY)
    if version is None:
        # A fresh cache (or one that lost its keys): any value not used before will do.
        version = int(timezone.now().timestamp() * 1000)
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return version


def changed_at():
    """The moment of the last bump this cache knows of, or None."""
    return cache.get(CHANGED_AT)


def bump():
    """Move the version; never raises, whatever the cache does."""
    try:
        try:
            cache.incr(KEY)
        except ValueError:  # the key is gone: start from a new value
            current()
        # After the version, not before: by the reply to this second call Redis has sent
        # every worker's copy of the version its invalidation (embassy_site/near_cache.py),
        # so the publisher's next page, on any server, is the new one.
        cache.set(CHANGED_AT, timezone.now(), timeout=None)
    except Exception as error:  # any failure of the cache: the save stands, retry later
        logger.warning("Content version not moved (cache unavailable), retrying: %s", error)
        _retry_later()
        return False
    return True


def _retry_later():
    if _retrying.is_set():
        return
    _retrying.set()

    def retry():
        _retrying.clear()
        bump()

    timer = threading.Timer(RETRY_SECONDS, retry)
    timer.daemon = True
    timer.start()


# Saves made in this process so far, counted at once, not at the commit: what this process
# keeps per version also names it (publishing/kept_pages.py), so a reader inside the saving
# transaction (an import, a test) sees its own writes, as the database shows them to it.
_saves_here = 0


def saves_here():
    return _saves_here


def changing():
    """A change to what visitors may see: counted here now, the version moved at commit."""
    global _saves_here
    _saves_here += 1
    transaction.on_commit(bump)


def _changed(sender, **kwargs):
    changing()


def _pages_changed(sender, **kwargs):
    changing()


def _models(page_type):
    """What visitors see of a page type: its pages, their parts and its lookups (menus)."""
    return [*page_type.models(), *page_type.lookups]


def _uid(model):
    return f"content-version-{model._meta.label_lower}"


def _connect_page_type(sender=None, page_type=None, **kwargs):
    # Per model, never for every model: a delete receiver on a model costs it Django's fast
    # delete (every bulk delete would read its rows, then delete them 100 at a time).
    for model in _models(page_type):
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=f"{_uid(model)}-save")
        post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=f"{_uid(model)}-del")


def _disconnect_page_type(sender=None, page_type=None, **kwargs):
    # Sent once the type has left the registry: a lookup another type still lists stays.
    kept = {model for other in registry for model in _models(other)}
    for model in _models(page_type):
        if model not in kept:
            post_save.disconnect(sender=model, dispatch_uid=f"{_uid(model)}-save")
            post_delete.disconnect(sender=model, dispatch_uid=f"{_uid(model)}-del")


def connect():
    """From publishing's ready(): the page types registered so far, and any registered
    later (a test's own type too)."""
    registered.connect(_connect_page_type, weak=False, dispatch_uid="content-version")
    unregistered.connect(_disconnect_page_type, weak=False, dispatch_uid="content-version")
    pages_changed.connect(_pages_changed, weak=False, dispatch_uid="content-version-bulk")
    for page_type in registry:
        _connect_page_type(page_type=page_type)


# Functions of ``now`` giving the next moment a page changes by itself, not by a save (the
# "open now" line of the contact card): apps add theirs in ready().
CLOCKS = []


def schedule(now=None):
    """(when published content last changed, the next scheduled change), either or both None.

    The first is the newest edit, appearance or expiry of a published page (a page's
    Last-Modified); cached pages live no longer than the second, so scheduling needs no
    write and no cron job.
    """
    now = now or timezone.now()
    passed = []
    for published in _published():
        passed += published.order_by("-updated_at").values_list("updated_at", flat=True)[:1]
        for field in ("publish_at", "expires_at"):
            dates = published.filter(**{f"{field}__isnull": False}).values_list(field, flat=True)
            passed += dates.filter(**{f"{field}__lte": now}).order_by(f"-{field}")[:1]
    return max(passed, default=None), next_change(now)


def next_change(now=None):
    """The next moment a scheduled page appears or an expiring one leaves, or one of the
    ``CLOCKS`` comes, or None: what ``schedule`` reads of the future only."""
    now = now or timezone.now()
    coming = []
    for published in _published():
        for field in ("publish_at", "expires_at"):
            dates = published.filter(**{f"{field}__gt": now}).values_list(field, flat=True)
            coming += dates.order_by(field)[:1]
    coming += [moment for moment in (clock(now) for clock in CLOCKS) if moment is not None]
    return min(coming, default=None)


def _published():
    return [page_type.model._default_manager.filter(status__in=VISIBLE) for page_type in registry]
