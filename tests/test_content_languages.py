"""A page in Romanian or Azerbaijani shows its own translations; the English it still
shows is marked lang="en"; the embassy's name is the language's own."""

from http import HTTPStatus

import pytest
from lxml import etree

from .factories import make_category, make_notice
from .html import parse

pytestmark = pytest.mark.django_db

RO_NAME = "Ambasada României în Republica Azerbaidjan"
AZ_NAME = "Rumıniyanın Azərbaycan Respublikasındakı Səfirliyi"


def get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return parse(response)


def test_the_embassy_name_is_written_as_each_language_writes_it(client):
    assert get(client, "/ro/").cssselect(".site-name")[0].text_content() == RO_NAME
    assert get(client, "/az/").cssselect(".site-name")[0].text_content() == AZ_NAME
    doc = get(client, "/az/notices/")
    assert doc.cssselect("title")[0].text_content().endswith(AZ_NAME)


def test_english_shown_in_romanian_is_marked_and_a_translation_is_not(
    client, django_capture_on_commit_callbacks
):
    category = make_category(name="Visas")
    make_notice(title="Visa rules", title_ro="Regimul vizelor", category=category)
    make_notice(title="Scholarships 2024", category=category)
    doc = get(client, "/ro/notices/")
    links = {a.text_content(): a.get("lang") for a in doc.cssselect(".card-list h2 a")}
    assert links == {"Regimul vizelor": None, "Scholarships 2024": "en"}
    nav = {a.text_content(): a.get("lang") for a in doc.cssselect("nav.categories a")}
    assert nav["Visas"] == "en"
    with django_capture_on_commit_callbacks(execute=True):  # kept categories: committed
        category.name_ro = "Vize"
        category.save()
    doc = get(client, f"/ro/notices/category/{category.slug}/")
    assert doc.cssselect("h1")[0].text_content() == "Vize"
    assert doc.cssselect("h1")[0].get("lang") is None


def test_a_translated_notice_has_no_note_and_its_title_in_the_head(client):
    notice = make_notice(title="Visa rules", title_ro="Regimul vizelor", summary_ro="Pe scurt.")
    doc = get(client, f"/ro/notices/{notice.slug}/")
    assert not doc.cssselect("[role=note]")
    assert doc.cssselect("title")[0].text_content() == f"Regimul vizelor – {RO_NAME}"
    assert doc.cssselect("meta[name=description]")[0].get("content") == "Pe scurt."
    assert doc.cssselect("meta[property='og:title']")[0].get("content") == "Regimul vizelor"
    english = get(client, f"/az/notices/{notice.slug}/")
    assert english.cssselect("[role=note]")
    assert english.cssselect("h1")[0].get("lang") == "en"


def test_feed_entries_still_in_english_say_so(client):
    make_notice(title="Visa rules", title_ro="Regimul vizelor")
    make_notice(title="Scholarships 2024")
    feed = etree.fromstring(client.get("/ro/notices/feed/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    langs = {
        entry.findtext("a:title", namespaces=ns): entry.get(
            "{http://www.w3.org/XML/1998/namespace}lang"
        )
        for entry in feed.findall("a:entry", ns)
    }
    assert langs == {"Regimul vizelor": None, "Scholarships 2024": "en"}


def test_sentences_with_the_embassy_name_need_no_inflection(client):
    notice = make_notice(title="Visa rules")
    description = get(client, "/ro/").cssselect("meta[name=description]")[0].get("content")
    assert description.startswith(f"{RO_NAME} – site-ul oficial")
    meta = get(client, f"/az/notices/{notice.slug}/").cssselect("article .meta")[0].text_content()
    assert "tarixində dərc olunub" in meta and "Dərc olunub" not in meta
    menu = get(client, "/az/").cssselect("header nav a")
    assert "Münasibətlər" in [a.text_content() for a in menu]


def test_breadcrumbs_mark_the_english_they_still_show(client):
    category = make_category(name="Visas")
    notice = make_notice(title="Visa rules", title_ro="Regimul vizelor", category=category)
    crumbs = get(client, f"/ro/notices/{notice.slug}/").cssselect("nav.breadcrumbs a")
    langs = {a.text_content(): a.get("lang") for a in crumbs}
    assert langs["Visas"] == "en" and langs["Regimul vizelor"] is None
    crumbs = get(client, f"/az/notices/{notice.slug}/").cssselect("nav.breadcrumbs a")
    assert {a.text_content(): a.get("lang") for a in crumbs}["Visa rules"] == "en"
