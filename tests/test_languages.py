"""Addresses per language: /en/, /ro/, /az/; the switcher, alternates, old links, no cookies."""

from http import HTTPStatus

import lxml.etree
import pytest

from publishing import content_translations
from publishing.content.schema import all_kinds
from publishing.translated import column

from .html import parse, text_of
from .public_content import page_paths, public_pages
from .test_seo import sitemap_pages

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ro", "az"]
XHTML = "{http://www.w3.org/1999/xhtml}link"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("ro-RO,ro;q=0.9,en;q=0.8", "/ro/"),
        ("az-AZ,az;q=0.9", "/az/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_sends_each_visitor_to_their_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


def test_old_unprefixed_addresses_move_permanently_to_english(client):
    public_pages()
    for kind, path in page_paths("en").items():
        if kind in ("home", "404", "page"):  # the embassy's pages came with the languages
            continue
        old = path.removeprefix("/en")
        # Whatever the browser prefers: shared links showed the English page.
        response = client.get(old, HTTP_ACCEPT_LANGUAGE="ro")
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY, old
        assert response["Location"] == path
    assert client.get("/no-such-page/").status_code == HTTPStatus.NOT_FOUND


def test_the_admin_keeps_its_address(client):
    response = client.get("/admin/login/")
    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_names_its_language_and_links_the_same_page_in_the_others(client, language):
    public_pages()
    english = page_paths("en")
    # The same page in each language: its own slug there (the seed has them all).
    paths = {code: page_paths(code) for code in LANGUAGES}
    assert paths["ro"]["notice"] != "/ro" + english["notice"].removeprefix("/en")
    for kind, path in page_paths(language).items():
        response = client.get(path)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), path
        assert not response.cookies, path
        doc = parse(response)
        assert doc.get("lang") == language, path
        switcher = doc.xpath("//nav[@class='languages']")[0]
        links = {a.get("hreflang"): a for a in switcher.xpath(".//a")}
        assert sorted(links) == sorted(set(LANGUAGES) - {language}), path
        for code, link in links.items():
            assert link.get("lang") == code
            # The same page, not the home page: at its address in that language.
            assert link.get("href") == paths[code][kind], path
        current = switcher.xpath(".//*[@aria-current='true']")[0]
        assert current.get("lang") == language
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")
        }
        if kind in ("404", "search-results"):
            # Kept out of search engines: no canonical, no alternates either.
            assert alternates == {}, path
            continue
        assert alternates == {
            **{code: "http://testserver" + paths[code][kind] for code in LANGUAGES},
            "x-default": "http://testserver" + english[kind],
        }, path


def test_pages_are_cached_per_language(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    public_pages()
    for language in [*LANGUAGES, *LANGUAGES]:
        doc = parse(client.get(page_paths(language)["notices-list"]))
        assert doc.get("lang") == language


def test_sitemap_lists_each_page_in_every_language_with_its_alternates(client):
    public_pages()
    paths = {code: page_paths(code) for code in LANGUAGES}
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.iter(XHTML)
        }
        for root in sitemap_pages(client)
        for url in root.findall("s:url", ns)
    }
    for kind in ("home", "relation", "notice", "category"):
        every = {code: "http://testserver" + paths[code][kind] for code in LANGUAGES}
        for code in LANGUAGES:
            assert entries[every[code]] == {**every, "x-default": every["en"]}, kind


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_atom_feed(client, language):
    public_pages()
    root = lxml.etree.fromstring(client.get(f"/{language}/notices/feed/").content)
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert root.findtext("a:id", namespaces=atom) == f"http://testserver/{language}/notices/"
    entries = root.findall("a:entry/a:link", atom)
    assert entries and all(
        link.get("href").startswith(f"http://testserver/{language}/notices/") for link in entries
    )


@pytest.mark.parametrize("language", ["ro", "az"])
def test_content_not_yet_translated_is_marked_english_with_a_note(client, language):
    public_pages()
    for kind in all_kinds():  # the seed's translations taken away
        names = content_translations.fields_of(kind)
        kind.model._default_manager.update(**{column(n, language): None for n in names})
    note = {
        "ro": "Această pagină nu este încă disponibilă în limba română; este afișată în engleză.",
        "az": "Bu səhifə hələ Azərbaycan dilində mövcud deyil; ingilis dilində göstərilir.",
    }[language]
    for kind in ("relation", "notice"):
        doc = parse(client.get(page_paths(language)[kind]))
        assert [text_of(p) for p in doc.xpath("//p[@role='note']")] == [note], kind
        h1 = doc.xpath("//h1")[0]
        assert h1.get("lang") == "en", kind
        english = parse(client.get(page_paths("en")[kind]))
        assert english.xpath("//p[@role='note']") == []
        assert english.xpath("//h1")[0].get("lang") is None
    doc = parse(client.get(page_paths(language)["relation"]))
    sections = doc.xpath("//section[@id='evolution-of-relations']")[0]
    assert sections.xpath("./h2")[0].get("lang") == "en"
    assert sections.xpath("./div[@lang='en']//text()")
    assert doc.xpath("//ol[@class='timeline']/li/span[@lang='en']")
