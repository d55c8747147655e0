"""Redis down: every page still answers from the database, and /healthz names the cache.

A real failing part, no mock: the cache points at a loopback port where nothing listens.
"""

import pytest

from embassy_site.cache import configure
from relations.models import Relation

from .public_content import public_pages
from .servers import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    url = f"redis://127.0.0.1:{closed_port()}/11"
    settings.CACHES = {
        "default": configure(
            {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        )
    }


def test_every_page_answers_from_the_database_while_the_cache_is_down(client, cache_down):
    paths = public_pages()
    for page_type, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if page_type == "404" else 200), page_type
    relation = Relation.objects.current().first()
    body = client.get(relation.get_absolute_url()).content.decode()
    assert "Partnership for Peace" in body  # the cached part of the page, rendered anyway


def test_healthz_names_the_cache_when_it_is_down(client, cache_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    assert response["Retry-After"]
