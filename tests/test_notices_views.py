"""What visitors see: current notices only, pinned first, ten a page, no 500 on bad input."""

import re
from datetime import datetime, timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status

from .factories import make_attachment, make_category, make_notice

pytestmark = pytest.mark.django_db

LIST = reverse("notices:list")


def titles(response):
    return re.findall(r"<h2><a href=\"[^\"]+\">([^<]+)</a></h2>", response.content.decode())


def test_list_shows_published_notices_with_teaser_and_read_more(client):
    notice = make_notice(
        title="Consular hours",
        summary="The consular section is open",
        body="<p>The consular section is open from nine to one.</p>",
    )
    response = client.get(LIST)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Consular hours" in html
    assert "The consular section is open…" in html
    assert f'<a href="{notice.get_absolute_url()}">Read more' in html


def test_draft_is_absent_and_404_for_visitors(client):
    draft = make_notice(title="Unfinished draft", status=Status.DRAFT)
    assert "Unfinished draft" not in client.get(LIST).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_scheduled_notice_is_invisible_until_its_time(client, clock):
    soon = timezone.now() + timedelta(seconds=2)
    notice = make_notice(title="Future visit", publish_at=soon)
    assert "Future visit" not in client.get(LIST).content.decode()
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND

    # Its time comes: nothing but the clock changes (the kept list page knew of its time).
    clock.advance((soon - timezone.now()).total_seconds() + 0.2)
    assert "Future visit" in client.get(LIST).content.decode()
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.OK


def test_staff_preview_draft_and_scheduled_with_banner_never_cached(admin_client):
    draft = make_notice(title="Draft text", status=Status.DRAFT)
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Visitors cannot see this page" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]

    scheduled = make_notice(publish_at=timezone.now() + timedelta(days=3))
    response = admin_client.get(scheduled.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Scheduled" in response.content.decode()


def test_expired_notice_leaves_lists_but_keeps_its_url_with_banner(client):
    category = make_category(slug="visas", name="Visas")
    notice = make_notice(
        title="Old visa rule",
        category=category,
        publish_at=timezone.now() - timedelta(days=10),
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert "Old visa rule" not in client.get(LIST).content.decode()
    assert "Old visa rule" not in client.get(category.get_absolute_url()).content.decode()
    response = client.get(notice.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "This notice has expired" in response.content.decode()


def test_current_notice_has_no_expired_banner(client):
    notice = make_notice(expires_at=timezone.now() + timedelta(days=1))
    assert "This notice has expired" not in client.get(notice.get_absolute_url()).content.decode()


def test_pinned_first_then_newest(client):
    now = timezone.now()
    make_notice(title="Older", publish_at=now - timedelta(days=5))
    make_notice(title="Newest", publish_at=now - timedelta(days=1))
    make_notice(title="Pinned but oldest", publish_at=now - timedelta(days=30), pinned=True)
    assert titles(client.get(LIST)) == ["Pinned but oldest", "Newest", "Older"]
    assert "<strong>Pinned</strong>" in client.get(LIST).content.decode()


def test_ten_a_page_with_accessible_page_links(client):
    now = timezone.now()
    for i in range(25):
        make_notice(title=f"N{i:02d}", publish_at=now - timedelta(hours=i + 1))
    first = client.get(LIST)
    assert titles(first) == [f"N{i:02d}" for i in range(10)]
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert (
        f'<a href="{LIST}" aria-current="page"><span class="visually-hidden">Page </span>1' in html
    )
    assert '<a href="?page=2" rel="next">Next page</a>' in html

    last = client.get(LIST, {"page": 3})
    assert titles(last) == [f"N{i:02d}" for i in range(20, 25)]
    assert 'aria-current="page"><span class="visually-hidden">Page </span>3' in (
        last.content.decode()
    )
    assert "Next page" not in last.content.decode()


def test_single_page_has_no_pagination(client):
    make_notice()
    assert 'aria-label="Pages"' not in client.get(LIST).content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "4", "1.5", ""])
def test_bad_page_numbers_are_404(client, page):
    for i in range(25):
        make_notice(title=f"N{i}")
    if page == "":
        # An empty ?page= is page one, as Django's paginator treats it.
        assert client.get(LIST, {"page": page}).status_code == HTTPStatus.OK
    else:
        assert client.get(LIST, {"page": page}).status_code == HTTPStatus.NOT_FOUND


def test_bad_page_on_category_is_404(client):
    notice = make_notice()
    url = notice.category.get_absolute_url()
    assert client.get(url, {"page": "abc"}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url, {"page": "2"}).status_code == HTTPStatus.NOT_FOUND


def test_empty_list_is_a_page_not_an_error(client):
    response = client.get(LIST)
    assert response.status_code == HTTPStatus.OK
    assert "There are no notices at the moment." in response.content.decode()


def test_category_page_lists_only_its_current_notices(client):
    visas = make_category(name="Visas", slug="visas", description="Visa rules.")
    make_notice(title="Visa notice", category=visas)
    make_notice(title="Scholarship notice")
    make_notice(title="Visa draft", category=visas, status=Status.DRAFT)
    response = client.get(reverse("notices:category", kwargs={"slug": "visas"}))
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Visa notice"]
    html = response.content.decode()
    assert "<h1>Visas</h1>" in html
    assert 'href="/en/notices/category/visas/" aria-current="page">Visas</a>' in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/notices/category/no-such-category/",
        "/en/notices/no-such-notice/",
        "/en/notices/category/no-such-category/feed/",
        "/en/notices/category/",
    ],
)
def test_unknown_addresses_are_404(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_detail_shows_category_date_body_link_and_attachments(client):
    category = make_category(name="Visas", slug="visas")
    notice = make_notice(
        title="Visa rules",
        category=category,
        body="<p>Apply <strong>early</strong>.</p>",
        link_url="https://example.org/visas",
        link_label="Visa rules in full",
        publish_at=timezone.make_aware(datetime(2019, 11, 15, 10, 0)),
    )
    make_attachment(notice, title="Application form", name="form.pdf")
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "<h1>Visa rules</h1>" in html
    assert '<a href="/en/notices/category/visas/">Visas</a>' in html
    assert '<time datetime="2019-11-15">15 November 2019</time>' in html
    assert "<p>Apply <strong>early</strong>.</p>" in html
    assert '<a href="https://example.org/visas">Visa rules in full</a>' in html
    assert re.search(r'<a href="/media/attachments/[^"]+\.pdf">Application form</a>', html)
    assert '<span class="meta">(PDF, 1.2\xa0KB)</span>' in html


def test_notices_nav_link_marks_the_current_section(client):
    notice = make_notice()
    assert (
        '<a href="/en/notices/" aria-current="page">Notices</a>'
        in client.get(LIST).content.decode()
    )
    assert (
        '<a href="/en/notices/" aria-current="true">Notices</a>'
        in client.get(notice.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("name", ["notices:list", "notices:category"])
def test_list_pages_announce_their_feed_in_the_head(client, name):
    category = make_category(slug="visas")
    kwargs = {"slug": "visas"} if name == "notices:category" else {}
    html = client.get(reverse(name, kwargs=kwargs)).content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'href="/en/notices/feed/"' in head
    if kwargs:
        assert f'href="{reverse("notices:category_feed", kwargs={"slug": category.slug})}"' in head


def test_visitors_get_no_cookies(client):
    make_notice()
    assert not client.get(LIST).cookies
