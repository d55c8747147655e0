"""Hits answered from the worker's own copy of what it read of Redis (embassy_site/
near_cache.py, redis_wire.py, resp3.py), on a redis-server of the test's own: the same
answer as a hit read from Redis, and never a page Redis no longer holds: a key written by
another connection, a flush, a restart, a stopped Redis (beyond PAGE_CACHE_LOCAL_SECONDS)
and a publish in another process all reach the copy; its byte bound evicts; 0 turns it off.

"From memory" is told by Redis's own count of MGET commands (INFO commandstats).
"""

import os
import time
from http import HTTPStatus

import pytest
import redis
from django.conf import settings as conf
from django.core.cache import cache
from django.utils import timezone

from embassy_site import page_entries
from notices.models import Notice
from publishing import content_version

from .factories import make_notice
from .redis_server import own_redis_cache
from .test_wsgi_hits import wsgi_get

pytestmark = pytest.mark.django_db


def settings_then_redis(settings, local_bytes=32 * 1024 * 1024, seconds=30.0):
    """The copy's settings first: the cache (and its copy) is made when CACHES changes.
    Trusted for long by default, so only the pushes can make a hit leave memory."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_BYTES = local_bytes
    settings.PAGE_CACHE_LOCAL_SECONDS = seconds
    return own_redis_cache(settings)


@pytest.fixture
def own_redis(settings):
    yield from settings_then_redis(settings)


def mgets(server):
    stats = redis.Redis.from_url(server.url).info("commandstats")
    return stats.get("cmdstat_mget", {}).get("calls", 0)


def elsewhere(server, *command):
    """A write by another connection, then its next round trip: by its reply Redis has
    sent every push the write caused (what a publish does: publishing/content_version)."""
    client = redis.Redis.from_url(server.url)
    client.execute_command(*command)
    client.ping()
    client.close()


def held(server, path="/en/notices/"):
    """Answer ``path`` twice, the second time from memory (asserted); that answer."""
    wsgi_get(path)  # read from Redis and kept
    before = mgets(server)
    answer = wsgi_get(path)
    assert mgets(server) == before, "not answered from memory"
    return answer


def retitle(title):
    """A change the cache is not told of (no signal, so no new content version)."""
    Notice.objects.update(title_en=title, updated_at=timezone.now())  # a new card too


def page_key(path):
    """The Redis key of ``path``'s entry, asked over plain HTTP with no query."""
    return cache.make_key(page_entries.key(conf.SITE_URL, "http", path, ""))


def test_a_hit_from_memory_is_the_hit_from_redis(client, own_redis):
    make_notice(title="Same answer")
    client.get("/en/notices/")
    for asked in ({}, {"HTTP_ACCEPT_ENCODING": "gzip, br"}):
        if cache._wire.copy() is not None:
            cache._wire.copy().clear()  # the gzip answer comes from the same entry
        before = mgets(own_redis)
        from_redis = wsgi_get("/en/notices/", **asked)
        assert mgets(own_redis) == before + 1
        from_memory = wsgi_get("/en/notices/", **asked)
        assert mgets(own_redis) == before + 1, "not answered from memory"
        assert from_memory == from_redis and "Last-Modified" in from_memory[1]
    status, headers, body = wsgi_get("/en/notices/", HTTP_IF_NONE_MATCH=from_redis[1]["ETag"])
    assert status == HTTPStatus.NOT_MODIFIED and body == b""


def test_a_key_written_or_deleted_by_another_connection_is_read_again(client, own_redis):
    make_notice(title="First")
    home = client.get("/en/").content
    client.get("/en/notices/")
    held(own_redis)
    stored = redis.Redis.from_url(own_redis.url).get(page_key("/en/"))
    assert stored is not None
    # The list's key now holds the home page.
    elsewhere(own_redis, "SET", page_key("/en/notices/"), stored)
    assert wsgi_get("/en/notices/")[2] == home
    elsewhere(own_redis, "DEL", page_key("/en/notices/"))
    # Rendered again (the list's own parts are kept per content version, so the page is
    # what it was before the SET), not the home page the worker's memory held.
    again = wsgi_get("/en/notices/")[2]
    assert again != home and again == client.get("/en/notices/").content


def test_a_new_content_version_from_another_connection_is_seen_at_once(client, own_redis):
    make_notice(title="Before")
    client.get("/en/notices/")
    held(own_redis)
    retitle("After")
    elsewhere(own_redis, "INCR", cache.make_key(content_version.KEY))
    assert b"After" in wsgi_get("/en/notices/")[2]


def test_a_flush_drops_the_whole_copy(client, own_redis):
    make_notice(title="Before")
    client.get("/en/notices/")
    held(own_redis)
    retitle("After")
    elsewhere(own_redis, "FLUSHDB")
    assert b"After" in wsgi_get("/en/notices/")[2]


def test_a_restarted_redis_that_lost_its_keys_is_not_answered_for(client, own_redis):
    make_notice(title="Before")
    client.get("/en/notices/")
    held(own_redis)
    retitle("After")
    own_redis.process.kill()  # no save: started again, it holds nothing
    own_redis.process.wait()
    own_redis.start()
    status, _, body = wsgi_get("/en/notices/")
    assert status == HTTPStatus.OK and b"After" in body


