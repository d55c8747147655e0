"""Importing good content: what it writes, what it reports, and that a rerun changes nothing."""

import datetime
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notices.models import Attachment, Notice
from publishing import revisions, snapshots
from publishing.models import Revision
from relations.dates import parse_partial_date
from relations.models import Framework, Milestone, Relation, Section

from .content_helpers import (
    CONTENT_DIR,
    PDF,
    counts,
    database_state,
    delete_all_content,
    import_content,
    write,
)

pytestmark = pytest.mark.django_db

SEED_COUNTS = {"Image": 0, "Relation": 1, "Section": 4, "Framework": 5, "Cycle": 5,
               "CooperationArea": 4, "Milestone": 14, "Category": 3, "Notice": 3,
               "Attachment": 0, "Page": 9, "ServiceFacts": 0, "ServiceDocument": 0, "Menu": 2,
               "MenuItem": 3, "ContactDetails": 0, "RegularHours": 0,
               "HoursException": 0}  # fmt: skip


def test_the_shipped_content_imports_cleanly_and_a_second_run_changes_nothing():
    first = import_content(CONTENT_DIR)
    assert counts() == SEED_COUNTS
    assert "Milestones: 14 created, 0 updated, 0 unchanged" in first
    assert "Notices: 3 created, 0 updated, 0 unchanged" in first
    state = database_state()

    second = import_content(CONTENT_DIR)
    assert database_state() == state
    assert "Milestones: 0 created, 0 updated, 14 unchanged" in second
    assert "Key areas of cooperation: 0 created, 0 updated, 4 unchanged" in second
    assert " created, 0 updated" in second and "1 created" not in second
    assert "everything was already up to date" in second


def test_the_shipped_content_is_the_embassys_page():
    import_content(CONTENT_DIR)
    relation = Relation.objects.get(slug="nato-azerbaijan")
    assert relation.title == "NATO – Azerbaijan relations"
    headings = list(relation.sections.order_by("order").values_list("heading", flat=True))
    assert headings == ["Evolution of relations", "Framework for cooperation",
                        "Key areas of cooperation", "Key milestones of cooperation"]  # fmt: skip
    pfp = relation.frameworks.get(slug="pfp")
    assert (pfp.year, pfp.month, pfp.day, pfp.precision) == (1994, 5, 4, "day")
    assert pfp.date == datetime.date(1994, 5, 4)
    assert relation.milestones.get(slug="1992-nacc").date_display == "1992"
    body = relation.sections.get(anchor="evolution-of-relations").body
    assert "On 27 May 2005, Azerbaijan’s IPAP document containing concrete objectives" in body
    visas = Notice.objects.get(slug="romanias-visa-regulations-uefa-euro-2020")
    assert visas.category.slug == "visas"
    assert visas.publish_at == datetime.datetime(2019, 11, 15, 6, 0, tzinfo=datetime.UTC)


def test_dry_run_reports_but_writes_nothing():
    before = database_state()
    output = import_content(CONTENT_DIR, dry_run=True)
    assert database_state() == before
    assert "Relations: 1 created, 0 updated, 0 unchanged" in output
    assert "Dry run: the files are valid; nothing was written." in output


def test_a_changed_file_updates_rows_in_place(tmp_path):
    import_content(CONTENT_DIR)
    milestone = Milestone.objects.get(slug="1994-pfp")
    text = (CONTENT_DIR / "nato-azerbaijan.yaml").read_text()
    # The first "4 May 1994" is the Partnership for Peace framework's; the milestone keeps it.
    changed = text.replace("date: 4 May 1994", "date: May 1994", 1)
    assert changed != text
    output = import_content(write(tmp_path, "nato.yaml", changed))
    assert "Frameworks: 0 created, 1 updated, 4 unchanged" in output
    assert "Milestones: 0 created, 0 updated, 14 unchanged" in output
    framework = Framework.objects.get(slug="pfp")
    assert (framework.month, framework.day, framework.precision) == (5, None, "month")
    assert framework.date_display == "May 1994"
    assert Milestone.objects.get(slug="1994-pfp").pk == milestone.pk
    assert counts() == SEED_COUNTS


