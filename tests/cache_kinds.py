"""The default cache a test runs on: the test settings' local memory, or the machine's Redis
(as production runs it), emptied before and after. Required where CI runs the suite."""

import os

import pytest
import redis

from embassy_site.cache import configure

KINDS = ["locmem", "redis"]


def use(kind, settings, url):
    """A fixture's body (``yield from use(request.param, settings, URL)``): yields ``kind``."""
    if kind == "redis":
        try:
            redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
        except redis.RedisError as error:
            if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
                pytest.fail(f"Redis is required here (CI) but does not answer: {error}")
            pytest.skip(f"no Redis at {url}")
        config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        settings.CACHES = {"default": configure(config)}
    yield kind
    if kind == "redis":
        redis.Redis.from_url(url).flushdb()
