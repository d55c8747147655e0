"""A search's results kept per content version (search/kept_results.py): the page is the one
searched afresh, a save shows at once, a scheduled notice appears at its moment and an
expiring one leaves at its own, and a repeated search reads no row. On the local-memory
cache and on a real Redis (the production cache, read through the worker's tracked copy)."""

import os
from http import HTTPStatus

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing import actions, content_version, rendered
from publishing.roles import PUBLISHERS

from . import cache_kinds
from .factories import make_category, make_notice, make_relation, make_staff
from .search_helpers import search, titles

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")
# Shorter than the entries' timeout (PAGE_FRAGMENT_CACHE_SECONDS), which the local-memory
# cache measures by the moved clock too.
SOON = timezone.timedelta(minutes=2)


@pytest.fixture(autouse=True, params=cache_kinds.KINDS)
def search_cache(request, settings):
    yield from cache_kinds.use(request.param, settings, REDIS_URL)


def page(client, **params):
    response = search(client, **params)
    assert response.status_code == HTTPStatus.OK, params
    return response.content.decode()


def queries(work):
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


@pytest.fixture
def archive():
    visas = make_category(name="Visas")
    for n in range(12):
        make_notice(
            title=f"Visa notice {n}",
            title_ro=f"Anunț viză {n}",
            title_az=f"Viza elanı {n}",
            summary="Consular hours for a visa.",
            category=visas,
        )
    make_relation(title="Visa-free travel", slug="visa-free", summary="Consular talks.")


SEARCHES = [
    {"q": "visa"},
    {"q": "visa", "page": "2"},
    {"q": "Consular VISA"},
    {"q": "consular", "page": "2", "utm_source": "mail"},
    {"q": "nothing-like-it"},
    {"q": "!!!"},
    {"q": ""},
    {},
]


@pytest.mark.parametrize("language", ["en", "ro", "az"])
def test_a_kept_search_is_the_search_made_afresh(client, archive, settings, language):
    def pages():
        return [client.get(f"/{language}/search/", params).content.decode() for params in SEARCHES]

    first, again = pages(), pages()
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    assert first == again == pages()
    title = {"en": "Visa notice 1", "ro": "Anunț viză 1", "az": "Viza elanı 1"}[language]
    assert title in first[0] and 'class="pagination"' in first[0] and "13 " in first[0]


def test_each_language_keeps_its_own_results(client, archive):
    assert "Visa notice 1" in page(client, q="visa")  # the English results kept
    for language, title in [("ro", "Anunț viză 1"), ("az", "Viza elanı 1")]:
        html = client.get(f"/{language}/search/", {"q": "visa"}).content.decode()
        assert title in html and "Visa notice" not in html


def test_the_note_on_more_results_than_listed_is_kept_with_them(client, archive, monkeypatch):
    monkeypatch.setattr("search.views.MAX_RESULTS", 5)
    for _ in range(2):
        html = page(client, q="visa")
        assert "5 results for “visa”" in html
        assert "Only the best 5 results are listed" in html


def test_a_page_past_the_end_is_a_404_kept_or_not(client, archive):
    page(client, q="visa")
    page(client, q="visa", page="2")
    for _ in range(2):
        assert search(client, q="visa", page="3").status_code == HTTPStatus.NOT_FOUND
        assert search(client, q="nothing-like-it", page="2").status_code == HTTPStatus.NOT_FOUND


def test_nothing_matched_still_offers_the_lists(client, archive):
    for _ in range(2):
        html = page(client, q="nothing-like-it")
        assert "Or browse a section of the site:" in html and 'href="/en/notices/"' in html


def test_a_repeated_search_reads_no_row(client, archive, django_assert_num_queries):
    page(client, q="consular")  # the menus and the schedule, read once for the version
    with django_assert_num_queries(1):  # a search not kept yet: its one query, as ever
        first = page(client, q="visa")
    with django_assert_num_queries(0):
        assert page(client, q="visa") == first
    with django_assert_num_queries(0):  # the same words, another spelling
        assert titles(search(client, q="VISA")) == titles(search(client, q="visa"))


