"""Whole pages for visitors from the shared cache: fresh after every change, never for staff."""

import os
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.utils import timezone

from notices.models import Notice
from publishing import actions, revisions
from publishing.models import Status
from publishing.roles import PUBLISHERS

from . import cache_kinds
from .factories import make_notice, make_staff
from .html import form_data

pytestmark = pytest.mark.django_db


# Each test runs on the local-memory cache and on a real Redis (as production runs it).
REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(autouse=True, params=cache_kinds.KINDS)
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = 600
    yield from cache_kinds.use(request.param, settings, REDIS_URL)


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == HTTPStatus.OK
    return response


def test_a_second_visit_costs_no_query(client, django_assert_num_queries):
    make_notice(title="Cached notice")
    first = get(client, "/en/notices/")
    with django_assert_num_queries(0):
        second = get(client, "/en/notices/")
    assert second.content == first.content
    assert "Cached notice" in second.content.decode()
    assert not second.cookies
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_every_kind_of_change_shows_at_once(client, django_capture_on_commit_callbacks):
    notice = make_notice(title="Old title")
    with django_capture_on_commit_callbacks(execute=True):
        get(client, "/en/notices/")
        notice.title = "Saved title"
        notice.save()
    assert "Saved title" in get(client, "/en/notices/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.filter(pk=notice.pk).delete()
    assert "Saved title" not in get(client, "/en/notices/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_content", "content/notices.yaml", verbosity=0)
    assert "EURO 2020" in get(client, "/en/notices/").content.decode()


def test_a_published_draft_and_a_withdrawal_show_at_once(
    client, django_capture_on_commit_callbacks
):
    publisher = make_staff("anna", PUBLISHERS)
    staff = type(client)()
    staff.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        notice = make_notice(title="Live title")
    url = notice.get_absolute_url()
    assert "Live title" in get(client, url).content.decode()
    change = f"/admin/notices/notice/{notice.pk}/change/"
    data = form_data(staff.get(change))
    data["title"] = "Draft title"
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(change, data)
    # The draft is not public: the cached live page is still right.
    assert "Live title" in get(client, url).content.decode()
    # Staff see the draft, never from (nor into) the visitors' cache.
    assert "Draft title" in get(staff, url).content.decode()
    assert "Live title" in get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.Publish(notice, publisher, revision=revisions.pending_draft(notice)).run()
    assert "Draft title" in get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        live = Notice.objects.get(pk=notice.pk)
        live.status = Status.DRAFT
        live.save()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_scheduled_notice_appears_on_time_with_nothing_written(client, clock):
    soon = timezone.now() + timezone.timedelta(seconds=2)
    make_notice(title="Scheduled notice", publish_at=soon)
    assert "Scheduled notice" not in get(client, "/en/notices/").content.decode()
    clock.advance((soon - timezone.now()).total_seconds() + 0.2)
    assert "Scheduled notice" in get(client, "/en/notices/").content.decode()


def test_requests_with_a_cookie_are_neither_served_nor_stored(client):
    make_notice(title="Public")
    client.cookies["sessionid"] = "whatever"
    get(client, "/en/notices/")
    del client.cookies["sessionid"]
    anonymous = type(client)()
    get(anonymous, "/en/notices/")  # stores
    client.cookies["sessionid"] = "whatever"
    response = get(client, "/en/notices/")
    assert "Last-Modified" not in response  # rendered afresh, not the stored copy


def test_etag_answers_304_and_pages_are_compressed(client):
    make_notice()
    first = get(client, "/en/notices/")
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get("/en/notices/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    zipped = client.get("/en/notices/", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
