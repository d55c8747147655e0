"""Pages as visitors see them: the page at its address in each language, its published pages
listed in their order, breadcrumbs, 404 for bad or unknown paths, the footer's statements."""

import re
from http import HTTPStatus

import pytest
from django.core.management import call_command

from pages.models import Page

from .chrome import CHROME_QUERIES
from .html import parse
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    parent = make_page(
        "Consular services",
        slug_ro="servicii-consulare",
        title_ro="Servicii consulare",
        lead_en="What the consular section does.",
    )
    make_page("Visas", parent=parent, order=20, lead_en="Visas for Romania.")
    make_page("Passports", parent=parent, order=10, slug_ro="pasapoarte", title_ro="Pașapoarte")
    make_page("Civil status", parent=parent, order=30, status="draft")
    return parent


def test_a_page_lists_its_published_pages_in_their_order(client, tree):
    html = parse(client.get("/en/consular-services/"))
    assert html.cssselect("h1")[0].text_content() == "Consular services"
    assert html.cssselect("p.lead")[0].text_content() == "What the consular section does."
    listed = [(a.text_content(), a.get("href")) for a in html.cssselect(".page-children a")]
    assert listed == [
        ("Passports", "/en/consular-services/passports/"),
        ("Visas", "/en/consular-services/visas/"),
    ]


def test_a_child_page_has_its_trail_and_the_other_languages_addresses(client, tree):
    html = parse(client.get("/ro/servicii-consulare/pasapoarte/"))
    crumbs = [(a.text_content(), a.get("href")) for a in html.cssselect(".breadcrumbs a")]
    assert crumbs == [
        ("Acasă", "/ro/"),
        ("Servicii consulare", "/ro/servicii-consulare/"),
        ("Pașapoarte", "/ro/servicii-consulare/pasapoarte/"),
    ]
    switch = {a.get("hreflang"): a.get("href") for a in html.cssselect("nav.languages a")}
    assert switch == {
        "en": "/en/consular-services/passports/",
        "az": "/az/consular-services/passports/",
    }
    alternate = html.cssselect('link[rel="alternate"][hreflang="en"]')[0].get("href")
    assert alternate.endswith("/en/consular-services/passports/")


def test_an_address_of_another_language_leads_to_this_languages_one(client, tree):
    response = client.get("/ro/consular-services/passports/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/ro/servicii-consulare/pasapoarte/"


@pytest.mark.parametrize(
    "path",
    [
        "/en/no-such-page/",
        "/en/consular-services/civil-status/",  # a draft
        "/en/consular-services/visas/nothing/",
        "/en/Consular-Services/",
        "/en/consular-services//visas/",
        "/en/consular-services/%00/",
        "/en/consular-services/../visas/",
        "/en/" + "a/" * 300,
        "/en/%E2%80%AE/",
    ],
)
def test_a_bad_or_unknown_path_is_a_404(client, tree, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_a_page_with_more_children_costs_no_more_queries(client, tree, django_assert_num_queries):
    def count():
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/consular-services/").status_code == HTTPStatus.OK
        return len(queries)

    before = count()
    for n in range(5):
        make_page(f"More {n}", parent=tree, lead_en="More.")
    assert count() == before
    # The page, its ancestors, its children, its service facts (none), the content version
    # and the chrome.
    assert before <= 5 + CHROME_QUERIES, before


def test_the_shipped_statements_are_in_every_pages_footer(client):
    from .factories import make_notice, make_relation

    call_command("loaddata", "pages", verbosity=0)
    notice, relation = make_notice(), make_relation()
    pages = ["/en/", notice.get_absolute_url(), relation.get_absolute_url()]
    pages += ["/en/notices/", "/en/relations/", "/en/search/?q=visa", "/en/consular-services/"]
    for path in pages:
        footer = parse(client.get(path)).cssselect(".site-footer nav a")
        links = {a.text_content(): a.get("href") for a in footer}
        assert links["Accessibility statement"] == "/en/accessibility-statement/", path
        assert links["Privacy notice"] == "/en/privacy-notice/", path
    az = parse(client.get("/az/")).cssselect(".site-footer nav a")
    assert "/az/elcatanliq-beyannamesi/" in [a.get("href") for a in az]
    assert client.get("/az/elcatanliq-beyannamesi/").status_code == HTTPStatus.OK
    # The 404 page has a footer too.
    missing = parse(client.get("/en/no-such-page/")).cssselect(".site-footer nav a")
    assert "/en/privacy-notice/" in [a.get("href") for a in missing]


def test_drafts_ship_with_their_facts_to_complete_and_staff_see_the_marker(admin_client):
    call_command("loaddata", "pages", verbosity=0)
    contact = Page.objects.get(path_en="contact")
    assert contact.status == "draft" and contact.to_complete
    html = parse(admin_client.get("/en/contact/"))
    banner = " ".join(b.text_content() for b in html.cssselect(".banner"))
    assert "To complete before publishing" in banner
    assert "To complete:" in html.cssselect(".page-body")[0].text_content()


def test_a_statement_the_footer_menu_links_already_is_listed_once(client):
    from django.contrib.contenttypes.models import ContentType

    from pages.models import Menu, MenuItem

    call_command("loaddata", "pages", verbosity=0)
    privacy = Page.objects.get(path_en="privacy-notice")
    footer, _ = Menu.objects.get_or_create(slot="footer")
    MenuItem.objects.create(
        menu=footer,
        label_en="Your data",
        content_type=ContentType.objects.get_for_model(Page),
        object_id=privacy.pk,
    )
    links = [a.get("href") for a in parse(client.get("/en/")).cssselect(".site-footer nav a")]
    assert links.count("/en/privacy-notice/") == 1
    assert "/en/accessibility-statement/" in links


def test_search_and_the_sitemap_find_published_pages_only(client):
    parent = make_page("Consular services", lead_en="Passports and visas for travellers.")
    make_page("Hidden draft", parent=parent, status="draft", lead_en="Passports kept secret.")
    found = parse(client.get("/en/search/?q=passports"))
    links = [a.get("href") for a in found.cssselect("main a")]
    assert "/en/consular-services/" in links
    assert "/en/consular-services/hidden-draft/" not in links
    sitemap = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>[^<]*/(sitemap-[^<]+)</loc>", sitemap)
    page_sections = [s for s in sections if s.startswith("sitemap-page-")]
    assert page_sections, sections
    urls = client.get("/" + page_sections[0]).content.decode()
    assert "/en/consular-services/</loc>" in urls and "/ro/consular-services/" in urls
    assert "hidden-draft" not in urls


def test_a_page_above_that_is_a_draft_is_left_out_of_a_visitors_trail(client, admin_client):
    draft = make_page("Consular services", status="draft")
    make_page("Visas", parent=draft)
    trail = parse(client.get("/en/consular-services/visas/")).cssselect(".breadcrumbs a")
    assert [a.text_content() for a in trail] == ["Home", "Visas"]
    trail = parse(admin_client.get("/en/consular-services/visas/")).cssselect(".breadcrumbs a")
    assert [a.text_content() for a in trail] == ["Home", "Consular services", "Visas"]
