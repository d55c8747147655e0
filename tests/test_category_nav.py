"""The notices' category navigation, kept rendered per content version
(notices/templatetags/notice_cards.py): each list marks its own category, the categories are
read once per version, and a committed change to a category shows at once."""

import pytest

from .chrome import CHROME_QUERIES
from .factories import make_category, make_notice
from .html import parse

pytestmark = pytest.mark.django_db


def nav(client, path):
    links = parse(client.get(path)).cssselect("nav.categories a")
    return [(a.text_content(), a.get("aria-current")) for a in links]


@pytest.fixture
def visas():
    category = make_category(name="Visas", slug="visas")
    make_notice(category=category)
    make_category(name="Scholarships", slug="scholarships")
    return category


def test_each_list_marks_its_own_category(client, visas):
    assert nav(client, "/en/notices/")[:1] == [("All notices", "page")]
    assert ("Visas", "page") in nav(client, "/en/notices/category/visas/")
    assert ("Scholarships", "page") in nav(client, "/en/notices/category/scholarships/")
    assert ("Visas", None) in nav(client, "/en/notices/category/scholarships/")
    assert nav(client, "/en/notices/")[:1] == [("All notices", "page")]


def test_the_categories_are_read_once_a_version(client, visas, django_assert_num_queries):
    client.get("/en/notices/")
    # the chrome, the navigation and the list's page (count and cards) are kept
    with django_assert_num_queries(0):
        client.get("/en/notices/")
    assert CHROME_QUERIES  # the first visit read the chrome too


def test_a_renamed_or_new_category_shows_at_once(client, visas, django_capture_on_commit_callbacks):
    assert ("Visas", None) in nav(client, "/en/notices/")
    with django_capture_on_commit_callbacks(execute=True):
        visas.name = "Visas and passports"
        visas.save()
        make_category(name="Culture", slug="culture")
    found = nav(client, "/en/notices/")
    assert ("Visas and passports", None) in found and ("Culture", None) in found
