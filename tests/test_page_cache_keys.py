"""The page cache's faults found by trying to break it (issue 19), each shown as a visitor
or a shared cache in front would meet it: the Host header, stray query parameters, the
moment after a scheduled change, old versions' copies, dates, 304s and the switcher."""

from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import pytest
import redis
from django.core.cache import cache
from django.utils import timezone

from publishing import content_version

from .factories import make_notice
from .html import parse
from .redis_server import own_redis_cache

pytestmark = pytest.mark.django_db

BASE = "http://testserver/en/notices/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def own_redis(settings):
    yield from own_redis_cache(settings)


def absolute_links(response):
    doc = parse(response)
    return doc.xpath("//head/link[@rel='canonical' or @rel='alternate']/@href") + doc.xpath(
        "//meta[@property='og:url']/@content"
    )


def test_a_host_header_never_reaches_the_links_others_are_served(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    make_notice()
    poisoned = client.get("/en/notices/", HTTP_HOST="localhost:6666")
    assert poisoned.status_code == HTTPStatus.OK
    for response in (poisoned, client.get("/en/notices/")):  # the second from the cache
        links = absolute_links(response)
        assert links and all(urlsplit(urljoin(BASE, link)).netloc == "testserver" for link in links)
    for path in ("/robots.txt", "/sitemap.xml", "/en/notices/feed/"):
        body = client.get(path, HTTP_HOST="localhost:6666").content.decode()
        assert "6666" not in body, path
        assert "http://testserver/" in body, path


def test_parameters_a_page_does_not_read_neither_make_entries_nor_show(
    client, django_assert_num_queries
):
    for i in range(12):
        make_notice(slug=f"n-{i}", title=f"Notice number {i}")
    first = client.get("/en/notices/?utm_source=a1")
    assert "utm_source" not in first.content.decode()  # not even in the switcher's links
    with django_assert_num_queries(0):  # the same entry, whatever the stray parameter says
        for tag in ("b2", "c3", "d4"):
            assert client.get(f"/en/notices/?utm_source={tag}&fbclid=x").content == first.content
    second_page = client.get("/en/notices/?page=2&utm_source=e5")
    assert second_page.content != first.content  # a parameter the page reads still counts
    doc = parse(client.get("/en/search/?q=notice&gclid=z"))
    switcher = doc.xpath("//nav[@class='languages']//a/@href")
    assert switcher and all(href.endswith("/search/?q=notice") for href in switcher), switcher


def test_pages_are_stored_again_once_a_scheduled_notice_has_appeared(
    client, django_assert_num_queries, clock
):
    soon = timezone.now() + timezone.timedelta(seconds=1.5)
    make_notice(title="Scheduled notice", publish_at=soon)
    assert "Scheduled notice" not in client.get("/en/notices/").content.decode()
    clock.advance((soon - timezone.now()).total_seconds() + 0.2)
    assert "Scheduled notice" in client.get("/en/notices/").content.decode()
    with django_assert_num_queries(0):  # stored again, not rendered on every visit
        assert "Scheduled notice" in client.get("/en/notices/").content.decode()


def test_a_new_version_overwrites_the_old_entry(client, own_redis):
    make_notice()
    for _ in range(5):
        client.get("/en/notices/")
        content_version.bump()
    client.get("/en/notices/")
    keys = redis.Redis.from_url(own_redis.url).keys("*page:*")
    assert len([k for k in keys if not k.endswith(b":lock")]) == 1, keys


def test_last_modified_is_the_contents_date_and_answers_if_modified_since(client, clock):
    notice = make_notice()
    first = client.get("/en/notices/")
    clock.advance(1.1)
    cache.clear()  # another server, or the entry gone: rendered again, later
    again = client.get("/en/notices/")
    assert again["Last-Modified"] == first["Last-Modified"]
    # The content's own date (to the second), not the moment it was rendered.
    assert parsedate_to_datetime(first["Last-Modified"]) == notice.updated_at.replace(microsecond=0)
    unchanged = client.get("/en/notices/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert unchanged.status_code == HTTPStatus.NOT_MODIFIED
    # Browsers and shared caches may keep the page, but ask again before each use.
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.parametrize("cookie", [False, True])
def test_a_304_says_it_varies_on_accept_encoding(client, cookie):
    make_notice()
    if cookie:  # not from the page cache: Django's own conditional answer
        client.cookies["sessionid"] = "whatever"
    first = client.get("/en/notices/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    again = client.get(
        "/en/notices/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert "Accept-Encoding" in again["Vary"]


# A WSGI server decodes PATH_INFO: /%2F%2Fevil.example/x arrives as ///evil.example/x.
@pytest.mark.parametrize(
    "path", ["//evil.example/visa-appointment", "///evil.example/x", "/\\evil.example/x"]
)
def test_the_language_switcher_of_any_address_stays_on_this_site(client, path):
    response = client.generic("GET", "/", PATH_INFO=path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    links = parse(response).xpath("//nav[@class='languages']//a/@href")
    assert links
    for href in links:
        assert href.startswith("/") and not href.startswith(("//", "/\\")), href
        assert urlsplit(urljoin(BASE, href)).netloc == "testserver", href


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/notices/?page=2&utm_source=x", "/en/notices/?page=2"),
        ("/search/?q=visa", "/en/search/?q=visa"),
    ],
)
def test_old_addresses_keep_the_parameters_their_page_reads(client, old, new):
    response = client.get(old)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == new
