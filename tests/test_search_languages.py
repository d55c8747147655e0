"""Search per language: a reader finds the pages of their language, linked in it."""

import pytest
from django.core.management import call_command
from django.db import connection

from search.models import SearchDocument

from .search_helpers import results

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word forms need PostgreSQL's configurations"
)


@pytest.fixture
def seed():
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)


def found(client, language, q):
    return results(client.get(f"/{language}/search/", {"q": q}))


def test_each_page_has_a_document_per_language(seed):
    languages = SearchDocument.objects.filter(anchor="", page_type="relations.relation")
    assert sorted(languages.values_list("language", flat=True)) == ["az", "en", "ro"]


@pytest.mark.parametrize("language", ["ro", "az"])
def test_results_stay_in_the_readers_language(client, seed, language):
    hits = found(client, language, "NATO")
    assert hits
    assert all(url.startswith(f"/{language}/") for _title, url in hits)
    title = {"ro": "Relațiile NATO – Azerbaidjan", "az": "NATO – Azərbaycan münasibətləri"}
    assert title[language] in [text for text, _url in hits]


@pytest.mark.parametrize(
    "language, word, title",
    [
        ("ro", "burse", "Burse oferite de statul român"),
        ("az", "təqaüd", "Rumıniya dövlətinin"),
        ("az", "viza", "UEFA EURO 2020 ərəfəsində"),
        ("en", "scholarships", "Scholarships offered"),
    ],
)
def test_the_words_the_search_page_suggests_find_pages_in_every_database(
    client, seed, language, word, title
):
    assert any(text.startswith(title) for text, _url in found(client, language, word))
    suggested = client.get(f"/{language}/search/").content.decode()
    assert word in suggested or language == "en"


def test_a_romanian_word_is_not_found_in_the_english_pages(client, seed):
    assert found(client, "en", "burse") == []


@postgres_only
def test_romanian_finds_word_forms(client, seed):
    titles = [text for text, _url in found(client, "ro", "vize")]
    assert any("Regimul vizelor" in text for text in titles)  # vize -> viz <- vizelor


def test_result_types_and_browse_links_name_the_sections_of_the_site(client, seed):
    page = client.get("/ro/search/", {"q": "NATO"}).content.decode()
    assert "Relații internaționale · <time" in page and "Relație ·" not in page
    empty = client.get("/az/search/", {"q": "qqqzzz"}).content.decode()
    assert '<a href="/az/relations/">Beynəlxalq münasibətlər</a>' in empty
    assert "Bütün" not in empty


def test_results_still_in_english_are_marked_so_and_translated_ones_are_not(client):
    from .factories import make_notice, make_relation, make_section
    from .html import parse

    make_notice(title="Visa rules", summary="Visa papers.", title_ro="Regimul vizelor")
    make_notice(title="Visa forms", summary="Visa forms to fill in.")
    relation = make_relation(title="Visa talks", title_ro="Discuții", slug="talks")
    make_section(relation, heading="Visa history", body="<p>Visa past.</p>", anchor="past")
    doc = parse(client.get("/ro/search/", {"q": "visa"}))
    items = doc.cssselect(".search-results li")
    marks = {}
    for item in items:
        link = item.cssselect("h2 a")[0]
        spans = {span.text_content(): span.get("lang") for span in link.cssselect("span")}
        snippet = item.cssselect("p:not(.meta)")
        marks[link.text_content()] = (spans, snippet[0].get("lang") if snippet else None)
    # Translated title, English summary: only the snippet is marked.
    assert marks["Regimul vizelor"] == ({}, "en")
    assert marks["Visa forms"] == ({"Visa forms": "en"}, "en")
    # A section: the page's title is translated, the heading and text are not.
    assert marks["Discuții › Visa history"] == ({"Visa history": "en"}, "en")
    english = parse(client.get("/en/search/", {"q": "visa"}))
    assert english.cssselect(".search-results [lang]") == []
