"""What the page cache stores for one address, and how a stored page answers a request.

One entry per address (site, scheme, path and the query parameters the page reads), holding
the content version it was rendered under: a new version overwrites the same key instead of
leaving every old version's copy behind until it expires. The entry is the answer made
ready once, when it is stored: the status line and the final header lists (security headers
included) for the plain, the gzip and the 304 answer, its ETag and Last-Modified, the body
and its gzip bytes. It is stored as bytes, not a pickle: a fixed header (marker, version,
lifetime, dates and lengths), the JSON of the header lists, then the bodies. A hit reads
the fixed header, and only a fresh entry's JSON; it needs no Django response at all.
"""

import hashlib
import json
import re
import struct
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
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
# Asked by a revalidating browser or cache: answered by Django's own rules (304 or 412).
CONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_NONE_MATCH")
CONDITIONS += ("HTTP_IF_MODIFIED_SINCE",)

# The stored form: a marker that begins with NUL (so the Redis cache keeps the bytes as they
# are: embassy_site/cache.py), the version, expiry and Last-Modified, the lengths of the
# JSON, the body and the gzip bytes (0: none); then those three, in that order.
MARKER = b"\0pe1"
FIXED = struct.Struct("<4sqdqIII")
# The stored form's name is part of every key: servers running an older form never read it.
FORM = MARKER[1:].decode()
OK = "200 OK"
NOT_MODIFIED = "304 Not Modified"


class Entry:
    __slots__ = ("_blob", "version", "expires", "last_modified", "_lengths")

    def __init__(self, blob):
        self._blob = blob
        _, self.version, self.expires, self.last_modified, *self._lengths = FIXED.unpack_from(blob)

    def fresh(self, version, now):
        return self.version == version and now < self.expires

    def answer(self, environ, request=None):
        """(status line, header list, body) for a GET or HEAD of the stored page; a Django
        request is made only for a conditional one, if none is given."""
        blob, (meta, plain, zipped) = self._blob, self._lengths
        start = FIXED.size + meta
        etag, plain_headers, gzip_headers, not_modified = _form(blob[FIXED.size : start])
        for name in CONDITIONS:
            if name in environ:
                request = request or WSGIRequest(environ)
                answered = get_conditional_response(
                    request, etag=etag, last_modified=self.last_modified
                )
                if answered is None:
                    break
                if answered.status_code == 304:
                    return NOT_MODIFIED, list(not_modified), b""
                status = f"{answered.status_code} {answered.reason_phrase}"
                return status, list(answered.items()), answered.content  # 412
        if zipped and ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")):
            return OK, list(gzip_headers), blob[start + plain : start + plain + zipped]
        return OK, list(plain_headers), blob[start : start + plain]


@lru_cache(maxsize=512)
def _form(meta):
    """The ETag and header lists stored as JSON ``meta``, decoded once per process (JSON
    costs a hit more than all the rest of it; the same few pages are asked again and again)."""
    form = json.loads(meta)
    headers = [tuple(map(tuple, form[name] or ())) for name in ("plain", "gzip", "304")]
    return form["etag"], *headers


def parse(blob):
    """The entry stored as ``blob``, or None if it is not one (missing, another form)."""
    if type(blob) is not bytes or not blob.startswith(MARKER) or len(blob) < FIXED.size:
        return None
    return Entry(blob)


def build(response, version, expires, last_modified):
    """The stored form of ``response`` (a 200 of a page for visitors), as bytes."""
    body = response.content
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_KEPT]
    if response.has_header("Vary"):
        headers.append(("Vary", response["Vary"]))
    gzipped = b""
    if len(body) >= 200 and response.get("Content-Type", "").startswith(COMPRESSIBLE):
        gzipped = compress_string(body)
        if len(gzipped) >= len(body):
            gzipped = b""
    etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    plain = _final(headers, body, etag, last_modified)
    # The 304 keeps what Django's own keeps of the 200 (RFC 9110 15.4.5).
    asked = SimpleNamespace(META={"HTTP_IF_NONE_MATCH": "*"}, method="GET")
    not_modified = get_conditional_response(asked, etag, last_modified, plain)
    form = {
        "etag": etag,
        "plain": list(plain.items()),
        "gzip": list(_final(headers, gzipped, etag, last_modified, "gzip").items())
        if gzipped
        else None,
        "304": list(not_modified.items()),
    }
    meta = json.dumps(form, separators=(",", ":")).encode()
    fixed = FIXED.pack(MARKER, version, expires, last_modified, len(meta), len(body), len(gzipped))
    return b"".join((fixed, meta, body, gzipped))


def _final(headers, body, etag, last_modified, encoding=None):
    """The response a hit gives: the stored headers and those set anew on every answer."""
    response = HttpResponse(body, headers=headers)
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, VARY)
    return response


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


def keep_read_parameters(environ, path_info):
    """Drop the query parameters the page does not read from the WSGI environ (or a
    request's META); return the query that is left."""
    raw = environ.get("QUERY_STRING", "")
    if not raw:
        return ""
    query = _read_query(raw, parameters(path_info))
    if query != raw:
        environ["QUERY_STRING"] = query
    return query


@lru_cache(maxsize=1024)
def _read_query(raw, read):
    """``raw`` with only the parameters in ``read`` (a search asked again is not parsed
    again)."""
    kept = sorted(
        ((k, v) for k, v in parse_qsl(raw, keep_blank_values=True) if k in read),
        key=lambda pair: pair[0],
    )  # sorted by name only: repeated values keep their order, which the page may read
    return urlencode(kept)


@lru_cache(maxsize=1024)
def key(site_url, scheme, path, query):
    address = f"{FORM}|{site_url}|{scheme}|{path}?{query}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
