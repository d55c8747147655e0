"""What the page cache stores for one address, and how a stored page answers a request.

One entry per address (site, scheme, path and the query parameters the page reads), holding
the content version it was rendered under: a new version overwrites the same key instead of
leaving every old version's copy behind until it expires. The entry carries everything a
hit needs, so a hit is one round trip and no work: the final headers (security headers
included), the body, its gzip bytes and its ETag.
"""

import hashlib
import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path, override

# The query parameters each page reads (by URL name); any other parameter (utm_*, fbclid,
# a random cache-buster) is dropped before the view runs, so it neither makes a new entry
# nor shows in the page. Pages not named here read ``page`` only (every list does).
QUERY_PARAMETERS = {"search": ("q", "page")}
DEFAULT_PARAMETERS = ("page",)

# Headers set anew on every answer, never taken from the stored response.
NOT_KEPT = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "vary",
    "date",
    "set-cookie",
}
# Browsers and shared caches in front may keep a page but must ask again before every use
# (a withdrawn notice must vanish at once); the ETag makes that question a cheap 304.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
VARY = ("Accept-Encoding", "Cookie")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/json")


class Entry(NamedTuple):
    version: int
    expires: float  # unix time: the lifetime, or the next scheduled change if sooner
    last_modified: int  # unix time of the content's last change
    etag: str
    headers: tuple
    body: bytes
    gzipped: bytes | None

    def fresh(self, version, now):
        return self.version == version and now < self.expires

    def answer(self, request):
        if self.gzipped is not None and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        ):
            response = HttpResponse(self.gzipped, headers=self.headers)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(self.body, headers=self.headers)
        response["Content-Length"] = str(len(response.content))
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, VARY)
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


def build(response, version, expires, last_modified):
    body = response.content
    headers = tuple((k, v) for k, v in response.items() if k.lower() not in NOT_KEPT)
    vary = response.get("Vary")
    if vary:
        headers += (("Vary", vary),)
    gzipped = None
    if len(body) >= 200 and response.get("Content-Type", "").startswith(COMPRESSIBLE):
        gzipped = compress_string(body)
        if len(gzipped) >= len(body):
            gzipped = None
    etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    return Entry(version, expires, last_modified, etag, headers, body, gzipped)


@lru_cache(maxsize=4096)
def parameters(path):
    """The query parameters the page at ``path`` reads (resolved once per path)."""
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    # An old address without a language answers 301 to the English page: keep what that
    # page reads, so the redirect keeps it too.
    for candidate in (path, f"/{settings.LANGUAGE_CODE}{path}"):
        try:
            with override(language):
                match = resolve(candidate)
        except Resolver404:
            continue
        return QUERY_PARAMETERS.get(match.view_name, DEFAULT_PARAMETERS)
    return DEFAULT_PARAMETERS


def keep_read_parameters(request):
    """Drop the query parameters the page does not read; return the query that is left."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ""
    read = parameters(request.path_info)
    kept = sorted(
        ((k, v) for k, v in parse_qsl(raw, keep_blank_values=True) if k in read),
        key=lambda pair: pair[0],
    )  # sorted by name only: repeated values keep their order, which the page may read
    query = urlencode(kept)
    if query != raw:
        request.META["QUERY_STRING"] = query
        request.__dict__.pop("GET", None)
    return query


def key(request, query):
    address = f"{settings.SITE_URL}|{request.scheme}|{request.path}?{query}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