def test_the_first_search_reads_what_it_read_before_and_the_schedule(client, archive, settings):
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    page(client)  # the menus, read once for the version by any page
    live = queries(lambda: page(client, q="visa"))
    cache.clear()
    rendered.forget()
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 300
    page(client)
    schedule = queries(content_version.next_change)  # once per content version
    assert queries(lambda: page(client, q="visa")) == live + schedule
    assert queries(lambda: page(client, q="consular")) == live  # the schedule is known


def test_a_published_notice_is_found_at_once(client, archive, django_capture_on_commit_callbacks):
    assert "Embassy closed" not in page(client, q="consular")
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(title="Embassy closed", summary="No consular hours today.")
    assert "Embassy closed" in page(client, q="consular")


def test_a_notice_published_on_another_server_is_found_at_once(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    make_notice(title="Visa hours")
    assert titles(search(client, q="visa")) == ["Visa hours"]
    counted = content_version.saves_here()
    with django_capture_on_commit_callbacks(execute=True):  # the shared version moves
        make_notice(title="Visa day", slug="visa-day")
    # Saved by another server: this one counted no save of its own.
    monkeypatch.setattr(content_version, "_saves_here", counted)
    assert sorted(titles(search(client, q="visa"))) == ["Visa day", "Visa hours"]


def test_a_withdrawn_notice_is_gone_at_once(client, django_capture_on_commit_callbacks):
    notice = make_notice(title="Visa hours")
    assert titles(search(client, q="visa")) == ["Visa hours"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.Withdraw(notice, make_staff("pia", PUBLISHERS), reason={"en": "Wrong."}).run()
    html = page(client, q="visa")
    assert "Visa hours" not in html and "Nothing matched “visa”" in html


def test_a_scheduled_notice_is_found_at_its_moment(client, clock, django_assert_num_queries):
    make_notice(title="Visa hours")
    make_notice(title="Visa day", slug="visa-day", publish_at=timezone.now() + SOON)
    assert titles(search(client, q="visa")) == ["Visa hours"]
    clock.advance(SOON.total_seconds() / 2)
    with django_assert_num_queries(0):  # the kept results, until the notice's moment
        assert titles(search(client, q="visa")) == ["Visa hours"]
    clock.advance(SOON.total_seconds() / 2 + 1)
    assert sorted(titles(search(client, q="visa"))) == ["Visa day", "Visa hours"]


def test_an_expiring_notice_leaves_at_its_moment(client, clock):
    make_notice(title="Visa hours")
    make_notice(title="Visa day", slug="visa-day", expires_at=timezone.now() + SOON)
    assert sorted(titles(search(client, q="visa"))) == ["Visa day", "Visa hours"]
    clock.advance(SOON.total_seconds() - 60)
    assert sorted(titles(search(client, q="visa"))) == ["Visa day", "Visa hours"]
    clock.advance(61)
    html = page(client, q="visa")
    assert titles(search(client, q="visa")) == ["Visa hours"] and "1 result for" in html


def test_staff_signed_in_find_what_visitors_find(client, archive):
    visitor = page(client, q="visa")
    client.force_login(make_staff("pia", PUBLISHERS))
    staff = search(client, q="visa")
    assert titles(staff) == titles(search(client, q="visa"))
    assert titles(staff) and "13 results for “visa”" in visitor
    assert "13 results for “visa”" in staff.content.decode()


def test_random_searches_keep_nothing_in_the_process(client, archive):
    page(client, q="visa")
    kept = len(rendered._kept)
    for n in range(40):
        page(client, q=f"word{n}")
    assert len(rendered._kept) == kept


def test_a_kept_search_carries_a_timeout_ending_by_the_next_moment(client, search_cache, clock):
    if search_cache != "redis":
        pytest.skip("the expiry is Redis's")
    make_notice(title="Visa hours")
    make_notice(title="Visa day", slug="visa-day", publish_at=timezone.now() + SOON / 2)
    page(client, q="visa")
    store = redis.Redis.from_url(REDIS_URL)
    names = store.keys("*search-results*")
    assert names and all(0 < store.ttl(name) <= 61 for name in names)
