"""What the site's templates read of this app, cached per content version and language.

A save of a menu or of the contact record bumps the content version (they are registered
as lookups in ``apps.py``), so a cached copy is never read after a change.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import get_language

from publishing import content_version, rendered
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


def _read_contact():
    """(record, regular hours, exceptions) once filled in, else ("empty",). One query when
    empty, three when filled in."""
    record = ContactDetails.objects.first()
    if record is not None and record.is_filled_in:
        return (record, list(record.hours.all()), list(record.exceptions.all()))
    return ("empty",)


def chrome_key():
    return f"pages:chrome:{get_language()}"


def chrome(request=None):
    """(menus, contact) for the active language, as ``menus()`` and ``contact()`` give them.

    Every page shows both (header, footer, the home page's contact card), so they are kept
    together, one entry per language holding the content version it was read under: one
    round trip (an MGET of the version and the entry) while cached, the queries of both
    after a change, which overwrites the entry rather than leaving one per version behind.
    The third element is that version (None when the database could not be read): the
    rendered header and footer are kept under it (pages/rendered_chrome.py).
    """
    key = chrome_key()
    if request is not None:  # read with the version, once for the request
        version, entry = rendered.read_with_version(request, key)
    else:
        found = cache.get_many([content_version.KEY, key])
        version = found.get(content_version.KEY) or content_version.current()
        entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1], _shown(entry[2]), version
    try:
        items = list(MenuItem.objects.select_related("menu").order_by("menu", "order", "pk"))
        menus, contact = _menus(items, _target_urls(items)), _read_contact()
        menus["statements"] = _footer_pages()
    except DatabaseError:
        return fallback_menus(), None, None  # not cached: the next page asks again
    cache.set(key, (version, menus, contact), DAY)
    return menus, _shown(contact), version


def _shown(contact):
    return None if contact == ("empty",) else contact


def contact():
    """(record, regular hours, exceptions) once filled in, else None; None while the
    database is down. Read with the menus (``chrome``)."""
    return chrome()[1]


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
    return chrome()[0]


def _menus(items, targets):
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
    return found


def _footer_pages():
    from .models import Page

    pages = Page.objects.current().filter(in_footer=True).order_by("order", "pk")
    return [
        {"label": page.title, "url": page.get_absolute_url(), "view_name": "", "publish_at": None}
        for page in pages
    ]


def next_hours_change(now=None):
    """For the page cache: the next opening, closing or Baku midnight, or None while the
    contact card is not shown. One of publishing.content_version's clocks: cached pages live
    no longer than this."""
    from .hours import next_change

    found = contact()
    return next_change(found[1], found[2], now) if found else None
