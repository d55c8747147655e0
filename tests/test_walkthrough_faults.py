"""The faults staff found in the walkthrough of revisions (issue 20), and two of issue 18's."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from notices.models import Category, Notice
from publishing import actions, revisions, snapshots
from publishing.diffs import field_changes
from publishing.models import ReviewState, Revision, Status
from publishing.roles import EDITORS, PUBLISHERS
from publishing.templatetags.editorial import editorial_overview
from relations.models import Framework, Relation

from .factories import make_category, make_notice, make_staff
from .html import form_data, parse, text_of
from .revisions_helpers import NOTICE, edit

pytestmark = pytest.mark.django_db


def login(role, name):
    client = Client()
    user = make_staff(name, role, first_name=name.title(), last_name="Staff")
    client.force_login(user)
    return client, user


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def new_notice(client, django_capture_on_commit_callbacks, **fields):
    data = form_data(client.get("/admin/notices/notice/add/"))
    data.update(
        title="Consular hours in May",
        slug="consular-hours-may",
        category=str(make_category().pk),
        summary="The consular section keeps shorter hours.",
        body="<p>Shorter hours.</p>",
        **fields,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/notices/notice/add/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))
    return Notice.objects.get(slug="consular-hours-may")


def test_a_new_notice_starts_its_history_with_its_author_and_goes_to_review(
    django_capture_on_commit_callbacks,
):
    editor, eddie = login(EDITORS, "eddie")
    publisher, _anna = login(PUBLISHERS, "anna")
    notice = new_notice(editor, django_capture_on_commit_callbacks)
    first = revisions.for_page(notice).get()  # no "Baseline by the system", no "No change"
    assert first.author == eddie and first.kind == Revision.Kind.EDIT
    notice.refresh_from_db()
    assert notice.has_unpublished_changes and notice.review_state == ReviewState.DRAFT
    page = editor.get(NOTICE.format(notice.pk) + f"history/{first.pk}/")
    said = text_of(parse(page))
    assert "equals what visitors see now" not in said
    assert "No visitor sees this page yet" in said
    assert "Send for review" in said
    submit = editor.post(NOTICE.format(notice.pk) + f"history/{first.pk}/submit/")
    assert submit.status_code == HTTPStatus.FOUND
    notice.refresh_from_db()
    assert notice.review_state == ReviewState.SUBMITTED
    reject = publisher.post(
        NOTICE.format(notice.pk) + f"history/{first.pk}/reject/", {"comment": "Say which days."}
    )
    assert reject.status_code == HTTPStatus.FOUND
    notice.refresh_from_db()
    assert notice.review_state == ReviewState.REJECTED
    assert "Say which days." in text_of(parse(editor.get(NOTICE.format(notice.pk) + "change/")))


def test_the_banner_of_a_parts_form_links_to_its_pages_draft(seed):
    editor, _ = login(EDITORS, "eddie")
    framework = seed.frameworks.order_by("pk").first()
    url = f"/admin/relations/framework/{framework.pk}/change/"
    edit(editor, url.removesuffix("change/"), name="Partnership for Peace, renamed")
    form = parse(editor.get(url))
    link = form.cssselect(".publishing-banner a")[0].get("href")
    assert link.startswith(f"/admin/relations/relation/{seed.pk}/history/")
    assert editor.get(link).status_code == HTTPStatus.OK
    assert "Partnership for Peace, renamed" in editor.get(url).content.decode()
    assert Framework.objects.get(pk=framework.pk).name != "Partnership for Peace, renamed"


def test_a_second_save_of_a_refused_form_is_refused_too(seed):
    editor, _ = login(EDITORS, "eddie")
    other, _ = login(EDITORS, "olga")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    url = NOTICE.format(notice.pk) + "change/"
    mine, theirs = form_data(editor.get(url)), form_data(other.get(url))
    theirs["summary"] = "Olga's summary."
    assert other.post(url, theirs).status_code == HTTPStatus.FOUND
    mine["summary"] = "Eddie's summary."
    refused = editor.post(url, mine)
    assert refused.status_code == HTTPStatus.OK
    again = form_data(refused)  # the returned form, saved once more as it is
    assert again["revision_token"] == mine["revision_token"]
    second = editor.post(url, again)
    assert second.status_code == HTTPStatus.OK
    assert "saved this page at" in text_of(parse(second))
    draft = revisions.pending_draft(notice)
    assert draft.data["page"]["fields"]["summary"] == "Olga's summary."


def test_a_publisher_setting_a_live_notice_to_draft_withdraws_it(seed, client):
    publisher, _ = login(PUBLISHERS, "anna")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.OK
    data = form_data(publisher.get(NOTICE.format(notice.pk) + "change/"))
    data["status"] = Status.DRAFT
    response = publisher.post(NOTICE.format(notice.pk) + "change/", data, follow=True)
    said = text_of(parse(response))
    assert "Withdrawn: visitors no longer see it." in said
    assert "Visitors still see" not in said
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    notice.refresh_from_db()
    assert notice.review_state == ReviewState.WITHDRAWN
    assert revisions.pending_draft(notice) is None and not notice.has_unpublished_changes


def test_save_and_publish_does_not_publish_another_editors_draft_unreviewed(seed, client):
    editor, _ = login(EDITORS, "eddie")
    publisher, _ = login(PUBLISHERS, "anna")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    url = NOTICE.format(notice.pk)
    edit(editor, url, summary="Eddie's unreviewed summary.")
    data = form_data(publisher.get(url + "change/"))
    data.update(title=notice.title + " (checked)", _publish="Save and publish")
    response = publisher.post(url + "change/", data, follow=True)
    said = text_of(parse(response))
    assert "not published: it includes changes by Eddie Staff" in said
    visible = text_of(parse(client.get(notice.get_absolute_url())))
    assert "Eddie's unreviewed summary." not in visible
    assert revisions.waiting(notice).author.username == "anna"


def test_the_same_words_in_other_whitespace_are_no_change():
    stored = "<p>The embassy is open.</p><p>Closed on holidays.</p>"
    from_editor = "<p>The embassy  is\nopen.</p>\n<p>Closed on holidays.</p>"
    fields = {"body": stored, "title": "T"}
    assert field_changes(Notice, fields, {**fields, "body": from_editor}) == []
    assert field_changes(Notice, fields, {**fields, "body": "<p>Open.</p>"})


def test_the_dashboard_says_when_a_draft_was_saved_not_the_contents_date(seed):
    editor, _ = login(EDITORS, "eddie")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    assert notice.updated_at.year < timezone.now().year  # the seed's own date
    edit(editor, NOTICE.format(notice.pk), summary="A new summary.")
    row = next(r for r in editorial_overview()["drafts"] if r["title"] == str(notice))
    assert row["when"].date() == timezone.now().date()


def test_one_draft_is_published_once(seed):
    editor, _ = login(EDITORS, "eddie")
    _, anna = login(PUBLISHERS, "anna")
    _, olga = login(PUBLISHERS, "olga")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    edit(editor, NOTICE.format(notice.pk), summary="Published once.")
    draft = revisions.waiting(notice)
    first = actions.Publish(Notice.objects.get(pk=notice.pk), anna, revision=draft)
    second = actions.Publish(Notice.objects.get(pk=notice.pk), olga, revision=draft)
    first.check(), second.check()  # both pressed Publish on the same page
    first.execute()
    with pytest.raises(actions.Refused, match="published or replaced a moment ago"):
        second.execute()
    kinds = revisions.for_page(notice).values_list("kind", flat=True)
    assert list(kinds).count(Revision.Kind.PUBLISH) == 1


def test_restoring_a_revision_whose_category_is_gone_restores_nothing(seed):
    """Issue 18, 3: a message says what is missing; no IntegrityError, nothing half done."""
    publisher, anna = login(PUBLISHERS, "anna")
    notice = Notice.objects.filter(status=Status.PUBLISHED).first()
    gone = Category.objects.create(name="Closed", slug="closed", order=99)
    old = snapshots.take(notice)
    old["page"]["fields"].update(category=gone.pk, title="An older title")
    revision = revisions.record(notice, Revision.Kind.EDIT, author=anna, data=old)
    before = snapshots.take(notice)
    gone.delete()
    url = NOTICE.format(notice.pk) + f"history/{revision.pk}/restore/"
    confirm = publisher.get(url)
    assert "was deleted since" in text_of(parse(confirm))
    response = publisher.post(url, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Nothing was restored" in text_of(parse(response))
    assert snapshots.same_content(snapshots.take(notice), before)


def test_drafts_are_previewed_only_by_staff_who_may_see_the_page_type(seed):
    """Issue 18, 4: is_staff alone is not enough."""
    draft = make_notice(title="A draft only editors see", status=Status.DRAFT)
    nobody = make_staff("nobody")
    client = Client()
    client.force_login(nobody)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    nobody.user_permissions.add(Permission.objects.get(codename="view_notice"))
    client.force_login(nobody)
    assert "A draft only editors see" in client.get(draft.get_absolute_url()).content.decode()