def test_a_changed_part_moves_its_pages_last_updated_date(tmp_path):
    import_content(CONTENT_DIR)
    before = Relation.objects.get(slug="nato-azerbaijan").updated_at
    text = (CONTENT_DIR / "nato-azerbaijan.yaml").read_text()
    changed = text.replace(
        "agreed their third Individual", "agreed their third (edited) Individual"
    )
    assert changed != text
    path = write(tmp_path, "nato.yaml", changed)
    output = import_content(path)
    assert "Milestones: 0 created, 1 updated, 13 unchanged" in output
    assert "Relations: 0 created, 1 updated, 0 unchanged" in output
    after = Relation.objects.get(slug="nato-azerbaijan").updated_at
    assert after > before
    rerun = import_content(path)
    assert "Relations: 0 created, 0 updated, 1 unchanged" in rerun
    assert Relation.objects.get(slug="nato-azerbaijan").updated_at == after


def test_updating_a_notice_stamps_its_update_time(tmp_path):
    import_content(CONTENT_DIR)
    notice = Notice.objects.get(slug="visit-deputy-prime-minister-ana-birchall")
    text = (CONTENT_DIR / "notices.yaml").read_text().replace("pinned: false", "pinned: true", 1)
    import_content(write(tmp_path, "notices.yaml", text))
    updated = Notice.objects.get(slug="romanias-visa-regulations-uefa-euro-2020")
    assert updated.pinned is True
    assert updated.updated_at > notice.updated_at
    assert Notice.objects.get(pk=notice.pk).updated_at == notice.updated_at


def test_keys_left_out_keep_their_value_and_null_clears(tmp_path):
    path = write(
        tmp_path,
        "n.yaml",
        "categories:\n  - {slug: visas, name: Visas}\nnotices:\n"
        "  - {slug: rules, title: Rules, category: visas, summary: New rules.,\n"
        "     status: published, publish_at: 2024-01-01, expires_at: 2025-01-01}\n",
    )
    import_content(path)
    write(tmp_path, "n.yaml", "notices:\n  - {slug: rules, title: New title}\n")
    import_content(path)
    notice = Notice.objects.get(slug="rules")
    assert (notice.title, notice.status, notice.summary) == ("New title", "published", "New rules.")
    assert notice.expires_at == timezone.make_aware(datetime.datetime(2025, 1, 1))
    write(tmp_path, "n.yaml", "notices:\n  - {slug: rules, expires_at: null}\n")
    import_content(path)
    assert Notice.objects.get(slug="rules").expires_at is None


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1992", (1992, None, None, "year")),
        (1992, (1992, None, None, "year")),
        ("May 2003", (2003, 5, None, "month")),
        ("Sept. 2003", (2003, 9, None, "month")),
        ("4 May 1994", (1994, 5, 4, "day")),
        ("May 4, 1994", (1994, 5, 4, "day")),
        ("1994-05-04", (1994, 5, 4, "day")),
        (datetime.date(1994, 5, 4), (1994, 5, 4, "day")),
        ("2003-05", (2003, 5, None, "month")),
        ("29 February 2024", (2024, 2, 29, "day")),
    ],
)
def test_dates_as_people_write_them(written, stored):
    assert parse_partial_date(written) == stored


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("31 February 2019", "does not exist"),
        ("29 February 2023", "does not exist"),
        ("2003-13", "no month 13"),
        ("Mai 2003", "is not a month name"),
        ("spring 2003", "is not a month name"),
        ("the nineties", "is not a date"),
        (True, "is not a date"),
    ],
)
def test_impossible_dates_are_named(written, problem):
    with pytest.raises(ValueError, match=problem):
        parse_partial_date(written)


