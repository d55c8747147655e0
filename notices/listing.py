"""A notice list's page (all notices, or one category's): its count and its cards, kept
in the shared cache per content version.

Counting 10,000 notices, building the page's query and reading its rows were most of a
list page's own cost, the same for every visitor until content changes. An entry holds
the number of notices in the list and the page's cards rendered (notices/cards.py), under
a key naming:

- the content version: any save of a notice (a publish, a withdrawal, an edit, a
  translation), of its category or of an image moves it (publishing.content_version);
- the list (the category's id, or none), the page number and the language;
- a digest of the card template's source (a deploy that changes the cards);

and the entry carries the moment it stops being true: the next time a scheduled notice
appears or a current one expires, which no save announces. Past it, the entry is read
afresh. The page's links (pagination) are still written per request, by one tag
(embassy_site/templatetags/paging.py): they keep the request's other parameters.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Min, Q
from django.http import Http404
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from publishing import rendered
from publishing.models import Status

from . import cards
from .models import Notice


def _count_and_until(category, now):
    """(the number of current notices in the list, when that set next changes by itself as a
    unix time or None), in one query: the one a paginator's count would have made."""
    # What ``current(now)`` lists (publishing/models.py), of the published notices whose
    # times also tell when that changes.
    shown = Q(publish_at__lte=now) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    if category is not None:
        shown &= Q(category=category)
    found = Notice.objects.filter(status=Status.PUBLISHED).aggregate(
        count=Count("pk", filter=shown),
        shows=Min("publish_at", filter=Q(publish_at__gt=now)),
        leaves=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [found[name].timestamp() for name in ("shows", "leaves") if found[name]]
    return found["count"], min(moments, default=None)


class Listing:
    """What a list page shows of its notices: ``paginator``, ``page`` and ``cards`` (safe
    HTML), from the cache or, on a miss, from ``queryset`` (then stored)."""

    def __init__(self, request, queryset, now, category, number, per_page, **options):
        self.timeout = settings.PAGE_FRAGMENT_CACHE_SECONDS
        _template, digest = cards._template()
        version = rendered.version(request)
        list_id = category.pk if category else "all"
        self.key = f"notice-listing:{digest}:{version}:{get_language()}:{list_id}:{number}"
        found = rendered.read_near([self.key]).get(self.key) if self.timeout else None
        if found is not None and (found["until"] is None or time.time() < found["until"]):
            self.paginator = self._paginator(queryset, per_page, found["count"])
            self.page = self._page(number)
            self.cards = mark_safe(found["cards"])
            return
        if not self.timeout:
            self.paginator = Paginator(queryset, per_page)
            self.page = self._page(number)
            self.cards = cards.cards(self.page.object_list, **options)
            return
        count, until = _count_and_until(category, now)
        self.paginator = self._paginator(queryset, per_page, count)
        self.page = self._page(number)
        self.cards = cards.cards(self.page.object_list, **options)
        self._store(count, until, now)

    @staticmethod
    def _paginator(queryset, per_page, count):
        paginator = Paginator(queryset, per_page)
        paginator.__dict__["count"] = count  # known: no COUNT query (a cached_property)
        return paginator

    def _page(self, number):
        try:
            return self.paginator.page(number)
        except InvalidPage as error:  # as ListView answers a page past the end
            raise Http404(str(error)) from error

    def _store(self, count, until, now):
        timeout = self.timeout
        if until is not None:
            timeout = min(timeout, max(1, int(until - now.timestamp()) + 1))
        entry = {"count": count, "cards": str(self.cards), "until": until}
        cache.set(self.key, entry, timeout)


class Unbuilt:
    """A list's queryset built only when first read: a page whose count and cards are kept
    (most requests) never reads it, and building it (the filters of ``current(now)``) was
    a sixth of such a request. ``model`` and ``ordered`` are what a paginator and ListView
    ask of it beforehand; a slice is unbuilt too, until iterated."""

    model = Notice
    ordered = True  # the lists' own order (Notice.Meta.ordering), as the queryset has it

    def __init__(self, build):
        self._build, self._built = build, None

    def built(self):
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getitem__(self, key):
        return Unbuilt(lambda: self.built()[key])

    def __iter__(self):
        return iter(self.built())

    def __len__(self):
        return len(self.built())

    def __getattr__(self, name):
        if name.startswith("_"):  # not yet set (a copy being made): not the queryset's
            raise AttributeError(name)
        return getattr(self.built(), name)
