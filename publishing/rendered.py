"""Rendered HTML that only saved content decides, kept in this process's memory per content
version (a page type's navigation, say, shown the same on thousands of pages).

The key always holds the content version, read from the shared cache once a request: any
save of what such a fragment shows moves it (publishing.content_version), so no server
shows a kept copy after a change though each keeps its own. A fragment that also depends
on the time (a scheduled page) must not be kept by ``kept``; ``kept_until`` keeps one that
knows, when rendered, the moment it next changes by itself.
"""

import threading

from django.core.cache import cache

from . import content_version

# Functions giving a cache key (for the active language) that nearly every page reads under
# the version: read in the same round trip. Apps add theirs in ready() (the menus) through
# read_with_version_key, once however often ready() runs.
_read_with_version_keys = []
# Copies kept per process: a handful per language and version are in use at once.
LIMIT = 512
_kept = {}
_lock = threading.Lock()


def read_with_version_key(key):
    """Read the cache key ``key()`` gives with the content version, in its round trip (an
    app's ready(); a second call with the same function adds nothing)."""
    if key not in _read_with_version_keys:
        _read_with_version_keys.append(key)
    return key


def version(request):
    """The content version, read once for the request, with the keys registered by
    ``read_with_version_key`` (``read_with_version`` gives their values)."""
    if request is None:
        return content_version.current()
    found = getattr(request, "_content_version", None)
    if found is None:
        keys = [key() for key in _read_with_version_keys]
        read = read_near([content_version.KEY, *keys])
        found = read.get(content_version.KEY) or content_version.current()
        request._content_version, request._read_with_version = found, read
    return found


def read_near(keys):
    """``cache.get_many(keys)``, from the worker's tracked copy where the cache keeps one
    (Redis: embassy_site/near_cache.py, no round trip while it holds them)."""
    return getattr(cache, "get_many_near", cache.get_many)(keys)


def read_with_version(request, key):
    """(version, the value of ``key`` read with it, or None)."""
    found = version(request)
    return found, request._read_with_version.get(key)


def kept(key, render):
    """The copy kept under ``key`` (which holds the version), else ``render()``, kept."""
    html = _kept.get(key)
    if html is None:
        html = render()
        _keep(key, html)
    return html


def kept_until(key, render, now):
    """As ``kept``, for a fragment that also changes by itself: ``render()`` gives (the
    HTML, the unix time it stops being true or None), and past that time (``now``, a unix
    time) it is rendered again."""
    found = _kept.get(key)
    if found is None or (found[1] is not None and now >= found[1]):
        found = render()
        _keep(key, found)
    return found[0]


def _keep(key, value):
    with _lock:
        if len(_kept) >= LIMIT:  # old versions' copies go with the rest; few are live
            _kept.clear()
        _kept[key] = value


def forget():
    """Drop every kept copy (a test's fresh start)."""
    with _lock:
        _kept.clear()
