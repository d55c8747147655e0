"""A visitor's page is found once per content version and kept in the process
(publishing/kept_pages.py): a repeat visit reads nothing, yet a change, a scheduled moment
and a language's own address all show as they did when every visit read the database."""

import time
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from notices.models import Notice
from publishing import content_version

from .factories import make_notice, make_relation, make_staff
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


def page(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    return response.content.decode()


def test_a_repeat_visit_reads_nothing_and_is_the_page_read_afresh(
    client, settings, django_assert_num_queries
):
    parent = make_page("Consular services", lead_en="What the section does.")
    child = make_page("Visas", parent=parent)
    paths = [make_notice().get_absolute_url(), make_relation().get_absolute_url()]
    paths += [parent.get_absolute_url(), child.get_absolute_url()]
    first = {path: page(client, path) for path in paths}
    with django_assert_num_queries(0):
        again = {path: page(client, path) for path in paths}
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0  # nothing kept: every visit reads the database
    assert first == again == {path: page(client, path) for path in paths}


def test_a_change_committed_by_another_server_shows_once_it_moves_the_version(client):
    notice = make_notice(title="Visa hours")
    path = notice.get_absolute_url()
    assert "Visa hours" in page(client, path)
    # As another server's commit reaches this one: the row changed, the version moved.
    Notice.objects.filter(pk=notice.pk).update(title_en="Visa hours in summer")
    assert "Visa hours in summer" not in page(client, path)  # kept: nothing said it changed
    content_version.bump()
    assert "Visa hours in summer" in page(client, path)


def test_a_scheduled_page_answers_at_its_moment_without_a_save(client):
    soon = timezone.now() + timedelta(seconds=1.5)
    notice = make_notice(title="Consular day", publish_at=soon)
    path = notice.get_absolute_url()
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND  # a miss is never kept
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert "Consular day" in page(client, path)


def test_a_page_found_in_one_language_moves_in_another_to_its_own_slug(client):
    make_notice(
        title="Visa rules",
        slug="visa-rules",
        title_ro="Regimul vizelor",
        slug_ro="regimul-vizelor",
        published_languages=["ro"],
    )
    assert client.get("/en/notices/visa-rules/").status_code == HTTPStatus.OK
    response = client.get("/ro/notices/visa-rules/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/ro/notices/regimul-vizelor/"


def test_staff_read_the_page_afresh_where_visitors_get_the_kept_one(client):
    notice = make_notice(title="Visa hours")
    path = notice.get_absolute_url()
    page(client, path)  # kept for visitors
    Notice.objects.filter(pk=notice.pk).update(status="draft")  # behind the kept copy
    assert "visible to staff only" not in page(client, path)
    client.force_login(make_staff("editor", is_superuser=True))
    assert "visible to staff only until it is published" in page(client, path)


def after(moment):
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.1)


def test_what_the_clock_changes_on_a_kept_page_shows_at_its_moment(client):
    soon = timezone.now() + timedelta(seconds=1.5)
    notice = make_notice(title="Visa hours", expires_at=soon)
    parent = make_page("Consular services")
    make_page("Passports", parent=parent, publish_at=soon)  # appears below its parent
    make_page("Visas", parent=parent, expires_at=soon)  # leaves the list
    assert "This notice has expired" not in page(client, notice.get_absolute_url())
    listed = page(client, parent.get_absolute_url())
    assert "Visas" in listed and "Passports" not in listed
    after(soon)
    assert "This notice has expired" in page(client, notice.get_absolute_url())
    listed = page(client, parent.get_absolute_url())
    assert "Passports" in listed and "Visas" not in listed


def test_a_trail_shows_a_page_above_once_it_is_published(client):
    soon = timezone.now() + timedelta(seconds=1.5)
    parent = make_page("Consular services", publish_at=soon)
    child = make_page("Visas", parent=parent)
    assert 'href="/en/consular-services/"' not in page(client, child.get_absolute_url())
    after(soon)
    assert 'href="/en/consular-services/"' in page(client, child.get_absolute_url())


def test_a_kept_list_writes_its_page_links_and_head_for_each_request(client, settings):
    category = make_notice(title="Notice 0").category
    for n in range(1, 12):
        make_notice(title=f"Notice {n}", category=category)
    paths = ["/en/notices/", "/en/notices/?page=2", category.get_absolute_url() + "?page=2"]
    first = {path: page(client, path) for path in paths}
    tagged = page(client, "/en/notices/?utm=mail")  # kept content, its own page links
    assert 'href="?utm=mail&amp;page=2"' in tagged  # and the language switch keeps it
    assert tagged.replace("utm=mail&amp;", "").replace("?utm=mail", "") == first["/en/notices/"]
    assert '<link rel="canonical" href="http://testserver/en/notices/?page=2">' in first[paths[1]]
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    assert first == {path: page(client, path) for path in paths}


def test_staff_get_the_addresses_of_the_page_they_see_not_the_kept_ones(client):
    notice = make_notice(title="Visa rules", slug="visa-rules", title_ro="Regimul vizelor")
    path, switch = notice.get_absolute_url(), 'hreflang="ro" href="http://testserver/ro/notices/'
    assert switch + 'visa-rules/"' in page(client, path)  # kept for visitors
    Notice.objects.filter(pk=notice.pk).update(slug_ro="regimul-vizelor")  # as a draft may
    assert switch + 'visa-rules/"' in page(client, path)
    client.force_login(make_staff("editor", is_superuser=True))
    assert switch + 'regimul-vizelor/"' in page(client, path)
