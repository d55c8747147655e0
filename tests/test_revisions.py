"""Revisions staff can trust, tried from the state `make run` leaves: loaddata, no history."""

import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.test import Client

from notices.models import Notice
from publishing import revisions, snapshots
from publishing.diffs import word_diff
from publishing.models import Revision, Status
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Milestone, Relation, Section

from .factories import make_notice, make_relation, make_section, make_staff
from .html import form_data, parse, text_of
from .revisions_helpers import NOTICE, RELATION, edit, history_rows, newest, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    """The shipped content, loaded as `make run` loads it (its baselines come on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def without_date(text):
    return re.sub(r"Last updated: \d+ \w+ \d{4}", "Last updated: …", text)


def login(role, name):
    client = Client()
    client.force_login(make_staff(name, role, first_name=name.title(), last_name="Staff"))
    return client


@pytest.fixture
def editor():
    return login(EDITORS, "eddie")


@pytest.fixture
def publisher():
    return login(PUBLISHERS, "anna")


def test_loaddata_gives_every_page_its_whole_baseline(seed):
    for page in [seed, *Notice.objects.all()]:
        baseline = revisions.for_page(page).get()
        assert baseline.kind == Revision.Kind.BASELINE
        assert baseline.data == snapshots.take(page)
    assert len(revisions.for_page(seed).get().data["parts"]) == 32


def test_an_editors_change_to_the_live_nato_page_waits_for_a_publisher(seed, editor, client):
    url = RELATION.format(seed.pk)
    data = form_data(editor.get(url + "change/"))
    section = next(k for k in data if k.startswith("sections-") and k.endswith("-body"))
    data[section] = "<p>A rewritten first paragraph.</p>"
    extra = int(data["milestones-TOTAL_FORMS"])
    data.update(
        {
            "milestones-TOTAL_FORMS": str(extra + 1),
            f"milestones-{extra}-date_text": "2026",
            f"milestones-{extra}-text": "A milestone only the draft has.",
            f"milestones-{extra}-slug": "2026-draft",
        }
    )
    response = editor.post(url + "change/", data, follow=True)
    assert "Saved as a draft" in text_of(parse(response))
    # Visitors keep the live page, word for word.
    page = visible_text(client, seed)
    assert "A rewritten first paragraph." not in page
    assert "A milestone only the draft has." not in page
    assert not Milestone.objects.filter(slug="2026-draft").exists()
    # Staff at the public address see the draft, with a banner and a way to the live page.
    preview = visible_text(editor, seed)
    assert "Unpublished changes by Eddie Staff" in preview
    assert "A rewritten first paragraph." in preview
    assert "A milestone only the draft has." in preview
    live = text_of(parse(editor.get(seed.get_absolute_url() + "?live=1")))
    assert "A rewritten first paragraph." not in live
    # The admin says so: list, dashboard, and the form reopens on the draft.
    listing = text_of(parse(editor.get("/admin/relations/relation/")))
    assert "Live, with unpublished changes" in listing
    dashboard = parse(editor.get("/admin/")).get_element_by_id("drafts")
    assert "NATO – Azerbaijan relations" in text_of(dashboard)
    reopened = form_data(editor.get(url + "change/"))
    assert reopened[section].strip() == "<p>A rewritten first paragraph.</p>"


def test_a_publisher_publishes_the_draft_and_visitors_see_it(seed, editor, publisher, client):
    url = RELATION.format(seed.pk)
    edit(editor, url, summary="A new summary for visitors.")
    draft = revisions.pending_draft(seed)
    page = parse(publisher.get(url + f"history/{draft.pk}/"))
    assert "Summary (English):" in text_of(page)
    assert "A new summary for visitors." in [text_of(i) for i in page.cssselect(".changes ins")]
    assert editor.post(url + f"history/{draft.pk}/publish/").status_code == 403
    assert "A new summary" not in visible_text(client, seed)
    response = publisher.post(url + f"history/{draft.pk}/publish/")
    assert response.status_code == HTTPStatus.FOUND
    assert "A new summary for visitors." in visible_text(client, seed)
    assert revisions.pending_draft(seed) is None


def test_restoring_the_baseline_gives_back_the_seed_page_word_for_word(seed, publisher, client):
    url = RELATION.format(seed.pk)
    seed_page = visible_text(client, seed)
    seed_rows = snapshots.take(seed)["parts"]
    # A publisher rewrites, deletes and adds parts, and publishes at once.
    data = form_data(publisher.get(url + "change/"))
    data["sections-0-body"] = "<p>Rewritten.</p>"
    data["frameworks-0-DELETE"] = "on"
    data["milestones-0-DELETE"] = "on"
    data["_publish"] = "Save and publish"
    assert publisher.post(url + "change/", data).status_code == HTTPStatus.FOUND
    Section.objects.create(relation=seed, heading="Added later", anchor="later", order=99)
    assert "Added later" in visible_text(client, seed)
    baseline = revisions.for_page(seed).order_by("created_at").first()
    # The confirmation shows what will change and changes nothing yet.
    confirm = publisher.get(url + f"history/{baseline.pk}/restore/")
    assert confirm.status_code == HTTPStatus.OK
    assert "Section “Added later”: removed" in text_of(parse(confirm))
    assert "Added later" in visible_text(client, seed)
    assert publisher.post(url + f"history/{baseline.pk}/restore/").status_code == 302
    # Word for word; only "Last updated" moves, since the page did change again.
    assert without_date(visible_text(client, seed)) == without_date(seed_page)
    assert snapshots.take(seed)["parts"] == seed_rows
    assert len(history_rows(publisher, url)) >= 3


def test_history_answers_whatever_was_deleted_or_reimported(seed, publisher):
    url = RELATION.format(seed.pk)
    assert len(history_rows(publisher, url)) == 1
    seed.frameworks.all().delete()
    seed.sections.exclude(anchor="evolution-of-relations").delete()
    call_command("import_content", "content/", verbosity=0)
    rows = history_rows(publisher, url)
    assert "Imported from nato-azerbaijan.yaml" in text_of(rows[0])
    for revision in revisions.for_page(seed):
        assert publisher.get(url + f"history/{revision.pk}/").status_code == HTTPStatus.OK
        assert publisher.get(url + f"history/{revision.pk}/restore/").status_code == 200


def test_two_editors_on_one_notice_lose_nothing(editor, publisher):
    notice = make_notice(status=Status.DRAFT, summary="The first summary.")
    url = NOTICE.format(notice.pk) + "change/"
    first = form_data(editor.get(url))
    second = form_data(publisher.get(url))
    second["summary"] = "Anna's summary."
    assert publisher.post(url, second).status_code == HTTPStatus.FOUND
    first["summary"] = "Eddie's summary, typed at length."
    response = editor.post(url, first)
    assert response.status_code == HTTPStatus.OK
    page = text_of(parse(response))
    assert "Anna Staff saved this page at" in page
    typed = parse(response).cssselect("textarea[name=summary]")[0].text
    assert typed.strip() == "Eddie's summary, typed at length."
    notice.refresh_from_db()
    assert notice.summary == "Anna's summary."


def test_versions_say_who_and_what_changed_in_every_part(publisher):
    relation = make_relation(status=Status.DRAFT)
    make_section(relation, body="<p>It began in 1992.</p>")
    url = RELATION.format(relation.pk)
    edit(publisher, url, title="Renamed", **{"sections-0-body": "<p>It began in 1994.</p>"})
    newest_row = text_of(history_rows(publisher, url)[0])
    assert "Anna Staff" in newest_row
    assert "Section “Evolution of relations”: Body" in newest_row
    assert "1992." in newest_row and "1994." in newest_row
    assert "Renamed" in newest_row


def test_import_records_a_revision_per_page_naming_the_file(tmp_path):
    call_command("import_content", "content/notices.yaml", verbosity=0)
    for notice in Notice.objects.all():
        revision = newest(notice)
        assert revision.note.startswith("Imported from notices.yaml by ")
        assert revision.data == snapshots.take(notice)


def test_word_diff_marks_removed_and_added_words_and_escapes():
    html = word_diff(
        "<p>Apply early in May.</p>", "<p>Apply <b>before</b> June &amp; <i>July</i></p>"
    )
    assert html == "Apply <del>early in May.</del> <ins>before June &amp; July</ins>"


def test_migrate_gives_content_from_before_revisions_its_baseline_and_documents():
    """Content written with no revision (an older site, a bulk write) is caught up by
    migrate, once every migration is applied."""
    from search.models import SearchDocument

    relation = make_relation()
    Relation.objects.filter(pk=relation.pk).update(title="Older title")
    Revision.objects.all().delete()
    SearchDocument.objects.all().delete()
    call_command("migrate", verbosity=0)
    baseline = revisions.for_page(relation).get()
    assert baseline.kind == Revision.Kind.BASELINE
    assert baseline.data["page"]["fields"]["title"] == "Older title"
    assert SearchDocument.objects.filter(object_id=relation.pk, title="Older title").exists()
    # ...and its state on the row: live, nothing waiting, the baseline both latest and live.
    relation.refresh_from_db()
    assert relation.latest_revision == relation.live_revision == baseline
    assert (relation.review_state, relation.has_unpublished_changes) == ("published", False)


def test_a_diff_names_each_language_of_a_translated_field_in_the_readers_language():
    """Not the column ("title_ro"): the field and its language, as the reader reads them."""
    from django.utils.translation import override

    from publishing import diffs, snapshots

    notice = make_notice(title="Visa rules")
    old = snapshots.take(notice)
    new = snapshots.take(notice)
    new["page"]["fields"]["title_ro"] = "Reguli de viză"
    new["page"]["fields"]["summary_en"] = "A new summary."
    new["page"]["fields"]["summary"] = "A new summary."
    shown = [change["field"] for change in diffs.describe(old, new)]
    # One row for the English summary (its column and the field hold the same text).
    assert shown == ["Title (Romanian)", "Teaser (English)"]
    with override("ro"):
        shown = [c["field"] for c in diffs.describe(old, new)]
        assert shown[0] == "Titlu (Română)" and shown[1].endswith(" (Engleză)")
    with override("az"):
        assert [c["field"] for c in diffs.describe(old, new)][0] == "Başlıq (Rumın dili)"
