"""The Redis cache as production runs it (embassy_site/cache.py), against a real Redis.

Uses database 11 of the Redis at REDIS_TEST_URL (default redis://127.0.0.1:6379/11) and
empties only that database. Skipped where no Redis answers, except in CI (CI=true or
REQUIRE_BROWSER=1), where that is a failure.
"""

import os

import pytest
import redis

from embassy_site.cache import configure
from relations.models import Relation

from .public_content import public_pages

pytestmark = pytest.mark.django_db

URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture
def redis_cache(settings):
    try:
        redis.Redis.from_url(URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Redis is required here (CI) but does not answer at {URL}: {error}")
        pytest.skip(f"Redis test skipped: no Redis at {URL}")
    settings.CACHES = {
        "default": configure(
            {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": URL}
        )
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_relation_pages_are_cached_in_redis(client, redis_cache, django_assert_max_num_queries):
    path = public_pages()["relation"]
    first = client.get(path)
    assert first.status_code == 200
    # the relation with its lead image, the image's renditions; the body comes from Redis
    with django_assert_max_num_queries(2):
        assert client.get(path).content == first.content


def test_healthz_sees_redis(client, redis_cache):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_an_edit_still_shows_at_once(client, redis_cache):
    path = public_pages()["relation"]
    client.get(path)
    relation = Relation.objects.current().first()
    relation.frameworks.update(name="Partnership for Peace (renamed)")
    relation.save()  # moves updated_at, and so the cache key
    assert "(renamed)" in client.get(path).content.decode()
