"""A Redis cache that the site can live without: when Redis is down or hung, every read misses.

Django's Redis backend raises when the server cannot be reached, and waits for every call on
a hung one. Here:
- calls have short connect and socket timeouts (a loopback or LAN Redis answers in well
  under a millisecond, so 0.25 s means "not answering");
- after one failure the cache is skipped altogether for ``RETRY_SECONDS`` (a circuit
  breaker, shared by every thread of the process), so a hung Redis costs one timeout per
  few seconds, not one per call;
- before the first call after an outage, the hooks in ``AFTER_OUTAGE`` run (the page cache
  moves the content version there: a save made while Redis was away could not, so no page
  cached before the outage is served after it);
- the client and its connection pool are made once per process (Django's backend builds a
  ``redis.Redis`` object on every call);
- bytes that begin with a NUL byte are stored as they are, not pickled (neither a pickle
  nor an integer begins so), and ``get_raw_many`` reads stored bytes with no unpickling,
  through embassy_site/redis_wire.py where it can: the page cache's hit path, answered
  from the worker's memory while Redis says those keys did not change
  (PAGE_CACHE_LOCAL_BYTES, embassy_site/near_cache.py).
A failed call is logged at most once a minute and answered as a miss.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer
from django.utils.functional import cached_property
from redis.exceptions import RedisError

from . import near_cache, redis_wire

logger = logging.getLogger(__name__)

BACKEND = "embassy_site.cache.ResilientRedisCache"
SOCKET_TIMEOUT_SECONDS = 0.25
RETRY_SECONDS = 5.0
WARN_EVERY_SECONDS = 60
# What each method answers when Redis fails: a miss, or "nothing stored".
FALLBACKS = {
    "add": False,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": None,
    "delete_many": None,
    "clear": False,
}
READS = {"get", "get_many", "has_key"}  # every other call of the backend writes
# Callables run once when Redis answers again after a failure, before anything is read.
AFTER_OUTAGE = []


class CacheUnavailable(RedisError):
    """Raised by the methods that have no harmless answer (incr) while the breaker is open."""


def configure(config):
    """Django's Redis backend in a cache setting becomes this one, with short timeouts."""
    if config.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = BACKEND
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
    return config


class Breaker:
    """Open after a failure: calls are refused at once until ``retry_at``."""

    def __init__(self):
        self.retry_at = None  # None: closed
        self.warned_at = float("-inf")
        self.lock = threading.Lock()
        self.recovering = None  # the thread running the outage hooks

    def is_open(self):
        return self.retry_at is not None and time.monotonic() < self.retry_at

    def failed(self, error, retry_seconds):
        now = time.monotonic()
        self.retry_at = now + retry_seconds
        if now - self.warned_at >= WARN_EVERY_SECONDS:
            self.warned_at = now
            logger.warning("Cache unavailable, serving from the database: %s", error)


# One breaker, one pool and one client per Redis address, for every thread of the process.
_breakers = {}
_clients = {}
_lock = threading.Lock()


def breaker_for(location):
    with _lock:
        return _breakers.setdefault(location, Breaker())


class Serializer(RedisSerializer):
    """Django's, but bytes beginning with a NUL byte are kept as they are, both ways."""

    def dumps(self, obj):
        if type(obj) is bytes and obj[:1] == b"\0":
            return obj
        return super().dumps(obj)

    def loads(self, data):
        if data[:1] == b"\0":
            return data
        return super().loads(data)


class KeptClient(RedisCacheClient):
    """Django's client, but one ``redis.Redis`` (and so one pool) per server, kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._kept.get(index)
        if client is None:
            name = (self._servers[index], tuple(sorted(self._pool_options.items(), key=str)))
            with _lock:
                client = _clients.get(name)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[name] = self._client(connection_pool=pool)
            self._kept[index] = client
        return client


class _TolerantClient:
    def __init__(self, client, breaker, retry_seconds):
        self._client = client
        self._breaker = breaker
        self._retry_seconds = retry_seconds

    def _usable(self):
        """False while the breaker is open; after it, the outage hooks run first."""
        breaker = self._breaker
        if breaker.retry_at is None or breaker.recovering == threading.get_ident():
            return True
        if breaker.is_open():
            return False
        with breaker.lock:
            if breaker.retry_at is None:
                return True
            breaker.recovering = threading.get_ident()  # the hooks' own calls go through
            try:
                self._client.get_client(write=True).ping()
                for hook in AFTER_OUTAGE:
                    hook()
            except RedisError as error:
                breaker.failed(error, self._retry_seconds)
            else:
                breaker.retry_at = None
            finally:
                breaker.recovering = None
            return not breaker.is_open()

    def _call(self, name, *args, **kwargs):
        if not self._usable():
            if name in FALLBACKS:
                return FALLBACKS[name]
            raise CacheUnavailable("the cache is skipped after a recent failure")
        try:
            return getattr(self._client, name)(*args, **kwargs)
        except RedisError as error:
            self._breaker.failed(error, self._retry_seconds)
            if name in FALLBACKS:
                return FALLBACKS[name]
            raise
        finally:
            if name not in READS:
                near_cache.wrote()  # the next read of the page cache asks Redis

    def get(self, key, default):
        if not self._usable():
            return default
        try:
            return self._client.get(key, default)
        except RedisError as error:
            self._breaker.failed(error, self._retry_seconds)
            return default

    def __getattr__(self, name):
        def tolerant(*args, **kwargs):
            return self._call(name, *args, **kwargs)

        return tolerant


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = KeptClient
        self._options.setdefault("serializer", Serializer)

    @cached_property
    def _cache(self):
        client = self._class(self._servers, **self._options)
        breaker = breaker_for(tuple(self._servers))
        return _TolerantClient(client, breaker, self._retry_seconds)

    @cached_property
    def _wire(self):
        options = {k: v for k, v in self._options.items() if k != "serializer"}
        local_bytes = getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0)
        trust_seconds = getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 1.0)
        return redis_wire.for_cache(self._servers, options, local_bytes, trust_seconds)

    def get_raw_many(self, keys):
        """The bytes stored under each key, or None, in one MGET and never unpickled (an
        integer comes back as its digits)."""
        tolerant = self._cache
        if not tolerant._usable():
            return [None] * len(keys)
        names = [self.make_key(key) for key in keys]
        try:
            if self._wire is not None:
                return self._wire.mget(names)
            return tolerant._client.get_client(names[0]).mget(names)
        except RedisError as error:
            tolerant._breaker.failed(error, self._retry_seconds)
            return [None] * len(keys)

    def get_many_near(self, keys):
        """``get_many``, answered from this worker's tracked copy while it holds the keys
        (embassy_site/near_cache.py), as page cache hits are: the content version that
        nearly every request reads costs no round trip while nothing changed."""
        loads = self._cache._client._serializer.loads
        found = zip(keys, self.get_raw_many(keys), strict=True)
        return {key: loads(raw) for key, raw in found if raw is not None}

    def available(self):
        """False while calls are being skipped after a failure."""
        return self._cache._usable()

    def health_check(self):
        """Raise unless Redis answers (for /healthz: the tolerant methods never raise)."""
        self._cache._client.get_client(write=True).ping()
