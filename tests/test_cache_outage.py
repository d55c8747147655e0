"""Redis down or hung: pages still answer from the database, a staff save still succeeds,
nothing cached before the outage is served after it, and /healthz says "degraded" (200).

Real failing parts, no mock: a loopback port where nothing listens, and a redis-server of
the test's own that is stopped (its data kept on disk) or frozen with SIGSTOP.
"""

import time
from http import HTTPStatus

import pytest

from embassy_site.cache import SOCKET_TIMEOUT_SECONDS, configure
from notices.models import Notice
from publishing.models import Status
from publishing.roles import PUBLISHERS
from relations.models import Relation

from .factories import make_notice, make_staff
from .public_content import public_pages
from .redis_server import RETRY_SECONDS, own_redis_cache
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


@pytest.fixture
def own_redis(settings):
    yield from own_redis_cache(settings)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_every_page_answers_from_the_database_while_the_cache_is_down(client, cache_down):
    paths = public_pages()
    for page_type, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if page_type == "404" else 200), page_type
    relation = Relation.objects.current().first()
    body = client.get(relation.get_absolute_url()).content.decode()
    assert "Partnership for Peace" in body  # the cached part of the page, rendered anyway


def test_healthz_says_degraded_not_down_when_only_the_cache_is(client, cache_down):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK  # the server stays in rotation
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_a_withdrawal_with_redis_down_succeeds_and_no_stale_page_follows(
    client, own_redis, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = make_notice(title="Soon withdrawn")
    url = notice.get_absolute_url()
    assert "Soon withdrawn" in client.get(url).content.decode()
    assert "Last-Modified" in client.get(url)  # stored in Redis
    staff = type(client)()
    staff.force_login(make_staff("anna", PUBLISHERS))
    own_redis.stop_keeping_data()
    withdraw = {"action": "withdraw", "_selected_action": notice.pk, "index": 0, "post": "yes"}
    withdraw["reason_en"] = "The rules changed."
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/admin/notices/notice/", withdraw)
    assert response.status_code == HTTPStatus.FOUND  # not a 500
    assert Notice.objects.get(pk=notice.pk).status == Status.WITHDRAWN
    # Kept at its address with its banner, never the stale live page.
    assert "The rules changed." in client.get(url).content.decode()  # from the database
    own_redis.start()  # back, with the old version and the old page
    time.sleep(RETRY_SECONDS + 0.1)
    assert "The rules changed." in client.get(url).content.decode()
    assert "The rules changed." in client.get(url).content.decode()


def test_a_hung_redis_costs_one_timeout_then_is_skipped(client, own_redis, page_cache):
    make_notice(title="Still served")
    client.get("/en/notices/")
    own_redis.freeze()
    started = time.monotonic()
    for _ in range(10):
        response = client.get("/en/notices/")
        assert response.status_code == HTTPStatus.OK
        assert "Still served" in response.content.decode()
    health = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert health.status_code == HTTPStatus.OK and health.json()["status"] == "degraded"
    # Waiting on every call would take at least a timeout per request (several per miss).
    assert elapsed < 10 * SOCKET_TIMEOUT_SECONDS
    own_redis.thaw()
    time.sleep(RETRY_SECONDS + 0.1)
    client.get("/en/notices/")  # stored again
    assert "Last-Modified" in client.get("/en/notices/")
    assert client.get("/healthz").json()["status"] == "ok"