@pytest.fixture
def own_redis_trusted_briefly(settings):
    yield from settings_then_redis(settings, seconds=0.5)


def test_a_stopped_redis_leaves_no_page_in_memory_past_the_bound(client, own_redis_trusted_briefly):
    server = own_redis_trusted_briefly
    make_notice(title="Before")
    client.get("/en/notices/")
    held(server)
    retitle("After")
    server.freeze()  # its pushes can no longer come
    try:
        time.sleep(0.6)  # past PAGE_CACHE_LOCAL_SECONDS since Redis last answered
        status, _, body = wsgi_get("/en/notices/")  # asks Redis, times out, renders
        assert status == HTTPStatus.OK and b"After" in body
    finally:
        server.thaw()


def test_a_publish_in_another_process_is_seen_by_the_next_read(own_redis):
    """The race a push can lose: Redis may answer the writer a moment before it pushes to
    the readers. bump() makes a second call after the version's, so by the time another
    process learns of the publish, the push is here."""
    names, rounds = [content_version.KEY], 300
    content_version.current()
    asked, told = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:  # another worker, publishing each time it is asked
        try:
            for _ in range(rounds):
                os.read(asked[0], 1)
                content_version.bump()
                os.write(told[1], b"x")
        finally:
            os._exit(0)
    stale = 0
    try:
        for _ in range(rounds):
            cache.get_raw_many(names)
            cache.get_raw_many(names)  # held
            os.write(asked[1], b"x")
            os.read(told[0], 1)
            found = int(cache.get_raw_many(names)[0])  # at once, as the next request would
            stale += found != int(redis.Redis.from_url(own_redis.url).get(cache.make_key(names[0])))
    finally:
        os.waitpid(pid, 0)
        for end in (*asked, *told):
            os.close(end)
    assert stale == 0


def test_this_process_reads_its_own_writes_at_once(own_redis):
    """Redis answers a write before it pushes its invalidation to the reading connection;
    a process's next read after a write of its own asks Redis, whose reply comes after."""
    cache.set("mine", b"\0start")
    stale = 0
    for number in range(2000):
        cache.get_raw_many(["mine"])  # held
        value = b"\0%d" % number
        cache.set("mine", value)
        stale += cache.get_raw_many(["mine"]) != [value]
    assert stale == 0


@pytest.fixture
def own_redis_small(settings):
    yield from settings_then_redis(settings, local_bytes=10_000)


def test_the_copy_keeps_within_its_bytes_oldest_dropped_first(client, own_redis_small):
    server = own_redis_small
    make_notice(title="Bound")
    for path in ("/en/notices/", "/en/"):
        client.get(path)
        wsgi_get(path)
    copy = cache._wire.copy()
    assert 0 < copy.size <= 10_000
    kept = [key for key in copy.values if ":page:" in key]  # pages, not the menus kept too
    assert len(kept) == 1 and "/en/notices/" not in kept[0]  # the first page went
    before = mgets(server)
    wsgi_get("/en/notices/")
    assert mgets(server) == before + 1


@pytest.fixture
def own_redis_without_copy(settings):
    yield from settings_then_redis(settings, local_bytes=0)


def test_no_copy_every_hit_asks_redis_in_resp2(client, own_redis_without_copy):
    server = own_redis_without_copy
    make_notice(title="Plain")
    client.get("/en/notices/")
    before = mgets(server)
    for _ in range(3):
        status, headers, body = wsgi_get("/en/notices/")
        assert status == HTTPStatus.OK and b"Plain" in body and "Last-Modified" in headers
    assert mgets(server) == before + 3
    assert cache._wire.copy() is None
    wire = next(c for c in redis.Redis.from_url(server.url).client_list() if c["cmd"] == "mget")
    assert wire["resp"] == "2" and "t" not in wire["flags"]


@pytest.fixture
def own_redis_uncached(settings):
    """The copy on, the page cache off: every page is rendered."""
    for found in settings_then_redis(settings):
        settings.PAGE_CACHE_SECONDS = 0
        yield found


def test_a_rendered_page_reads_the_content_version_from_memory(
    client, own_redis_uncached, django_capture_on_commit_callbacks
):
    # Nearly every page reads the version (and the menus with it) before it renders: from
    # the worker's copy, as hits are, until a change, which the next page shows.
    server = own_redis_uncached
    make_notice(title="Before")
    wsgi_get("/en/")  # stores the menus: after a write of its own the worker asks once more
    wsgi_get("/en/")
    before = mgets(server)
    status, _headers, body = wsgi_get("/en/")
    assert status == HTTPStatus.OK and b"Before" in body and b"Last-Modified" not in body
    assert mgets(server) == before, "the version was asked of Redis"
    notice = Notice.objects.get()
    notice.title_en = "After"
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        notice.save()
    status, _headers, body = wsgi_get("/en/")
    assert b"After" in body and b"Before" not in body