def test_unquoted_yaml_dates_and_times_are_read(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        "relations:\n  - slug: r\n    title: R\n    publish_at: 2024-03-01 09:30\n"
        "    milestones:\n      - {slug: m, date: 1994-05-04, text: Signed.}\n",
    )
    import_content(path)
    relation = Relation.objects.get(slug="r")
    # A time without an offset is the embassy's local time (Asia/Baku, UTC+4).
    assert relation.publish_at == datetime.datetime(2024, 3, 1, 5, 30, tzinfo=datetime.UTC)
    assert Milestone.objects.get(slug="m").date_display == "4 May 1994"
    assert "Relations: 0 created, 0 updated, 1 unchanged" in import_content(path)


def test_json_and_yaml_give_the_same_rows(tmp_path):
    data = {"relations": [{"slug": "r", "title": "R", "milestones": [
        {"slug": "m", "date": "May 2003", "text": "It happened."}]}]}  # fmt: skip
    import_content(write(tmp_path, "r.json", json.dumps(data)))
    output = import_content(write(tmp_path, "r.yaml", "relations:\n  - slug: r\n    title: R\n"
                                  "    milestones:\n      - slug: m\n        date: May 2003\n"
                                  "        text: It happened.\n"))  # fmt: skip
    assert "Milestones: 0 created, 0 updated, 1 unchanged" in output


def test_html_is_sanitised_and_a_rerun_still_finds_it_unchanged(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        "relations:\n  - slug: r\n    title: R\n    sections:\n      - anchor: a\n"
        "        heading: A\n        body: <p onclick='x()'>Hi<script>alert(1)</script></p>\n",
    )
    import_content(path)
    assert Section.objects.get(anchor="a").body == "<p>Hi</p>"
    assert "Sections: 0 created, 0 updated, 1 unchanged" in import_content(path)


def test_list_position_is_the_order_on_the_site(tmp_path):
    sections = "".join(f"      - {{anchor: s{n}, heading: S{n}}}\n" for n in (3, 1, 2))
    import_content(write(tmp_path, "r.yaml", f"relations:\n  - slug: r\n    title: R\n"
                         f"    sections:\n{sections}"))  # fmt: skip
    anchors = list(Section.objects.order_by("order").values_list("anchor", flat=True))
    assert anchors == ["s3", "s1", "s2"]


def notice_with_attachment(tmp_path, content=PDF):
    write(tmp_path, "files/form.pdf", content)
    return write(
        tmp_path,
        "notices.yaml",
        "categories:\n  - {slug: visas, name: Visas}\nnotices:\n"
        "  - slug: rules\n    title: Rules\n    category: visas\n    summary: New rules.\n"
        "    attachments:\n      - {title: Application form, file: files/form.pdf}\n",
    )


def test_attachments_are_stored_checked_and_left_alone_when_unchanged(tmp_path):
    path = notice_with_attachment(tmp_path)
    assert "Attachments: 1 created" in import_content(path)
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.size) == ("PDF", len(PDF))
    assert attachment.file.read() == PDF
    stored = attachment.file.name

    assert "Attachments: 0 created, 0 updated, 1 unchanged" in import_content(path)
    assert Attachment.objects.get().file.name == stored

    notice_with_attachment(tmp_path, PDF + b"% a new version\n")
    assert "Attachments: 0 created, 1 updated, 0 unchanged" in import_content(path)
    replaced = Attachment.objects.get()
    assert replaced.pk == attachment.pk
    assert replaced.file.name != stored
    assert replaced.size == len(PDF) + 16


def test_a_folder_imports_all_its_content_files(tmp_path):
    write(tmp_path, "a.yaml", "relations:\n  - {slug: a, title: A}\n")
    write(tmp_path, "b.json", '{"relations": [{"slug": "b", "title": "B"}]}')
    write(tmp_path, "README.txt", "Not content.")
    assert "Relations: 2 created" in import_content(tmp_path)


def big_file(tmp_path, size):
    milestones = "".join(
        f"      - {{slug: m{n}, date: {1990 + n % 30}, text: Event {n}.}}\n" for n in range(size)
    )
    notices = "".join(
        f"  - {{slug: n{n}, title: Notice {n}, category: visas, summary: Teaser {n}.}}\n"
        for n in range(size)
    )
    return write(
        tmp_path,
        f"big{size}.yaml",
        f"relations:\n  - slug: r\n    title: R\n    milestones:\n{milestones}"
        f"categories:\n  - {{slug: visas, name: Visas}}\nnotices:\n{notices}",
    )


