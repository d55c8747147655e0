"""Hits answered from the WSGI environ with the stored bytes (embassy_site/page_hits.py,
page_entries.py, redis_wire.py), on the local-memory cache and on Redis as production
runs it: the same headers as the miss that stored the page, Django's conditional answers,
and a Redis that restarts or hangs under a kept connection."""

import os
import time
from http import HTTPStatus

import pytest
import redis

from . import cache_kinds
from .factories import make_notice
from .redis_server import own_redis_cache
from .test_wsgi_hits import wsgi_get

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/13")
SECURITY = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture(params=cache_kinds.KINDS)
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = 600
    yield from cache_kinds.use(request.param, settings, REDIS_URL)


@pytest.fixture
def own_redis(settings):
    settings.PAGE_CACHE_SECONDS = 600
    yield from own_redis_cache(settings)


def test_a_hit_carries_every_header_of_the_miss_and_the_security_headers(client, page_cache):
    make_notice(title="Headers")
    miss = client.get("/en/notices/")  # rendered and stored
    status, hit, body = wsgi_get("/en/notices/")
    assert status == HTTPStatus.OK and body == miss.content
    for name in {*hit, *miss.headers}:
        assert hit.get(name) == miss.get(name), name
    client.cookies["sessionid"] = "x"  # rendered afresh, never from the cache
    uncached = client.get("/en/notices/")
    assert "Last-Modified" not in uncached
    for name in SECURITY:
        assert hit[name] == uncached[name], name
    _, zipped, _ = wsgi_get("/en/notices/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    for name in {*hit, *zipped} - {"Content-Encoding", "Content-Length"}:
        assert zipped.get(name) == hit.get(name), name


def test_conditional_requests_get_djangos_answers(client, page_cache):
    make_notice()
    stored = client.get("/en/notices/")
    etag, modified = stored["ETag"], stored["Last-Modified"]
    for asked in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": modified}):
        status, headers, body = wsgi_get("/en/notices/", **asked)
        assert status == HTTPStatus.NOT_MODIFIED and body == b"", asked
        # What Django's own 304 keeps of the 200, no more.
        assert set(headers) == {"ETag", "Last-Modified", "Cache-Control", "Vary"}, asked
        assert headers["ETag"] == etag and "Accept-Encoding" in headers["Vary"]
    status, _, _ = wsgi_get("/en/notices/", HTTP_IF_NONE_MATCH='W/"other"')
    assert status == HTTPStatus.OK
    status, _, _ = wsgi_get("/en/notices/", HTTP_IF_MATCH='"other"')
    assert status == HTTPStatus.PRECONDITION_FAILED
    status, _, _ = wsgi_get(
        "/en/notices/", HTTP_IF_UNMODIFIED_SINCE="Mon, 01 Jan 1990 00:00:00 GMT"
    )
    assert status == HTTPStatus.PRECONDITION_FAILED


def test_pages_are_stored_in_redis_as_bytes_not_pickles(client, page_cache):
    if page_cache != "redis":
        pytest.skip("what Redis holds")
    make_notice()
    client.get("/en/notices/")
    server = redis.Redis.from_url(REDIS_URL)
    pages = [k for k in server.keys("*page:*") if not k.endswith(b":lock")]
    assert len(pages) == 1
    assert server.get(pages[0]).startswith(b"\0pe1")


def test_a_restarted_redis_is_read_again_at_once(client, own_redis):
    make_notice(title="Kept")
    client.get("/en/notices/")
    assert "Last-Modified" in wsgi_get("/en/notices/")[1]  # the kept socket is open
    own_redis.stop_keeping_data()
    own_redis.start()  # the kept socket is now closed at the other end
    status, headers, body = wsgi_get("/en/notices/")
    # A hit: read again on a new socket, not taken for an outage (which would skip the
    # cache and move the version).
    assert status == HTTPStatus.OK and "Last-Modified" in headers and b"Kept" in body


def test_a_hung_redis_is_skipped_after_one_timeout(client, own_redis):
    make_notice(title="Still served")
    client.get("/en/notices/")
    wsgi_get("/en/notices/")
    own_redis.freeze()
    try:
        started = time.monotonic()
        for _ in range(5):
            status, headers, body = wsgi_get("/en/notices/")
            assert status == HTTPStatus.OK and b"Still served" in body
        assert time.monotonic() - started < 2.0  # one 0.25 s timeout, not one a request
    finally:
        own_redis.thaw()


def test_a_large_value_comes_back_whole_in_one_read(page_cache):
    if page_cache != "redis":
        pytest.skip("read through the Redis wire")
    from django.core.cache import cache

    big = b"\0" + os.urandom(3_000_000)  # many socket reads
    cache.set("big", big)
    cache.set("number", 41)
    assert cache.get_raw_many(["big", "absent", "number"]) == [big, None, b"41"]
    assert cache.get("big") == big  # and through Django's own get, not unpickled
