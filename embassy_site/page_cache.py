"""Whole public pages for visitors, kept in the shared cache (Redis in production).

A hit is answered in one round trip at most (the content version and the entry in one
MGET on Redis, read with no unpickling: ``fetch``; none while the worker holds both in
memory, kept exact by Redis's pushes: embassy_site/near_cache.py) before anything else
runs: in production by embassy_site/wsgi.py, outside Django's handler (no middleware
chain, no request signals), straight from the stored bytes; everywhere else (the test
client, runserver) by this middleware, the first of the stack, with the same ``lookup``
and answer. Misses are rendered and stored here.

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
from django.http import HttpResponse, HttpResponseNotModified
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
    return allows(request.method, request.COOKIES, request.path, request.is_secure())


def allows(method, cookies, path, secure, conf=settings):
    """The rule of ``may_use``, from the request's parts (embassy_site/page_hits.py asks it
    before any Django request exists, with its copy of the settings)."""
    return (
        conf.PAGE_CACHE_SECONDS > 0
        and method in ("GET", "HEAD")
        and not cookies  # a session, a CSRF token: someone signed in
        and not path.startswith(conf.PAGE_CACHE_SKIP)
        # Plain HTTP is redirected by SecurityMiddleware first.
        and (secure or not conf.SECURE_SSL_REDIRECT)
    )


def fetch(keys, backend=cache):
    """What is stored under each key (or None), in one round trip: on Redis the bytes as
    stored (embassy_site/cache.py), on any other cache the values."""
    raw = getattr(backend, "get_raw_many", None)
    if raw is not None:
        return raw(keys)
    found = backend.get_many(keys)
    return [found.get(key) for key in keys]


def lookup(environ, scheme, path, path_info, backend=cache, site_url=None):
    """(key, current version, the fresh stored entry or None), in one round trip.

    Drops the query parameters the page does not read from the environ (or a request's
    META) first."""
    query = page_entries.keep_read_parameters(environ, path_info)
    key = page_entries.key(site_url or settings.SITE_URL, scheme, path, query)
    stored_version, stored = fetch([content_version.KEY, key], backend)
    version = content_version.current() if stored_version is None else int(stored_version)
    entry = page_entries.parse(stored)
    if entry is not None and entry.fresh(version, time.time()):
        return key, version, entry
    return key, version, None


def respond(request, entry):
    """The stored page's answer to ``request`` as a Django response (for the middleware)."""
    status, headers, body = entry.answer(request.META, request)
    code = int(status[:3])
    response = HttpResponseNotModified() if code == 304 else HttpResponse(body, status=code)
    for name, value in headers:
        response.headers[name] = value
    return response


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
        key, version, entry = lookup(request.META, request.scheme, request.path, request.path_info)
        request.__dict__.pop("GET", None)  # read again, without the parameters dropped
        if entry is not None:
            return respond(request, entry)
        return self._miss(request, key, version)

    def _miss(self, request, key, version):
        lock = f"{key}:lock"
        if not _available():
            return self._finish(request, self.get_response(request))
        if not cache.add(lock, 1, timeout=LOCK_SECONDS):
            entry = self._wait(key, version)
            if entry is not None:
                return respond(request, entry)
        try:
            return self._render_and_store(request, key, version)
        finally:
            cache.delete(lock)

    @staticmethod
    def _wait(key, version):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and _available():
            time.sleep(POLL_SECONDS)
            entry = page_entries.parse(fetch([key])[0])
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
        stored = page_entries.build(response, version, expires, last_modified)
        if expires > now:
            cache.set(key, stored, timeout=math.ceil(expires - now))
        return respond(request, page_entries.parse(stored))

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
