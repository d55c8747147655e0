"""A draft has no publish time until it is published: every way of publishing fills it then."""

import json
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status
from relations.models import Relation

from .content_helpers import import_content, write
from .factories import make_category, make_notice, make_relation
from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notices_notice_changelist")


def test_the_add_forms_leave_the_publish_time_empty(admin_client):
    for url in [reverse("admin:notices_notice_add"), reverse("admin:relations_relation_add")]:
        doc = parse(admin_client.get(url))
        assert doc.cssselect("input[name=publish_at_0]")[0].get("value") in (None, "")
        assert doc.cssselect("input[name=publish_at_1]")[0].get("value") in (None, "")
        assert "Leave empty to publish at the moment of publishing" in text_of(doc)


def test_an_old_draft_published_in_the_admin_gets_the_moment_it_is_published(admin_client):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    Notice.objects.filter(pk=draft.pk).update(created_at=timezone.now() - timedelta(days=90))
    url = reverse("admin:notices_notice_change", args=[draft.pk])
    data = form_data(admin_client.get(url))
    assert not data.get("publish_at_0") and not data.get("publish_at_1")
    data.update(status=Status.PUBLISHED, publish_at_0="", publish_at_1="")
    before = timezone.now()
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert before <= draft.publish_at <= timezone.now()


def test_saving_a_draft_keeps_it_without_a_publish_time(admin_client):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    url = reverse("admin:notices_notice_change", args=[draft.pk])
    data = form_data(admin_client.get(url))
    data["title"] = "Still a draft"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.title == "Still a draft" and draft.publish_at is None


def test_the_publish_action_fills_the_time_and_leaves_out_an_expired_draft(admin_client):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    expired = make_notice(
        status=Status.DRAFT, publish_at=None, expires_at=timezone.now() - timedelta(days=1)
    )
    before = timezone.now()
    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk, expired.pk]}, follow=True
    )
    page = text_of(parse(response))
    assert "1 notice published." in page
    assert "1 was not published: its expiry has passed." in page
    draft.refresh_from_db()
    expired.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.publish_at >= before
    assert expired.status == Status.DRAFT and expired.publish_at is None


def test_import_publishes_now_only_what_is_published(tmp_path):
    make_category(name="Visas")
    path = write(
        tmp_path,
        "n.yaml",
        "notices:\n"
        "  - {slug: live, title: Live, category: visas, summary: S, status: published}\n"
        "  - {slug: draft, title: Draft, category: visas, summary: S}\n",
    )
    before = timezone.now()
    import_content(path)
    assert Notice.objects.get(slug="live").publish_at >= before
    assert Notice.objects.get(slug="draft").publish_at is None
    assert [n.slug for n in Notice.objects.published()] == ["live"]


def test_a_fixture_without_a_publish_time_is_published_when_loaded(tmp_path):
    stamps = {"created_at": "2019-01-01T00:00:00Z", "updated_at": "2019-01-01T00:00:00Z"}
    fixture = [
        {
            "model": "relations.relation",
            "fields": {"title": "Loaded", "slug": "loaded", "status": "published", **stamps},
        },
        {
            "model": "relations.relation",
            "fields": {"title": "Drafted", "slug": "drafted", **stamps},
        },
    ]
    path = write(tmp_path, "relations.json", json.dumps(fixture))
    before = timezone.now()
    call_command("loaddata", str(path), verbosity=0)
    assert Relation.objects.get(slug="loaded").publish_at >= before
    assert Relation.objects.get(slug="drafted").publish_at is None


def test_a_draft_may_expire_before_it_has_a_publish_time_but_never_before_it():
    when = timezone.now()
    make_relation(status=Status.DRAFT, publish_at=None, expires_at=when)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_relation(status=Status.DRAFT, publish_at=when, expires_at=when - timedelta(hours=1))


def test_the_preview_of_a_draft_says_not_yet_published(admin_client, client):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    meta = text_of(parse(admin_client.get(draft.get_absolute_url())).cssselect("article .meta")[0])
    assert "Not yet published" in meta
    assert "Published" not in meta.replace("Not yet published", "")
    draft.status = Status.PUBLISHED
    draft.save()
    meta = text_of(parse(client.get(draft.get_absolute_url())).cssselect("article .meta")[0])
    assert f"Published {timezone.localtime(draft.publish_at):%-d %B %Y}" in meta
