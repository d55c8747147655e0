"""The header and footer of every page, rendered once per content version and kept in memory.

They are the same on every page but for a few things a page decides: which menu item is
current (``aria-current``), whether the search form shows (not on the search page), and
the language switcher's links (this page in each language). So a rendered copy is kept per
content version, language, embassy name and those states (a handful per version), and the
switcher, rendered for each page, is put in where the copy holds a marker.

The version is the one the menus and the contact record were read under (``data.chrome``):
every save of a menu item, the contact record or a page the footer lists moves it, so a
copy is never shown after a change, on any server, even though each keeps its own. When the
database could not be read (the fallback menus) nothing is kept.
"""

import threading

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Where the switcher goes in a kept header: a character no rendered HTML holds.
MARK = "\x00languages\x00"
# Copies kept per process: a few per language are in use at once; older versions go.
LIMIT = 256
_kept = {}
_lock = threading.Lock()


def _keep(key, html):
    with _lock:
        if len(_kept) >= LIMIT:
            _kept.clear()
        _kept[key] = html


def forget():
    """Drop every kept copy (a test's fresh start)."""
    with _lock:
        _kept.clear()


def _states(items):
    return tuple((item["url"], item["current"]) for item in items)


def _render(context, name, **extra):
    template = context.template.engine.get_template(name)
    with context.push(**extra):
        return template.render(context)


def header(context, version, items, languages):
    """includes/header.html for this page; ``items`` are the header menu's, as shown, and
    ``languages`` its language switcher (safe HTML)."""
    if version is None:
        return mark_safe(_render(context, "includes/header.html", languages_html=languages))
    match = getattr(context.get("request"), "resolver_match", None)
    on_search = match is not None and match.url_name == "search"
    key = ("header", version, get_language(), context.get("EMBASSY_NAME"), on_search)
    key += _states(items)
    html = _kept.get(key)
    if html is None:
        html = _render(context, "includes/header.html", languages_html=mark_safe(MARK))
        _keep(key, html)
    return mark_safe(html.replace(MARK, languages))


def footer(context, version, items):
    """includes/footer.html for this page; ``items`` are the footer's links, as shown."""
    if version is None:
        return mark_safe(_render(context, "includes/footer.html"))
    year = timezone.localtime().year  # the footer's "© year", as {% now "Y" %} writes it
    key = ("footer", version, get_language(), context.get("EMBASSY_NAME"), year)
    key += _states(items)
    html = _kept.get(key)
    if html is None:
        html = _render(context, "includes/footer.html")
        _keep(key, html)
    return mark_safe(html)
