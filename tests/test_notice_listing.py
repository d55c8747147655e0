"""A notice list's page kept per content version (notices/listing.py): what a visitor sees
after every kind of change, on the local-memory cache (the tests' default)."""

from http import HTTPStatus

import pytest
from django.utils import timezone

from publishing import actions
from publishing.roles import PUBLISHERS

from .factories import make_category, make_notice, make_staff

pytestmark = pytest.mark.django_db

LISTS = ["/en/notices/", "/en/notices/category/visas/"]


@pytest.fixture
def visas():
    return make_category(name="Visas", slug="visas")


def page(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    return response.content.decode()


def test_a_kept_page_is_the_page_rendered_afresh(client, visas, settings):
    for n in range(12):
        make_notice(title=f"Notice {n}", category=visas)
    paths = [*LISTS, "/en/notices/?page=2", "/ro/notices/category/visas/?page=2"]
    first = {path: page(client, path) for path in paths}
    again = {path: page(client, path) for path in paths}
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    assert first == again == {path: page(client, path) for path in paths}


def test_a_published_notice_shows_and_makes_a_new_page(
    client, visas, django_capture_on_commit_callbacks
):
    for n in range(10):
        make_notice(title=f"Notice {n}", category=visas)
    for path in LISTS:
        assert 'rel="next"' not in page(client, path)
        assert client.get(path + "?page=2").status_code == HTTPStatus.NOT_FOUND
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(title="Consular day", category=visas)
    for path in LISTS:
        html = page(client, path)
        assert "Consular day" in html and 'rel="next"' in html, path
        assert "Notice 0" in page(client, path + "?page=2"), path


def test_a_withdrawn_notice_leaves_and_its_page_goes(
    client, visas, django_capture_on_commit_callbacks
):
    made = [make_notice(title=f"Notice {n}", category=visas) for n in range(11)]
    for path in LISTS:
        assert "Notice 0" in page(client, path + "?page=2")
    with django_capture_on_commit_callbacks(execute=True):
        actions.Withdraw(made[-1], make_staff("pia", PUBLISHERS), reason={"en": "Wrong."}).run()
    for path in LISTS:
        html = page(client, path)
        assert "Notice 10" not in html and "Notice 0" in html and 'rel="next"' not in html
        assert client.get(path + "?page=2").status_code == HTTPStatus.NOT_FOUND


def test_an_edit_shows_in_every_language(client, visas, django_capture_on_commit_callbacks):
    notice = make_notice(title="Visa hours", category=visas)
    for language in ["en", "ro", "az"]:
        page(client, f"/{language}/notices/")
    with django_capture_on_commit_callbacks(execute=True):
        notice.title_en = "Visa hours in summer"
        notice.title_az = "Yay vizası saatları"
        notice.published_languages = ["az"]
        notice.save()
    assert "Visa hours in summer" in page(client, "/en/notices/")
    assert "Visa hours in summer" in page(client, "/ro/notices/")
    assert "Yay vizası saatları" in page(client, "/az/notices/")


@pytest.mark.parametrize("path", LISTS)
def test_a_scheduled_notice_appears_and_an_expiring_one_leaves_on_time(client, visas, path, clock):
    soon = timezone.now() + timezone.timedelta(seconds=2)
    make_notice(title="Scheduled visit", category=visas, publish_at=soon)
    make_notice(title="Closing soon", category=visas, expires_at=soon)
    html = page(client, path)
    assert "Scheduled visit" not in html and "Closing soon" in html
    clock.advance((soon - timezone.now()).total_seconds() + 0.2)  # nothing is written
    html = page(client, path)
    assert "Scheduled visit" in html and "Closing soon" not in html


def test_the_page_links_keep_the_requests_own_parameters(client, visas):
    for n in range(11):
        make_notice(title=f"Notice {n}", category=visas)
    page(client, "/en/notices/")  # kept
    assert "?utm_source=mail&amp;page=2" in page(client, "/en/notices/?utm_source=mail")


@pytest.mark.parametrize("query", ["?page=2", "?page=0", "?page=x", "?page=%C2%B2"])
def test_a_page_that_does_not_exist_is_a_404_kept_or_not(client, visas, query):
    make_notice(category=visas)
    for path in LISTS:
        page(client, path)  # the first page is kept
        assert client.get(path + query).status_code == HTTPStatus.NOT_FOUND


def test_a_new_or_renamed_category_answers_at_once(
    client, visas, django_capture_on_commit_callbacks
):
    make_notice(title="Visa hours", category=visas)
    assert client.get("/en/notices/category/culture/").status_code == HTTPStatus.NOT_FOUND
    page(client, "/en/notices/category/visas/")  # the categories are kept
    with django_capture_on_commit_callbacks(execute=True):
        culture = make_category(name="Culture", slug="culture")
        make_notice(title="Film week", category=culture)
        visas.name = "Visas and passports"
        visas.save()
    assert "Film week" in page(client, "/en/notices/category/culture/")
    assert "<h1>Visas and passports</h1>" in page(client, "/en/notices/category/visas/")
