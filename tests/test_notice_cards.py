"""Cached notice cards (notices/cards.py): a list's cards come from the cache, and every
change to what a card shows is seen by the very next render. A list's page is also kept per
content version (notices/listing.py), which moves once a save commits, so the changes here
are committed, as an editor's save is before anyone sees a page. On the local-memory cache
and on a real Redis."""

import os
import re

import pytest
from django.utils import timezone

from notices.models import Notice
from publishing import actions
from publishing.roles import PUBLISHERS

from . import cache_kinds
from .factories import make_category, make_notice, make_staff

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")
PAGES = ["/en/", "/en/notices/", "/en/notices/category/visas/"]


@pytest.fixture(autouse=True, params=cache_kinds.KINDS)
def card_cache(request, settings):
    yield from cache_kinds.use(request.param, settings, REDIS_URL)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def notice():
    return make_notice(title="Visa hours", category=make_category(name="Visas", slug="visas"))


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def cards(page):
    return re.findall(r"<li>\s*<h[23]>.*?</li>", page, re.DOTALL)


def test_a_card_is_read_from_the_cache(client, notice, settings):
    for path in PAGES:
        html(client, path)
    # Not a way the site changes content (no save, no new update time): only the cache
    # can still show the old title.
    Notice.objects.filter(pk=notice.pk).update(title="Changed behind the cache")
    for path in PAGES:
        assert "Visa hours" in html(client, path)
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    assert "Changed behind the cache" in html(client, "/en/notices/")


def test_cached_cards_are_the_cards_rendered_afresh(client, notice, settings):
    make_notice(title="Pinned rule", pinned=True, category=notice.category)
    first = {path: html(client, path) for path in PAGES}
    again = {path: html(client, path) for path in PAGES}
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    fresh = {path: html(client, path) for path in PAGES}
    assert first == again == fresh
    assert "<strong>Pinned</strong>" in fresh["/en/notices/"]
    assert "<h3>" in "".join(cards(fresh["/en/"]))  # each list's own variant of the card
    assert ">Visas</a>" in "".join(cards(fresh["/en/notices/"]))
    assert ">Visas</a>" not in "".join(cards(fresh["/en/notices/category/visas/"]))


def test_a_saved_change_shows_on_the_next_render(client, notice, committed):
    for path in PAGES:
        html(client, path)
    with committed(execute=True):
        notice.title = "Visa hours in summer"
        notice.summary = "Open in the mornings."
        notice.save()
    for path in PAGES:
        page = html(client, path)
        assert "Visa hours in summer" in page and "Open in the mornings." in page


def test_a_renamed_category_shows_on_every_card(client, notice, committed):
    html(client, "/en/notices/")
    category = notice.category
    with committed(execute=True):
        category.name = "Visas and passports"
        category.save()
    assert ">Visas and passports</a>" in "".join(cards(html(client, "/en/notices/")))


def test_a_translation_shows_unmarked_in_its_language(client, notice, committed):
    before = "".join(cards(html(client, "/ro/notices/")))
    assert ' lang="en">Visa hours</a>' in before  # the English, marked as such
    with committed(execute=True):
        notice.title_ro = "Programul pentru vize"
        notice.published_languages = ["ro"]  # Romanian goes live with its title
        notice.save()
    with committed(execute=True):
        category = notice.category
        category.name_ro = "Vize"
        category.save()
    after = "".join(cards(html(client, "/ro/notices/")))
    assert '">Programul pentru vize</a>' in after
    assert '">Vize</a>' in after and ' lang="en">Visas</a>' not in after
    assert "Programul pentru vize" not in "".join(cards(html(client, "/en/notices/")))


def test_a_withdrawn_notice_leaves_the_lists(client, notice, committed):
    other = make_notice(title="Scholarships open", category=notice.category)
    for path in PAGES:
        assert "Visa hours" in html(client, path)
    publisher = make_staff("pia", PUBLISHERS)
    with committed(execute=True):
        actions.Withdraw(notice, publisher, reason={"en": "Wrong hours."}).run()
    for path in PAGES:
        page = html(client, path)
        assert "Visa hours" not in page and other.title in page


def test_an_expired_notice_leaves_the_lists(client, notice, clock):
    soon = timezone.now() + timezone.timedelta(seconds=2)
    Notice.objects.filter(pk=notice.pk).update(expires_at=soon)  # as saved before the visit
    assert "Visa hours" in html(client, "/en/notices/")
    clock.advance((soon - timezone.now()).total_seconds() + 0.2)  # nothing is written
    assert "Visa hours" not in html(client, "/en/notices/")
