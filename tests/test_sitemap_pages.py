"""/sitemap.xml is an index of small sitemap pages, each valid on its own, cheap to serve,
and rendered again only when the pages it lists changed."""

from http import HTTPStatus

import lxml.etree
import pytest

from notices.models import Notice

from .factories import make_notice
from .test_seo import SITEMAP_NS, sitemap_pages, xml

pytestmark = pytest.mark.django_db
XHTML = "{http://www.w3.org/1999/xhtml}link"


def notices_order(notices):
    return lambda location: int(location.rsplit("-", 1)[1].removesuffix(".xml"))


@pytest.fixture
def notices(settings):
    settings.SITEMAP_PAGE_SIZE = 5
    return [make_notice(slug=f"n-{i}", title=f"Notice {i}") for i in range(12)]


def index_locations(client):
    index = xml(client, "/sitemap.xml")
    return index.xpath("s:sitemap/s:loc/text()", namespaces=SITEMAP_NS)


def notice_pages(client):
    return [loc for loc in index_locations(client) if "/sitemap-notice-" in loc]


def page_of(notice):
    """Pages are ranges of primary keys (which need not start at 1: PostgreSQL's don't)."""
    return f"http://testserver/sitemap-notice-{(notice.pk - 1) // 5 + 1}.xml"


def test_each_page_holds_at_most_its_size_in_every_language(client, notices):
    pages = notice_pages(client)
    assert pages == sorted({page_of(n) for n in notices}, key=notices_order(notices))
    listed = set()
    for location in pages:
        root = xml(client, location)
        urls = root.findall("s:url", SITEMAP_NS)
        assert 0 < len(urls) <= 5 * 3
        for url in urls:  # each with its alternates, valid on its own
            assert len(url.findall(XHTML)) == 4
            listed.add(url.findtext("s:loc", namespaces=SITEMAP_NS))
    for notice in notices:
        assert "http://testserver" + notice.get_absolute_url() in listed


def test_every_location_of_the_index_is_absolute_and_parses(client, notices):
    locations = index_locations(client)
    assert all(loc.startswith("http://testserver/sitemap-") for loc in locations)
    assert len(sitemap_pages(client)) == len(locations)


def test_a_page_nobody_touched_is_not_rendered_again(client, notices, django_assert_num_queries):
    first, last = page_of(notices[0]), page_of(notices[-1])
    before = {loc: client.get(loc).content for loc in (first, last)}
    notices[-1].slug = "renamed"
    notices[-1].save()  # in the last page: its address and updated_at move
    with django_assert_num_queries(1):  # the fingerprint of its range, nothing else
        assert client.get(first).content == before[first]
    assert b"/renamed/" in client.get(last).content


def test_a_withdrawn_notice_leaves_its_page(client, notices):
    target = notices[6]
    url = "http://testserver" + target.get_absolute_url()
    assert url.encode() in client.get(page_of(target)).content
    Notice.objects.filter(pk=target.pk).update(status="draft")
    assert url.encode() not in client.get(page_of(target)).content


@pytest.mark.parametrize(
    "path", ["/sitemap-notice-99999.xml", "/sitemap-nothing-1.xml", "/sitemap-pages-2.xml"]
)
def test_pages_that_do_not_exist_are_404(client, notices, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_the_index_is_a_sitemapindex(client, notices):
    root = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert all(root.xpath("s:sitemap/s:lastmod/text()", namespaces=SITEMAP_NS))
