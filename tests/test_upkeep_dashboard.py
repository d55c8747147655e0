"""The dashboard's upkeep list, its links: broken links with their page, warnings after the
other items; "mark checked" and "remind me later" for staff who may change the page, and
for nobody else. (Reviews, translations, images: tests/test_upkeep_list.py.)"""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notices.models import Notice
from publishing.roles import EDITORS, PUBLISHERS
from upkeep.models import LinkCheck
from upkeep.results import store

from .factories import make_notice, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked():
    """Results as check_links stores them: two broken links, one warning, one that works."""
    visas = make_notice(slug="visas", title="Visa rules")
    other = make_notice(slug="other", title="Consular hours")
    kind = ContentType.objects.get_for_model(Notice).pk
    found = {
        (kind, visas.pk): {"https://gone.example/form", "https://moved.example/"},
        (kind, other.pk): {"https://down.example/", "https://fine.example/"},
    }
    results = {
        "https://gone.example/form": (404, ""),
        "https://moved.example/": (301, "Leads to https://moved.example/new"),
        "https://down.example/": (None, "No answer within 10 s"),
        "https://fine.example/": (200, ""),
    }
    store(found, results)
    return {"visas": visas, "other": other, "found": found, "results": results}


def panel(client):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    return parse(response)


def rows(doc, kind):
    return [text_of(tr) for tr in doc.cssselect(f"#upkeep tbody tr[data-kind={kind}]")]


def link(url):
    return LinkCheck.objects.get(url=url)


def test_a_publisher_sees_broken_links_by_page_and_warnings_apart(client, checked):
    client.force_login(make_staff("pub", PUBLISHERS))
    doc = panel(client)
    broken = rows(doc, "broken")
    assert len(broken) == 2
    assert any(
        "Visa rules" in r and "https://gone.example/form" in r and "404" in r for r in broken
    )
    assert any("Consular hours" in r and "No answer within 10 s" in r for r in broken)
    warnings = rows(doc, "warning")
    assert len(warnings) == 1
    assert "https://moved.example/" in warnings[0] and "301" in warnings[0]
    assert "fine.example" not in text_of(doc.cssselect("#upkeep")[0])
    change = doc.cssselect("#upkeep tr[data-kind=broken] th a")
    assert {a.get("href") for a in change} == {
        f"/admin/notices/notice/{checked['visas'].pk}/change/",
        f"/admin/notices/notice/{checked['other'].pk}/change/",
    }
    assert len(doc.cssselect("#upkeep tr[data-kind=broken] form button")) == 4
    kinds = [tr.get("data-kind") for tr in doc.cssselect("#upkeep tbody tr")]
    assert kinds == ["broken", "broken", "warning"]  # warnings come last


def test_mark_checked_hides_a_link_until_its_result_changes(client, checked):
    client.force_login(make_staff("pub", PUBLISHERS))
    row = link("https://gone.example/form")
    response = client.post(f"/admin/upkeep/linkcheck/{row.pk}/mark/")
    assert response.status_code == HTTPStatus.FOUND
    assert "gone.example" not in " ".join(rows(panel(client), "broken"))
    store(checked["found"], checked["results"])  # the same result again: still hidden
    assert "gone.example" not in " ".join(rows(panel(client), "broken"))
    store(checked["found"], {**checked["results"], "https://gone.example/form": (410, "")})
    assert "gone.example" in " ".join(rows(panel(client), "broken"))


def test_remind_me_later_puts_a_link_off_for_a_week(client, checked):
    client.force_login(make_staff("pub", PUBLISHERS))
    row = link("https://down.example/")
    client.post(f"/admin/upkeep/linkcheck/{row.pk}/snooze/")
    assert "down.example" not in " ".join(rows(panel(client), "broken"))
    row.refresh_from_db()
    assert row.snoozed_until - timezone.now() > timezone.timedelta(days=6, hours=23)
    LinkCheck.objects.filter(pk=row.pk).update(snoozed_until=timezone.now())
    assert "down.example" in " ".join(rows(panel(client), "broken"))


def test_staff_who_may_not_change_the_page_cannot_mark_and_see_no_buttons(client, checked):
    viewer = make_staff("viewer")
    viewer.user_permissions.set(Permission.objects.filter(codename="view_notice"))
    client.force_login(viewer)
    doc = panel(client)
    assert len(rows(doc, "broken")) == 2
    assert not doc.cssselect("#upkeep form")
    row = link("https://gone.example/form")
    for action in ("mark", "snooze"):
        response = client.post(f"/admin/upkeep/linkcheck/{row.pk}/{action}/")
        assert response.status_code == HTTPStatus.FORBIDDEN
    row.refresh_from_db()
    assert (row.dismissed, row.snoozed_until) == ("", None)


def test_marking_needs_a_post_with_its_csrf_token(checked):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff("ed", EDITORS))
    row = link("https://gone.example/form")
    assert client.get(f"/admin/upkeep/linkcheck/{row.pk}/mark/").status_code == 405
    assert client.post(f"/admin/upkeep/linkcheck/{row.pk}/mark/").status_code == 403
    row.refresh_from_db()
    assert row.dismissed == ""


def test_the_list_says_so_when_there_is_nothing_to_look_after(admin_client):
    text = text_of(panel(admin_client).cssselect("#upkeep")[0])
    assert "Nothing to look after: no broken links, overdue reviews" in text
