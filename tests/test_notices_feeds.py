"""Atom feeds: parsed as XML, with the required elements, listing only current notices."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from publishing.models import Status

from .factories import make_category, make_notice

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def parse(response):
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def entry_titles(feed):
    return feed.xpath("a:entry/a:title/text()", namespaces=ATOM)


def test_feed_has_atom_required_elements_and_entry_links(client):
    notice = make_notice(title="Visa rules", summary="How to apply")
    feed = parse(client.get(reverse("notices:feed")))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:id", namespaces=ATOM) == "http://testserver/en/notices/"
    assert feed.findtext("a:title", namespaces=ATOM).startswith("Notices – ")
    assert feed.findtext("a:updated", namespaces=ATOM)
    self_link = feed.xpath("a:link[@rel='self']/@href", namespaces=ATOM)
    assert self_link == ["http://testserver/en/notices/feed/"]
    (entry,) = feed.findall("a:entry", namespaces=ATOM)
    url = "http://testserver" + notice.get_absolute_url()
    assert entry.findtext("a:id", namespaces=ATOM) == url
    assert entry.findtext("a:title", namespaces=ATOM) == "Visa rules"
    assert entry.xpath("a:link/@href", namespaces=ATOM) == [url]
    assert entry.findtext("a:summary", namespaces=ATOM) == "How to apply"
    assert entry.findtext("a:updated", namespaces=ATOM)
    assert entry.findtext("a:published", namespaces=ATOM)


def test_feed_lists_only_current_notices(client):
    make_notice(title="Current")
    make_notice(title="Draft", status=Status.DRAFT)
    make_notice(title="Scheduled", publish_at=timezone.now() + timedelta(days=1))
    make_notice(
        title="Expired",
        publish_at=timezone.now() - timedelta(days=5),
        expires_at=timezone.now() - timedelta(days=1),
    )
    feed = parse(client.get(reverse("notices:feed")))
    assert entry_titles(feed) == ["Current"]


def test_category_feed_lists_only_its_notices(client):
    visas = make_category(name="Visas", slug="visas")
    make_notice(title="Visa rules", category=visas)
    make_notice(title="Visa draft", category=visas, status=Status.DRAFT)
    make_notice(title="Scholarships")
    feed = parse(client.get(reverse("notices:category_feed", kwargs={"slug": "visas"})))
    assert entry_titles(feed) == ["Visa rules"]
    assert feed.findtext("a:title", namespaces=ATOM).startswith("Visas – ")
    assert feed.findtext("a:id", namespaces=ATOM) == "http://testserver/en/notices/category/visas/"


def test_empty_feed_is_still_valid_atom(client):
    feed = parse(client.get(reverse("notices:feed")))
    assert feed.findtext("a:updated", namespaces=ATOM)
    assert entry_titles(feed) == []


def test_unknown_category_feed_is_404(client):
    url = reverse("notices:category_feed", kwargs={"slug": "nothing-here"})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("category_feed", [False, True])
def test_feed_and_every_entry_name_the_embassy_as_author(client, settings, category_feed):
    """RFC 4287: a feed without atom:author is rejected by strict validators."""
    settings.EMBASSY_NAME = "Embassy of Romania in Testland"
    visas = make_category(name="Visas", slug="visas")
    make_notice(title="Visa rules", category=visas)
    make_notice(title="More visa rules", category=visas)
    url = (
        reverse("notices:category_feed", kwargs={"slug": "visas"})
        if category_feed
        else reverse("notices:feed")
    )
    feed = parse(client.get(url))
    entries = feed.findall("a:entry", namespaces=ATOM)
    assert len(entries) == 2
    for element in [feed, *entries]:
        (author,) = element.findall("a:author", namespaces=ATOM)
        assert author.findtext("a:name", namespaces=ATOM) == "Embassy of Romania in Testland"
        assert author.findtext("a:uri", namespaces=ATOM) == "http://testserver/en/"
