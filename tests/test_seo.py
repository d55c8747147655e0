"""What search engines and link previews read: sitemap, robots.txt, head tags, breadcrumbs."""

import re
from http import HTTPStatus

import lxml.etree
import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status

from .factories import make_category, make_notice, make_relation
from .html import parse, text_of
from .public_content import PAGE_TYPES, public_pages

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def pages():
    return public_pages()


def xml(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"].startswith("application/xml")
    return lxml.etree.fromstring(response.content)


def sitemap_pages(client):
    """The sitemap pages /sitemap.xml (an index) names, each parsed on its own."""
    index = xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = index.xpath("s:sitemap/s:loc/text()", namespaces=SITEMAP_NS)
    return [xml(client, location) for location in locations]


def sitemap_entries(client):
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for root in sitemap_pages(client)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_public_page_with_its_last_change(client, pages):
    entries = sitemap_entries(client)
    for name in ("home", "relations-list", "relation", "notices-list", "category", "notice"):
        url = "http://testserver" + pages[name]
        assert url in entries, name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", entries[url]), (name, entries[url])
    assert not any("/en/search/" in url for url in entries)


def test_sitemap_leaves_out_drafts_scheduled_and_expired_items(client):
    now = timezone.now()
    make_relation(slug="draft-relation", status=Status.DRAFT)
    make_notice(slug="scheduled", publish_at=now + timezone.timedelta(days=1))
    make_notice(
        slug="expired",
        publish_at=now - timezone.timedelta(days=5),
        expires_at=now - timezone.timedelta(days=1),
    )
    make_category(name="Empty", slug="empty")
    make_notice(slug="current", category=make_category(name="Visits", slug="visits"))
    urls = set(sitemap_entries(client))
    assert "http://testserver/en/notices/current/" in urls
    assert "http://testserver/en/notices/category/visits/" in urls
    for path in ("/en/relations/draft-relation/", "/en/notices/scheduled/", "/en/notices/expired/"):
        assert "http://testserver" + path not in urls
    assert "http://testserver/en/notices/category/empty/" not in urls
    assert "http://testserver/en/notices/category/visas/" not in urls  # only expired ones


def test_sitemap_query_count_does_not_grow_with_content(client, django_assert_num_queries):
    for i in range(20):
        make_notice(slug=f"notice-{i}")
        make_relation(slug=f"relation-{i}")
    # two aggregates for the list pages, then relations, categories, notices and pages once
    with django_assert_num_queries(6):
        client.get("/sitemap.xml")


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def head(client, path):
    response = client.get(path)
    doc = parse(response)

    def meta(attribute, name):
        values = doc.xpath(f"//head/meta[@{attribute}='{name}']/@content")
        assert len(values) == 1, (path, name, values)
        return values[0]

    return response, doc, meta


@pytest.mark.parametrize(
    "name", ["home", "relations-list", "relation", "notices-list", "category", "notice"]
)
def test_every_page_has_canonical_description_open_graph_and_feed_link(client, pages, name):
    response, doc, meta = head(client, pages[name])
    assert response.status_code == HTTPStatus.OK
    canonical = doc.xpath("//head/link[@rel='canonical']/@href")
    assert canonical == ["http://testserver" + pages[name]]
    assert meta("property", "og:url") == canonical[0]
    assert meta("property", "og:title")
    assert meta("property", "og:site_name") == "Embassy of Romania in Azerbaijan"
    assert meta("property", "og:description") == meta("name", "description")
    assert len(meta("name", "description")) >= 40
    feeds = doc.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert reverse("notices:feed") in feeds


def test_detail_pages_describe_themselves_with_their_summary(client, pages):
    from notices.models import Notice
    from relations.models import Relation

    for path, item in [
        (pages["relation"], Relation.objects.current().first()),
        (pages["notice"], Notice.objects.current().first()),
    ]:
        _response, _doc, meta = head(client, path)
        summary = " ".join(item.summary.split())
        description = " ".join(meta("name", "description").split())
        if len(summary) <= 200:
            assert description == summary
        else:
            assert description.startswith(summary[:150]) and description.endswith("…")
        assert meta("property", "og:title") == item.title
        assert meta("property", "og:type") == "article"


def test_summary_in_head_is_escaped(client):
    make_notice(title='Rules "A" & <B>', summary='He said "come" & <go>.')
    _response, doc, meta = head(client, "/en/notices/visa-regulations/")
    assert meta("name", "description") == 'He said "come" & <go>.'
    raw = client.get("/en/notices/visa-regulations/").content.decode()
    assert 'content="He said &quot;come&quot; &amp; &lt;go&gt;."' in raw


def test_canonical_drops_stray_parameters_but_keeps_the_page(client):
    for i in range(12):
        make_notice(slug=f"n-{i}")
    _r, doc, _m = head(client, "/en/notices/?utm_source=mail&page=2")
    assert doc.xpath("//link[@rel='canonical']/@href") == ["http://testserver/en/notices/?page=2"]
    _r, doc, _m = head(client, "/en/notices/?page=1&fbclid=x")
    assert doc.xpath("//link[@rel='canonical']/@href") == ["http://testserver/en/notices/"]


def test_search_results_are_noindex_without_canonical(client):
    make_notice()
    _r, doc, _m = head(client, "/en/search/?q=visa")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//link[@rel='canonical']") == []
    assert doc.xpath("//meta[@property='og:url']") == []


def test_not_found_page_names_no_canonical_address(client, pages):
    response = client.get(pages["404"])
    assert response.status_code == HTTPStatus.NOT_FOUND
    doc = parse(response)
    assert text_of(doc.xpath("//h1")[0]) == "Page not found"
    assert doc.xpath("//link[@rel='canonical']") == []
    assert doc.xpath("//meta[@property='og:url']") == []
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]


