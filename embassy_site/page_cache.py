"""Whole public pages for visitors, kept in the shared cache (Redis in production).

A page is stored under the content version, the language and the full address, so any
change to content (publishing.content_version) makes every server miss at once. It lives
no longer than the next scheduled appearance or expiry. Staff, previews and any request
carrying a session are neither served from the cache nor stored in it: visitors get no
cookies, so a request with one is someone signed in.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from publishing import content_version

# Headers a stored page keeps; the rest are set again on every response.
KEPT = ("Content-Type", "Content-Language", "Content-Security-Policy", "X-Frame-Options")
NEXT_CHANGE = "content-next-change"


def _key(request, version):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{get_language() or ''}:{address}"


def _lifetime(version):
    """Seconds a page may live: the setting, or less if something is scheduled sooner."""
    key = f"{NEXT_CHANGE}:{version}"
    moment = cache.get(key, False)
    if moment is False:
        moment = content_version.next_change()
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    seconds = settings.PAGE_CACHE_SECONDS
    if moment is not None:
        seconds = min(seconds, (moment - timezone.now()).total_seconds())
    return int(seconds)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use(request):
            return self.get_response(request)
        version = content_version.current()
        key = _key(request, version)
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if self._may_store(request, response):
            lifetime = _lifetime(version)
            if lifetime > 0:
                response["Last-Modified"] = http_date()
                headers = {h: response[h] for h in (*KEPT, "Last-Modified") if h in response}
                cache.set(key, (response.content, headers), timeout=lifetime)
        return response

    @staticmethod
    def _may_use(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.COOKIES  # a session, a CSRF token: someone signed in
            and not request.path.startswith(settings.PAGE_CACHE_SKIP)
        )

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

    @staticmethod
    def _rebuild(stored):
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        patch_vary_headers(response, ["Cookie"])
        return response
