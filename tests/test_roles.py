"""Editors write drafts; only publishers publish, schedule, withdraw and delete published
content. Every refusal is checked with the request a crafted client would send."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from notices.models import Notice
from publishing import revisions
from publishing.models import Revision, Status
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Framework

from .factories import make_category, make_notice, make_relation, make_staff
from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

NOTICES = "/admin/notices/notice/"
ADD = NOTICES + "add/"
CHANGE = NOTICES + "{}/change/"


@pytest.fixture
def editor(client):
    client.force_login(make_staff("ed", EDITORS))
    return client


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("pub", PUBLISHERS))
    return client


def status_options(response):
    return [o.get("value") for o in parse(response).cssselect("select[name=status] option")]


def add_data(client, **changes):
    data = form_data(client.get(ADD))
    data.update(
        title="Consular hours",
        slug="consular-hours",
        category=str(make_category().pk),
        summary="When the consular section is open.",
        body="<p>Monday to Friday.</p>",
    )
    data.update(changes)
    return data


def test_setup_roles_creates_both_groups_once(capsys):
    call_command("setup_roles")
    first = capsys.readouterr().out
    assert "Editors: created" in first and "Publishers: created" in first
    call_command("setup_roles")
    assert "Nothing to do" in capsys.readouterr().out
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name=PUBLISHERS).permissions.values_list("codename", flat=True)
    )
    assert {"add_notice", "change_section", "view_category"} <= editors
    assert not {"publish_notice", "publish_relation"} & editors
    assert {"publish_notice", "publish_relation"} <= publishers


def test_setup_roles_repairs_a_changed_group_and_dry_run_changes_nothing(capsys):
    call_command("setup_roles", verbosity=0)
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.clear()
    call_command("setup_roles", "--dry-run")
    assert "Editors: updated" in capsys.readouterr().out
    assert not editors.permissions.exists()
    call_command("setup_roles", verbosity=0)
    assert editors.permissions.exists()


def test_editor_is_offered_draft_only(editor):
    response = editor.get(ADD)
    assert response.status_code == HTTPStatus.OK
    assert status_options(response) == ["draft"]


def test_publisher_is_offered_both(publisher):
    assert status_options(publisher.get(ADD)) == ["draft", "published"]


def test_editor_saves_a_draft(editor):
    response = editor.post(ADD, add_data(editor))
    assert response.status_code == HTTPStatus.FOUND
    assert Notice.objects.get(slug="consular-hours").status == Status.DRAFT


def test_crafted_post_to_publish_is_refused_with_a_message(editor):
    response = editor.post(ADD, add_data(editor, status="published"))
    assert response.status_code == HTTPStatus.OK
    errors = text_of(parse(response).cssselect(".field-status .errorlist")[0])
    assert "Only a publisher can publish" in errors
    assert not Notice.objects.filter(slug="consular-hours").exists()


def test_crafted_post_cannot_publish_an_existing_draft(editor):
    draft = make_notice(status=Status.DRAFT)
    data = form_data(editor.get(CHANGE.format(draft.pk)))
    data["status"] = "published"
    assert editor.post(CHANGE.format(draft.pk), data).status_code == HTTPStatus.OK
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_editor_may_correct_published_text_but_not_its_publishing(editor):
    notice = make_notice()
    response = editor.get(CHANGE.format(notice.pk))
    assert not parse(response).cssselect("select[name=status], input[name=publish_at_0]")
    assert "Published" in text_of(parse(response).cssselect(".field-status")[0])
    data = form_data(response)
    # A crafted client adds the publishing fields anyway: withdraw and reschedule.
    data.update(
        title="Visa rules (corrected)",
        status="draft",
        publish_at_0="2099-01-01",
        publish_at_1="10:00:00",
        expires_at_0="2000-01-01",
        expires_at_1="10:00:00",
    )
    before = notice.publish_at
    assert editor.post(CHANGE.format(notice.pk), data).status_code == HTTPStatus.FOUND
    notice.refresh_from_db()
    # The correction waits as a draft of the live notice; the publishing values are refused.
    assert notice.title == "Visa regulations"
    assert (
        revisions.pending_draft(notice).data["page"]["fields"]["title"] == "Visa rules (corrected)"
    )
    assert (notice.status, notice.publish_at, notice.expires_at) == (
        Status.PUBLISHED,
        before,
        None,
    )


def test_editor_cannot_delete_published_content_but_may_delete_a_draft(editor):
    notice = make_notice()
    assert editor.get(NOTICES + f"{notice.pk}/delete/").status_code == HTTPStatus.FORBIDDEN
    assert editor.post(NOTICES + f"{notice.pk}/delete/", {"post": "yes"}).status_code == 403
    assert not parse(editor.get(CHANGE.format(notice.pk))).cssselect("a.deletelink")
    draft = make_notice(slug="draft", status=Status.DRAFT)
    assert editor.post(NOTICES + f"{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(Notice.objects.all()) == [notice]


def test_bulk_delete_by_an_editor_refuses_published_items(editor):
    notice = make_notice()
    draft = make_notice(slug="draft", status=Status.DRAFT)
    selected = {"action": "delete_selected", "_selected_action": [notice.pk, draft.pk]}
    refused = editor.post(NOTICES, selected)
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert "only a publisher can delete it" in text_of(parse(refused))
    assert editor.post(NOTICES, {**selected, "post": "yes"}).status_code == 403
    assert Notice.objects.count() == 2


def test_editor_has_no_publish_actions_and_a_crafted_action_does_nothing(editor):
    draft = make_notice(status=Status.DRAFT)
    published = make_notice(slug="live")
    actions = [
        o.get("value") for o in parse(editor.get(NOTICES)).cssselect("select[name=action] option")
    ]
    assert "publish" not in actions and "withdraw" not in actions
    editor.post(NOTICES, {"action": "publish", "_selected_action": [draft.pk]})
    editor.post(NOTICES, {"action": "withdraw", "_selected_action": [published.pk]})
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.DRAFT, Status.PUBLISHED)


def test_publisher_publishes_withdraws_and_deletes(publisher):
    draft = make_notice(status=Status.DRAFT)
    publisher.post(NOTICES, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    withdraw = {"action": "withdraw", "_selected_action": [draft.pk], "post": "yes"}
    publisher.post(NOTICES, {**withdraw, "reason_en": "The rules changed."})
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    response = publisher.post(ADD, add_data(publisher, status="published"))
    assert response.status_code == HTTPStatus.FOUND
    live = Notice.objects.get(slug="consular-hours")
    assert live.status == Status.PUBLISHED
    assert publisher.post(NOTICES + f"{live.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Notice.objects.filter(pk=live.pk).exists()


def test_relations_follow_the_same_rules(editor):
    relation = make_relation()
    url = f"/admin/relations/relation/{relation.pk}/change/"
    data = form_data(editor.get(url))
    data.update(status="draft", title="Renamed")
    assert editor.post(url, data).status_code == HTTPStatus.FOUND
    relation.refresh_from_db()
    assert (relation.title, relation.status) == ("NATO – Testland relations", Status.PUBLISHED)
    assert revisions.pending_draft(relation).data["page"]["fields"]["title"] == "Renamed"
    assert editor.get(f"/admin/relations/relation/{relation.pk}/delete/").status_code == 403
    draft = make_relation(slug="draft", status=Status.DRAFT)
    url = f"/admin/relations/relation/{draft.pk}/change/"
    data = form_data(editor.get(url))
    data["status"] = "published"
    editor.post(url, data)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_superuser_keeps_everything(admin_client):
    notice = make_notice(publish_at=timezone.now() + timezone.timedelta(days=2))
    response = admin_client.get(CHANGE.format(notice.pk))
    assert status_options(response) == ["draft", "published"]
    assert parse(response).cssselect("a.deletelink")


def test_moving_a_drafts_framework_into_a_live_relation_waits_for_a_publisher(editor, client):
    """A framework's own form names its relation: a move into a live page is an edit of it."""
    live = make_relation()
    draft = make_relation(slug="draft", status=Status.DRAFT)
    framework = Framework.objects.create(relation=draft, name="Moved in", slug="moved", year=2004)
    url = f"/admin/relations/framework/{framework.pk}/change/"
    data = form_data(editor.get(url))
    data["relation"] = str(live.pk)
    response = editor.post(url, data, follow=True)
    assert "Saved as a draft" in text_of(parse(response))
    framework.refresh_from_db()
    assert framework.relation == draft
    assert not live.frameworks.exists()
    assert "Moved in" not in text_of(parse(client.get(live.get_absolute_url())))
    assert [p["fields"]["name"] for p in revisions.pending_draft(live).data["parts"]] == [
        "Moved in"
    ]


