"""Whole public pages for visitors, kept in the shared cache (Redis in production).

A hit is answered in one round trip (the content version and the entry in one
``get_many``, a single MGET on Redis) before anything else runs: in production by
embassy_site/wsgi.py, outside Django's handler (no middleware chain, no request signals);
everywhere else (the test client, runserver) by this middleware, the first of the stack,
with the same ``lookup``. Misses are rendered and stored here.

A page is fresh while its entry's content version is the current one (any change to
content moves it: publishing.content_version) and the next scheduled appearance or expiry
has not come. Staff, previews and any request carrying a cookie are neither served from
the cache nor stored in it: visitors get no cookies, so a request with one is someone
signed in. A burst of misses for one page renders it once: the first takes a short lock,
the others wait for its entry.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.middleware.gzip import GZipMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers

from publishing import content_version

from . import page_entries
from .cache import AFTER_OUTAGE

SCHEDULE = "content-schedule"
LOCK_SECONDS = 10  # a renderer that died frees its page after this
WAIT_SECONDS = 3.0  # how long the others wait for its entry before rendering themselves
POLL_SECONDS = 0.02
# Asked again by the page itself: stripped while rendering a page to store, so the stored
# copy is the whole identity body (its gzip bytes and ETag are made here).
CONDITIONAL = ("HTTP_ACCEPT_ENCODING", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")

# A save made while Redis was away could not move the version: move it when Redis is back.
if content_version.bump not in AFTER_OUTAGE:
    AFTER_OUTAGE.append(content_version.bump)


def _available():
    return getattr(cache, "available", lambda: True)()


def _schedule(version, now):
    """(last change, next change) as unix times, computed once per version and moment."""
    stored = cache.get(SCHEDULE)
    if stored and stored[0] == version and (stored[2] is None or now < stored[2]):
        return stored[1], stored[2]
    last, coming = content_version.schedule()
    changed = content_version.changed_at()
    moments = [m.timestamp() for m in (last, changed) if m is not None]
    last_modified = math.floor(max(moments, default=now))
    coming = coming.timestamp() if coming else None
    cache.set(SCHEDULE, (version, last_modified, coming), timeout=settings.PAGE_CACHE_SECONDS)
    return last_modified, coming


def may_use(request):
    """Whether the page cache may answer (or store the answer to) this request."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.COOKIES  # a session, a CSRF token: someone signed in
        and not request.path.startswith(settings.PAGE_CACHE_SKIP)
        # Plain HTTP is redirected by SecurityMiddleware first.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def lookup(request):
    """(key, current version, the fresh stored entry or None), in one round trip.

    Drops the query parameters the page does not read from the request first."""
    query = page_entries.keep_read_parameters(request)
    key = page_entries.key(request, query)
    found = cache.get_many([content_version.KEY, key])
    version = found.get(content_version.KEY) or content_version.current()
    entry = found.get(key)
    if entry is not None and entry.fresh(version, time.time()):
        return key, version, entry
    return key, version, None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # The compression and ETag the rest of the site gets, for pages that are not stored.
        self._conditional = ConditionalGetMiddleware(get_response)
        self._gzip = GZipMiddleware(get_response)

    def __call__(self, request):
        if not may_use(request):
            return self._finish(request, self.get_response(request))
        request.get_host()  # a disallowed Host is refused (400) before anything is served
        key, version, entry = lookup(request)
        if entry is not None:
            return entry.answer(request)
        return self._miss(request, key, version)

    def _miss(self, request, key, version):
        lock = f"{key}:lock"
        if not _available():
            return self._finish(request, self.get_response(request))
        if not cache.add(lock, 1, timeout=LOCK_SECONDS):
            entry = self._wait(key, version)
            if entry is not None:
                return entry.answer(request)
        try:
            return self._render_and_store(request, key, version)
        finally:
            cache.delete(lock)

    @staticmethod
    def _wait(key, version):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and _available():
            time.sleep(POLL_SECONDS)
            entry = cache.get(key)
            if entry is not None and entry.fresh(version, time.time()):
                return entry
        return None

    def _render_and_store(self, request, key, version):
        asked = {name: request.META.pop(name) for name in CONDITIONAL if name in request.META}
        response = self.get_response(request)
        request.META.update(asked)
        if not self._may_store(request, response):
            return self._finish(request, response)
        now = time.time()
        last_modified, coming = _schedule(version, now)
        expires = now + settings.PAGE_CACHE_SECONDS
        if coming is not None:
            expires = min(expires, coming)
        entry = page_entries.build(response, version, expires, last_modified)
        if expires > now:
            cache.set(key, entry, timeout=math.ceil(expires - now))
        return entry.answer(request)

    def _finish(self, request, response):
        response = self._gzip.process_response(
            request, self._conditional.process_response(request, response)
        )
        if response.status_code == 304:
            # A 304 says which request headers chose the page, as its 200 does.
            patch_vary_headers(response, ["Accept-Encoding"])
        return response

    @staticmethod
    def _may_store(request, response):
        user = getattr(request, "user", None)
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not (user is not None and user.is_authenticated)
            and "private" not in control
            and "no-cache" not in control
            and "no-store" not in control
        )