@pytest.mark.parametrize(
    ("name", "trail"),
    [
        ("relations-list", ["Home", "International relations"]),
        ("relation", ["Home", "International relations", "NATO – Azerbaijan relations"]),
        ("notices-list", ["Home", "Notices"]),
        ("category", ["Home", "Notices", "Visas"]),
        ("notice", ["Home", "Notices", "Visas", None]),
        ("search-empty", ["Home", "Search"]),
    ],
)
def test_inner_pages_have_breadcrumbs_ending_in_the_current_page(client, pages, name, trail):
    doc = parse(client.get(pages[name]))
    navs = doc.xpath("//nav[@aria-label='Breadcrumb']")
    assert len(navs) == 1
    links = navs[0].xpath(".//li/a")
    labels = [text_of(link) for link in links]
    assert labels[: len(trail) - 1] == trail[:-1]
    if trail[-1]:
        assert labels[-1] == trail[-1]
    assert labels[-1] == text_of(doc.xpath("//h1")[0]) or name.startswith("search")
    assert [link.get("aria-current") for link in links] == [None] * (len(links) - 1) + ["page"]
    assert links[-1].get("href") == pages[name].split("?")[0]


@pytest.mark.parametrize("name", ["relations-list", "relation", "notice", "search-empty"])
def test_breadcrumb_separators_are_hidden_from_assistive_technology(client, pages, name):
    (nav,) = parse(client.get(pages[name])).xpath("//nav[@aria-label='Breadcrumb']")
    items = nav.xpath(".//li")
    separators = [[text_of(e) for e in li.xpath("./*[@aria-hidden='true']")] for li in items]
    assert separators == [[]] + [["›"]] * (len(items) - 1)
    for hidden in nav.xpath(".//*[@aria-hidden='true']"):
        hidden.drop_tree()
    assert "›" not in nav.text_content()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_only_links_to_the_page_itself_say_aria_current_page(client, pages, name):
    path = pages[name].split("?")[0]
    doc = parse(client.get(pages[name]))
    current = doc.xpath("//*[@aria-current='page']")
    assert [(element.tag, element.get("href")) for element in current] == [
        ("a", path) for _ in current
    ]


@pytest.mark.parametrize(
    ("name", "menu_label", "state"),
    [
        ("relations-list", "Relations", "page"),
        ("relation", "Relations", "true"),
        ("notices-list", "Notices", "page"),
        ("notice", "Notices", "true"),
    ],
)
def test_main_menu_marks_its_section(client, pages, name, menu_label, state):
    doc = parse(client.get(pages[name]))
    (link,) = [a for a in doc.xpath("//nav[@aria-label='Main']//a") if text_of(a) == menu_label]
    assert link.get("aria-current") == state


def test_home_has_no_breadcrumbs(client, pages):
    assert parse(client.get(pages["home"])).xpath("//nav[@aria-label='Breadcrumb']") == []


def test_urls_are_readable(client, pages):
    for name, path in pages.items():
        assert re.fullmatch(r"/[a-z0-9/-]*(\?q=[a-z]+)?", path), (name, path)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_visitors_get_no_cookies(client, pages, name):
    response = client.get(pages[name])
    expected = HTTPStatus.NOT_FOUND if name == "404" else HTTPStatus.OK
    assert response.status_code == expected
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_feed_sitemap_and_robots_set_no_cookies(client, pages):
    for path in ("/sitemap.xml", "/robots.txt", reverse("notices:feed")):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK
        assert not response.cookies, path
