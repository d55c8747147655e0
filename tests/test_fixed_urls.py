"""Addresses kept once per process (embassy_site/templatetags/fixed_urls.py): each language
still links its own home, search and feed, and a changed static setting is seen at once."""

import pytest
from django.test import override_settings

from .html import parse

pytestmark = pytest.mark.django_db


def links(response):
    page = parse(response)
    return {
        "home": page.cssselect("a.site-name")[0].get("href"),
        "feed": page.cssselect('link[type="application/atom+xml"]')[0].get("href"),
        "css": page.cssselect('link[rel="stylesheet"]')[0].get("href"),
    }


@pytest.mark.parametrize("language", ["ro", "az"])
def test_each_language_keeps_its_own_addresses(client, language):
    assert links(client.get("/en/notices/"))["home"] == "/en/"
    found = links(client.get(f"/{language}/notices/"))
    assert found["home"] == f"/{language}/"
    assert found["feed"].startswith(f"/{language}/")
    assert links(client.get("/en/notices/"))["feed"].startswith("/en/")


def test_a_changed_static_setting_is_not_answered_from_the_kept_copy(client):
    assert links(client.get("/en/notices/"))["css"] == "/static/css/site.css"
    with override_settings(STATIC_URL="/assets/"):
        assert links(client.get("/en/notices/"))["css"] == "/assets/css/site.css"
    assert links(client.get("/en/notices/"))["css"] == "/static/css/site.css"
