"""A language version goes live when it is ready: until a page is published in Romanian, its
Romanian visitors read the English, marked, wherever the page appears; the choice is
reviewed and kept in revisions like the text."""

from http import HTTPStatus

import lxml.etree
import pytest
from django.test import Client

from publishing import languages, revisions, snapshots
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_relation, make_section, make_staff
from .html import form_data, parse, text_of
from .revisions_helpers import NOTICE
from .test_seo import SITEMAP_NS, sitemap_pages

pytestmark = pytest.mark.django_db
RO_NOTE = "Această pagină nu este încă disponibilă în limba română"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def half_translated(**kwargs):
    """A notice whose Romanian is written but not yet published."""
    return make_notice(
        title="Visa rules",
        slug="visa-rules",
        title_ro="Regimul vizelor",
        slug_ro="regimul-vizelor",
        summary="What to know.",
        summary_ro="Ce trebuie știut.",
        body="<p>Visas now.</p>",
        body_ro="<p>Vizele acum.</p>",
        published_languages=[],
        **kwargs,
    )


def test_an_unpublished_language_shows_the_english_marked_with_the_note(client):
    half_translated()
    response = client.get("/ro/notices/visa-rules/")
    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    h1 = doc.cssselect("h1")[0]
    assert (h1.text_content(), h1.get("lang")) == ("Visa rules", "en")
    assert doc.cssselect(".notice-body")[0].get("lang") == "en"
    assert "Vizele acum" not in text_of(doc)
    assert doc.cssselect("title")[0].text_content().startswith("Visa rules – ")
    assert RO_NOTE in text_of(doc.cssselect("[role=note]")[0])
    # Its Romanian slug is not live either: it leads to the address the page has now.
    response = client.get("/ro/notices/regimul-vizelor/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/ro/notices/visa-rules/"


def test_lists_feeds_sitemap_and_hreflang_follow_the_english_too(client):
    half_translated()
    listing = parse(client.get("/ro/notices/"))
    link = listing.cssselect(".card-list h2 a")[0]
    assert (link.text_content(), link.get("lang")) == ("Visa rules", "en")
    assert link.get("href") == "/ro/notices/visa-rules/"
    feed = lxml.etree.fromstring(client.get("/ro/notices/feed/").content)
    entry = feed.find("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == "Visa rules"
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    detail = parse(client.get("/en/notices/visa-rules/"))
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in detail.xpath("//head/link[@rel='alternate'][@hreflang]")
    }
    assert alternates["ro"] == "http://testserver/ro/notices/visa-rules/"
    locations = [
        loc
        for root in sitemap_pages(client)
        for loc in root.xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    ]
    assert "http://testserver/ro/notices/visa-rules/" in locations
    assert "http://testserver/ro/notices/regimul-vizelor/" not in locations


def test_search_in_an_unpublished_language_finds_the_english_not_the_translation(client):
    half_translated()
    assert "Visa rules" not in text_of(parse(client.get("/ro/search/?q=vizele")))
    doc = parse(client.get("/ro/search/?q=visas"))
    link = doc.cssselect(".search-results h2 a")[0]
    assert link.get("href") == "/ro/notices/visa-rules/"
    assert link.cssselect("[lang=en]")[0].text_content() == "Visa rules"


def test_parts_of_a_relation_follow_their_page(client):
    relation = make_relation(
        title="Relations", title_ro="Relații", slug="rel", published_languages=[]
    )
    make_section(relation, heading="History", heading_ro="Istorie", body="<p>Past.</p>")
    doc = parse(client.get("/ro/relations/rel/"))
    assert "Istorie" not in text_of(doc)
    assert doc.xpath("//h2[text()='History']")[0].get("lang") == "en"
    relation.published_languages = ["ro"]
    relation.save()
    doc = parse(client.get("/ro/relations/rel/"))
    assert doc.xpath("//h2[text()='Istorie']")[0].get("lang") is None
    assert not doc.cssselect("[role=note]")


def login(role, name):
    client = Client()
    client.force_login(make_staff(name, role))
    return client


def test_publishing_a_language_goes_through_review_like_the_text(client, settings):
    notice = half_translated()
    editor, publisher = login(EDITORS, "eddie"), login(PUBLISHERS, "anna")
    url = NOTICE.format(notice.pk)
    form = parse(editor.get(url + "change/"))
    boxes = {box.get("value"): box for box in form.cssselect("[name=published_languages]")}
    assert sorted(boxes) == ["az", "ro"]
    labels = text_of(form.cssselect(".field-published_languages")[0])
    assert "Published in" in labels and "Română" in labels and "Azərbaycanca" in labels
    data = form_data(editor.get(url + "change/"))
    data["published_languages"] = ["ro"]
    response = editor.post(url + "change/", data, follow=True)
    assert "Saved as a draft" in text_of(parse(response))
    # Waiting for a publisher: visitors still read the English.
    assert parse(client.get("/ro/notices/visa-rules/")).cssselect("h1")[0].get("lang") == "en"
    draft = revisions.pending_draft(notice)
    assert draft.data["page"]["fields"]["published_languages"] == ["ro"]
    assert publisher.post(url + f"history/{draft.pk}/publish/").status_code == HTTPStatus.FOUND
    response = client.get("/ro/notices/visa-rules/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY  # now at its Romanian slug
    assert response["Location"] == "/ro/notices/regimul-vizelor/"
    doc = parse(client.get("/ro/notices/regimul-vizelor/"))
    assert doc.cssselect("h1")[0].text_content() == "Regimul vizelor"
    assert doc.cssselect("h1")[0].get("lang") is None
    assert not doc.cssselect("[role=note]")


def test_a_revision_from_before_the_choice_leaves_it_as_it_is():
    notice = make_notice(title="Visa rules", title_ro="Regimul vizelor")
    assert notice.published_languages == ["ro"]
    old = snapshots.take(notice)
    del old["page"]["fields"]["published_languages"]
    snapshots.apply(notice, old)
    notice.refresh_from_db()
    assert notice.published_languages == ["ro"]
    with_choice = snapshots.take(notice)
    with_choice["page"]["fields"]["published_languages"] = []
    snapshots.apply(notice, with_choice)
    notice.refresh_from_db()
    assert notice.published_languages == []


def test_existing_pages_count_as_published_where_their_title_is_translated():
    notice = make_notice(title_az="Viza qaydaları", published_languages=[])
    assert languages.initial(notice) == ["az"]
    notice.published_languages = ["xx"]
    with pytest.raises(Exception, match="Choose among the translations"):
        notice.full_clean()