def test_reading_a_page_no_revision_knows_writes_nothing(editor):
    """A page made outside the admin may lack its baseline: a GET, or a POST the user may not
    send, must not write it; the first save does."""
    relation = make_relation(status=Status.DRAFT)  # no on_commit here, so no baseline
    url = f"/admin/relations/relation/{relation.pk}/"
    viewer = Client()
    viewer.force_login(make_staff("viewer"))
    viewer_user = User.objects.get(username="viewer")
    viewer_user.user_permissions.set(Permission.objects.filter(codename="view_relation"))
    assert viewer.get(url + "history/").status_code == HTTPStatus.OK
    assert viewer.post(url + "change/", form_data(editor.get(url + "change/"))).status_code == 403
    assert editor.get(url + "history/").status_code == HTTPStatus.OK
    assert not revisions.for_page(relation).exists()
    data = form_data(editor.get(url + "change/"))
    data["title"] = "Renamed"
    assert editor.post(url + "change/", data).status_code == HTTPStatus.FOUND
    kinds = list(revisions.for_page(relation).values_list("kind", flat=True))
    assert kinds == [Revision.Kind.EDIT, Revision.Kind.BASELINE]


def test_a_crafted_save_as_new_of_a_live_page_is_an_add(editor):
    """Django saves a copy on "_saveasnew" even where the admin does not offer it: the form
    comes back with its errors (it answered 500 while a draft waited on the page)."""
    notice = make_notice()
    data = form_data(editor.get(CHANGE.format(notice.pk)))
    data["title"] = "Corrected"
    editor.post(CHANGE.format(notice.pk), data)  # a draft now waits on the live notice
    data = form_data(editor.get(CHANGE.format(notice.pk)))
    data.update(slug="copy", status="published", _saveasnew="Save as new")
    response = editor.post(CHANGE.format(notice.pk), data)
    assert response.status_code == HTTPStatus.OK
    assert "Only a publisher can publish" in text_of(parse(response))
    assert not Notice.objects.filter(slug="copy").exists()
    notice.refresh_from_db()
    assert (notice.title, notice.status) == ("Visa regulations", Status.PUBLISHED)


def test_the_change_forms_are_declared_once_per_admin_class(rf):
    """A request chooses between two forms made when the admin class was; it builds none
    (Django's own modelform_factory aside), so the forms do not stack up per request."""
    from django.contrib import admin

    from publishing.admin_forms import EditorPageForm, PageForm

    model_admin = admin.site._registry[Notice]
    assert issubclass(model_admin.form, PageForm)
    assert issubclass(model_admin.editor_form, EditorPageForm)
    for role in (EDITORS, PUBLISHERS, EDITORS, PUBLISHERS):
        request = rf.get("/admin/notices/notice/add/")
        request.user = User.objects.filter(username=role.lower()).first()
        request.user = request.user or make_staff(role.lower(), role)
        mro = model_admin.get_form(request).__mro__
        # Django's factories make the class; its bases are the declared ones, every time.
        assert (model_admin.editor_form in mro) is (role == EDITORS)
        assert model_admin.form in mro
