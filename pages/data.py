"""What the site's templates read of this app, cached per content version and language.

A save of a menu or of the contact record bumps the content version (they are registered
as lookups in ``apps.py``), so a cached copy is never read after a change.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import get_language

from publishing import content_version
from publishing.models import Status

from .models import ContactDetails, MenuItem

DAY = 24 * 3600


# The header when the database cannot be read (the 404 and 503 pages still need one): the
# menu the site ships (migration 0002), labels in the three languages.
FALLBACK_HEADER = [
    ("home", {"en": "Home", "ro": "Acasă", "az": "Ana səhifə"}),
    ("relations:list", {"en": "Relations", "ro": "Relații", "az": "Münasibətlər"}),
    ("notices:list", {"en": "Notices", "ro": "Anunțuri", "az": "Elanlar"}),
]


def contact():
    """(record, regular hours, exceptions) once filled in, else None. One query when
    empty, three when filled in, none while cached; None while the database is down."""
    key = f"pages:contact:{content_version.current()}"
    found = cache.get(key)
    if found is None:
        try:
            record = ContactDetails.objects.first()
            found = ("empty",)
            if record is not None and record.is_filled_in:
                found = (record, list(record.hours.all()), list(record.exceptions.all()))
        except DatabaseError:
            return None  # not cached: the next page asks again
        cache.set(key, found, DAY)
    return None if found == ("empty",) else found


def fallback_menus():
    language = get_language() or "en"
    header = [
        {"label": labels.get(language, labels["en"]), "url": reverse(view), "view_name": view}
        for view, labels in FALLBACK_HEADER
    ]
    return {"header": [{**entry, "publish_at": None} for entry in header]}


def _target_urls(items):
    """{(content type id, pk): (url, publish_at)} of the published targets, one query a type."""
    wanted = {}
    for item in items:
        if item.object_id is not None:
            wanted.setdefault(item.content_type_id, set()).add(item.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for page in model._default_manager.filter(pk__in=ids, status=Status.PUBLISHED):
            found[type_id, page.pk] = (page.get_absolute_url(), page.publish_at)
    return found


def menus():
    """{slot: [{"label", "url", "view_name", "publish_at"}]} in the active language."""
    key = f"pages:menus:{content_version.current()}:{get_language()}"
    found = cache.get(key)
    if found is None:
        try:
            items = list(MenuItem.objects.select_related("menu").order_by("menu", "order", "pk"))
            targets = _target_urls(items)
        except DatabaseError:
            return fallback_menus()  # not cached: the next page asks again
        found = {}
        for item in items:
            entry = {"label": item.label, "view_name": item.view_name, "publish_at": None}
            if item.view_name:
                entry["url"] = item.named_url()
            elif item.object_id is not None:
                url, entry["publish_at"] = targets.get(
                    (item.content_type_id, item.object_id), (None, None)
                )
                entry["url"] = url
            else:
                entry["url"] = item.address
            if entry["url"]:
                found.setdefault(item.menu.slot, []).append(entry)
        cache.set(key, found, DAY)
    return found


def footer_pages():
    """[{"label", "url", "view_name", "publish_at"}] of the current pages marked for every
    page's footer (the accessibility statement, the privacy notice): one query, cached."""
    from .models import Page

    key = f"pages:footer:{content_version.current()}:{get_language()}"
    found = cache.get(key)
    if found is None:
        try:
            pages = list(Page.objects.current().filter(in_footer=True).order_by("order", "pk"))
        except DatabaseError:
            return []  # not cached: the next page asks again
        found = [
            {"label": page.title, "url": page.get_absolute_url(), "view_name": ""} for page in pages
        ]
        found = [{**entry, "publish_at": None} for entry in found]
        cache.set(key, found, DAY)
    return found


def next_hours_change(now=None):
    """For the page cache: the next opening, closing or Baku midnight, or None while the
    contact card is not shown. One of publishing.content_version's clocks: cached pages live
    no longer than this."""
    from .hours import next_change

    found = contact()
    return next_change(found[1], found[2], now) if found else None
