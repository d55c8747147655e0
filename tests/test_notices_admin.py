"""Editors' side: the notices changelist, search, bulk publish and withdraw, view on site."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status

from .factories import make_category, make_notice

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notices_notice_changelist")


def test_changelist_shows_the_editors_columns(admin_client):
    make_notice(title="Visa rules", category=make_category(name="Visas"), pinned=True)
    html = admin_client.get(CHANGELIST).content.decode()
    for column in ["Title", "Category", "State", "Publish at", "Expires at", "Pinned"]:
        assert f">{column}</a>" in html
    assert "Visa rules" in html
    assert "Visas" in html


def test_changelist_query_count_does_not_grow_with_notices(
    admin_client, django_assert_max_num_queries
):
    for _ in range(30):
        make_notice()
    with django_assert_max_num_queries(12):
        assert admin_client.get(CHANGELIST).status_code == HTTPStatus.OK


def test_search_finds_by_title_and_teaser(admin_client):
    make_notice(title="Scholarships 2019", summary="Program of scholarships")
    make_notice(title="Official visit", summary="Deputy Prime Minister")
    html = admin_client.get(CHANGELIST, {"q": "scholarships"}).content.decode()
    assert "Scholarships 2019" in html
    assert "Official visit" not in html


def test_filters_and_date_hierarchy_are_offered(admin_client):
    make_notice()
    make_notice()  # a second category, or Django hides the category filter
    html = " ".join(admin_client.get(CHANGELIST).content.decode().split())
    assert 'id="changelist-filter"' in html
    for title in ["status", "category", "pinned", "publish at", "expires at"]:
        assert f"By {title}" in html
    assert '<nav class="toplinks">' in html


def test_publish_action_publishes_drafts_and_warns_about_future_times(admin_client):
    draft = make_notice(status=Status.DRAFT)
    future = make_notice(status=Status.DRAFT, publish_at=timezone.now() + timedelta(days=2))
    response = admin_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [draft.pk, future.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "2 notices published." in html
    assert "1 of them has a future publish time" in html
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_withdraw_action_asks_why_then_keeps_the_page_with_a_banner(admin_client, client):
    notice = make_notice()
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.OK
    chosen = {"action": "withdraw", "_selected_action": [notice.pk]}
    asked = admin_client.post(CHANGELIST, chosen).content.decode()
    assert "Why is it withdrawn? (English)" in asked and 'name="reason_ro"' in asked
    # Confirmed without a reason: asked again, with a message, nothing withdrawn.
    again = admin_client.post(CHANGELIST, {**chosen, "post": "yes", "reason_ro": "Motiv"})
    assert "Say why in English, so visitors know." in again.content.decode()
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED
    done = {**chosen, "post": "yes", "reason_en": "The rules changed."}
    response = admin_client.post(CHANGELIST, done, follow=True)
    assert "1 withdrawn" in response.content.decode()
    page = client.get(notice.get_absolute_url())
    assert page.status_code == HTTPStatus.OK and "The rules changed." in page.content.decode()


def test_add_form_has_prepopulated_slug_and_attachments_inline(admin_client):
    html = admin_client.get(reverse("admin:notices_notice_add")).content.decode()
    assert "&quot;name&quot;: &quot;slug&quot;" in html
    assert "&quot;dependency_list&quot;: [&quot;title&quot;]" in html
    assert 'id="attachments-group"' in html


def test_view_on_site_leads_staff_to_the_draft_preview(admin_client):
    draft = make_notice(status=Status.DRAFT, title="Draft to check")
    change = admin_client.get(reverse("admin:notices_notice_change", args=[draft.pk]))
    ct = ContentType.objects.get_for_model(Notice)
    shortcut = reverse("admin:view_on_site", args=[ct.pk, draft.pk])
    assert shortcut in change.content.decode()
    response = admin_client.get(shortcut, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Draft to check" in response.content.decode()
    assert "Visitors cannot see this page" in response.content.decode()


def test_reserved_slug_and_link_without_label_are_refused(admin_client):
    category = make_category()
    response = admin_client.post(
        reverse("admin:notices_notice_add"),
        {
            "title": "Feed",
            "slug": "feed",
            "category": category.pk,
            "summary": "A <b>bold</b> teaser",
            "body": "",
            "link_url": "https://example.org/",
            "link_label": "",
            "status": "draft",
            "publish_at_0": "2024-05-01",
            "publish_at_1": "10:00:00",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "is used by the site itself" in html
    assert "Say what the link leads to" in html
    assert "The teaser is plain text" in html
    assert not Notice.objects.exists()


def test_category_admin_lists_and_adds_categories(admin_client):
    make_category(name="Visas")
    html = admin_client.get(reverse("admin:notices_category_changelist")).content.decode()
    assert "Visas" in html
    response = admin_client.post(
        reverse("admin:notices_category_add"),
        {"name": "Consular", "slug": "consular", "description": "", "order": "4"},
    )
    assert response.status_code == HTTPStatus.FOUND


def test_view_only_staff_get_no_publish_or_withdraw(client):
    user = User.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_notice"))
    client.force_login(user)
    make_notice()
    html = client.get(CHANGELIST).content.decode()
    assert "Publish the selected notices" not in html
    assert "Withdraw the selected notices" not in html