@pytest.mark.parametrize("rerun", [False, True], ids=["first-import", "unchanged-rerun"])
def test_queries_do_not_grow_with_the_number_of_objects(tmp_path, rerun):
    """Rows are fetched and written in batches, never one query per object."""
    queries = []
    for size in (5, 60):
        path = big_file(tmp_path, size)
        if rerun:
            import_content(path)
        with CaptureQueriesContext(connection) as captured:
            import_content(path)
        queries.append(len(captured))
        delete_all_content()
    # 55 more milestones and 55 more notices: at most one more batch for SQLite's limit of
    # 999 parameters a statement (wide history rows), never a query per object.
    assert queries[1] - queries[0] <= 2


def test_an_unchanged_rerun_costs_a_fixed_number_of_queries(tmp_path, django_assert_num_queries):
    path = big_file(tmp_path, 20)
    import_content(path)
    # Savepoint and release, then relations, milestones, categories, notices by key, and
    # the relations', categories' and notices' slugs in every language (publishing/slugs.py).
    with django_assert_num_queries(9):
        import_content(path)


def test_rows_changing_different_fields_are_all_updated(tmp_path):
    import_content(CONTENT_DIR)
    text = (CONTENT_DIR / "notices.yaml").read_text()
    text = text.replace("title: The visit to Azerbaijan", "title: A visit to Azerbaijan")
    text = text.replace("The Embassy of Romania to Azerbaijan announces", "The Embassy announces")
    assert "Notices: 0 created, 2 updated, 1 unchanged" in import_content(
        write(tmp_path, "notices.yaml", text)
    )
    assert Notice.objects.filter(title__startswith="A visit to Azerbaijan").count() == 1
    assert Notice.objects.filter(summary__startswith="The Embassy announces").count() == 1


def test_imports_record_a_revision_of_each_page_they_change(tmp_path):
    """Bulk writes skip save(), so the import records the revisions editors can restore."""
    import_content(CONTENT_DIR)
    relation = Relation.objects.get(slug="nato-azerbaijan")
    first = revisions.for_page(relation).get()
    assert first.kind == Revision.Kind.BASELINE  # a new page: its import is its baseline
    assert first.note.startswith("Imported from nato-azerbaijan.yaml by ")
    text = (CONTENT_DIR / "nato-azerbaijan.yaml").read_text()
    changed = text.replace("and Azerbaijan joined the PfP Programme.\n", "and joined PfP.\n", 1)
    import_content(write(tmp_path, "nato.yaml", changed))
    newest = revisions.for_page(relation).first()
    assert (newest.kind, revisions.for_page(relation).count()) == (Revision.Kind.IMPORT, 2)
    assert newest.note.startswith("Imported from nato.yaml by ")
    assert newest.data == snapshots.take(relation)
    import_content(write(tmp_path, "nato.yaml", changed))  # nothing changes: no revision
    assert revisions.for_page(relation).count() == 2
    path = notice_with_attachment(tmp_path)
    import_content(path)
    notice = Attachment.objects.get().notice
    assert [row["model"] for row in revisions.for_page(notice).get().data["parts"]] == [
        "notices.attachment"
    ]


def test_replacing_an_attachment_deletes_no_file(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    """Issue 18, 7: the import once deleted "<source basename>" at the media root, a file it
    does not own. It deletes nothing: the old file stays while a revision names it."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "form.pdf").write_bytes(b"someone else's file")
    path = notice_with_attachment(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        import_content(path)
    old = Attachment.objects.get().file.name
    notice_with_attachment(tmp_path, PDF + b"% a new version\n")
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 updated" in import_content(path)
    assert (media / "form.pdf").read_bytes() == b"someone else's file"
    assert (media / old).exists()
