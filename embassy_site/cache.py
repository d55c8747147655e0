"""A Redis cache that the site can live without: when Redis is down, every read misses.

Django's Redis backend raises when the server cannot be reached, so a ``{% cache %}`` block
turned a cache outage into a 500. Here a failed call is logged (at most once a minute) and
answered as a miss, so pages are rendered from the database; short socket timeouts keep a
hung server from holding every request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BACKEND = "embassy_site.cache.ResilientRedisCache"
SOCKET_TIMEOUT_SECONDS = 0.5
WARN_EVERY_SECONDS = 60
# What each method answers when Redis fails: a miss, or "nothing stored".
FALLBACKS = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": None,
    "delete_many": None,
    "clear": False,
}


def configure(config):
    """Django's Redis backend in a cache setting becomes this one, with short timeouts."""
    if config.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = BACKEND
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
    return config


class _TolerantClient:
    def __init__(self, client):
        self._client = client
        self._warned_at = float("-inf")

    def _failed(self, error):
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning("Cache unavailable, serving from the database: %s", error)

    def get(self, key, default):
        try:
            return self._client.get(key, default)
        except RedisError as error:
            self._failed(error)
            return default

    def __getattr__(self, name):
        method = getattr(self._client, name)
        if name not in FALLBACKS:
            return method

        def tolerant(*args, **kwargs):
            try:
                return method(*args, **kwargs)
            except RedisError as error:
                self._failed(error)
                return FALLBACKS[name]

        return tolerant


class ResilientRedisCache(RedisCache):
    @cached_property
    def _cache(self):
        return _TolerantClient(self._class(self._servers, **self._options))

    def health_check(self):
        """Raise unless Redis answers (for /healthz: the tolerant methods never raise)."""
        self._cache._client.get_client(write=True).ping()
