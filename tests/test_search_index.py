"""Search documents follow their pages: saves, deletes, publishing, imports, fixtures, rebuilds."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notices.models import Category, Notice
from publishing.models import Status
from search.models import SearchDocument
from search.query import postgres_queryset, ranked_ids

from .content_helpers import CONTENT_DIR, import_content, write
from .factories import make_notice, make_relation, make_section
from .public_content import make_nato_relation
from .search_helpers import results, search, titles

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the GIN index exists on PostgreSQL only"
)
VISA_NOTICE = "Romania’s Visa Regulations in Preparation for UEFA EURO 2020"


def fts_rows():
    """SQLite's FTS5 rows, which must match the documents one to one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]


def assert_fts_in_step():
    if connection.vendor == "sqlite":
        assert fts_rows() == sorted(SearchDocument.objects.values_list("pk", flat=True))


def test_a_saved_section_is_found_and_a_renamed_anchor_leaves_nothing_behind(client):
    relation = make_relation(title="Cooperation", slug="coop")
    section = make_section(relation, heading="Energy", anchor="energy", body="<p>Pipelines.</p>")
    assert results(search(client, q="pipelines")) == [
        ("Cooperation › Energy", "/en/relations/coop/#energy")
    ]
    section.anchor = "energy-security"
    section.save()
    assert results(search(client, q="pipelines")) == [
        ("Cooperation › Energy", "/en/relations/coop/#energy-security")
    ]
    assert_fts_in_step()


def test_an_edited_page_is_found_by_its_new_words_only(client):
    notice = make_notice(summary="Opening hours.")
    notice.summary = "Closing hours."
    notice.save()
    assert titles(search(client, q="opening")) == []
    assert titles(search(client, q="closing")) == ["Visa regulations"]


def test_deleted_sections_and_pages_are_no_longer_found(client):
    relation = make_nato_relation()
    relation.sections.get(anchor="evolution-of-relations").delete()
    assert titles(search(client, q="Status of Forces")) == []
    assert "framework-for-cooperation" in str(results(search(client, q="framework")))
    relation.delete()
    assert titles(search(client, q="framework")) == []
    assert not SearchDocument.objects.exists()
    assert_fts_in_step()


def test_publishing_and_withdrawing_are_followed(client):
    relation = make_relation(title="Visa rules", slug="visa", status=Status.DRAFT)
    make_section(relation, body="<p>Consular fees.</p>")
    assert titles(search(client, q="visa")) == []
    relation.status = Status.PUBLISHED
    relation.save()
    assert titles(search(client, q="visa")) == ["Visa rules"]
    assert titles(search(client, q="consular fees")) == ["Visa rules › Evolution of relations"]
    relation.status = Status.DRAFT
    relation.save()
    assert titles(search(client, q="visa")) == []
    assert titles(search(client, q="consular fees")) == []


def test_a_scheduled_page_is_found_when_its_time_comes_with_nothing_written(
    django_assert_num_queries,
):
    publish_at = timezone.now() + timezone.timedelta(hours=1)
    make_relation(title="Visa rules", slug="visa", publish_at=publish_at)
    document = SearchDocument.objects.get(anchor="", language="en")
    assert ranked_ids(["visa"], "en", limit=10) == []
    with django_assert_num_queries(1):  # one read, no write
        later = ranked_ids(["visa"], "en", limit=10, now=publish_at + timezone.timedelta(minutes=1))
    assert later == [document.pk]


def test_imported_pages_are_found_and_a_reimport_updates_them(
    client, tmp_path, django_capture_on_commit_callbacks
):
    # The import announces its bulk writes once its transaction commits. The relation and
    # the notices: content/ has the embassy's pages too, whose consular page names visas.
    with django_capture_on_commit_callbacks(execute=True):
        import_content(CONTENT_DIR / "nato-azerbaijan.yaml", CONTENT_DIR / "notices.yaml")
    assert titles(search(client, q="visas")) == [VISA_NOTICE]
    assert results(search(client, q="Partnership Goals"))[0][1] == (
        "/en/relations/nato-azerbaijan/#evolution-of-relations"
    )
    text = (
        (CONTENT_DIR / "notices.yaml")
        .read_text()
        .replace(f"title: {VISA_NOTICE}", "title: Football fans travelling to Romania", 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_content(write(tmp_path, "notices.yaml", text))
    assert titles(search(client, q="football")) == ["Football fans travelling to Romania"]
    assert titles(search(client, q="UEFA")) == ["Football fans travelling to Romania"]
    assert_fts_in_step()


def test_loaded_fixtures_are_found(client):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    assert titles(search(client, q="visas")) == [VISA_NOTICE]
    # The section whose heading matches comes before the one whose text mentions the words.
    assert results(search(client, q="framework cooperation"))[0] == (
        "NATO – Azerbaijan relations › Framework for cooperation",
        "/en/relations/nato-azerbaijan/#framework-for-cooperation",
    )
    assert_fts_in_step()


def rebuild():
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    return out.getvalue()


def test_rebuild_writes_every_document_again_and_a_second_run_changes_nothing(client):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    # Bulk writes send no signal: the rebuild is what catches them up.
    Notice.objects.bulk_create([
        Notice(title="Bulk visa note", slug="bulk", category=Category.objects.first(),
               summary="Written in bulk.", status=Status.PUBLISHED,
               publish_at=timezone.now() - timezone.timedelta(days=1)),
    ])  # fmt: skip
    assert titles(search(client, q="bulk")) == []
    first = rebuild()
    assert "Relations: 1 page, 15 documents" in first
    assert "Notices: 4 pages, 12 documents" in first
    assert "Search index rebuilt: 27 documents." in first
    assert titles(search(client, q="bulk")) == ["Bulk visa note"]
    keys = set(SearchDocument.objects.values_list("page_type", "object_id", "anchor", "title"))
    assert rebuild() == first
    assert (
        set(SearchDocument.objects.values_list("page_type", "object_id", "anchor", "title")) == keys
    )
    assert_fts_in_step()


# A notice's usual length: a few paragraphs, not a line.
BODY = "<p>The embassy is closed on public holidays and on the days listed below.</p>" * 10


@postgres_only
def test_postgres_search_reads_the_gin_index_and_ranks_from_the_stored_vector():
    category = Category.objects.create(name="Visas", slug="visas")
    Notice.objects.bulk_create(
        Notice(
            title=f"Notice {i}",
            slug=f"notice-{i}",
            category=category,
            summary="Opening hours of the consular section.",
            body=BODY,
            status=Status.PUBLISHED,
            publish_at=timezone.now() - timezone.timedelta(days=1),
        )
        for i in range(2000)
    )
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.count() == 2000 * 3  # one per language
    queryset = postgres_queryset(["scholarship"], "en", timezone.now())[:1001]
    sql, params = queryset.query.sql_with_params()
    assert "to_tsvector" not in sql
    with connection.cursor() as cursor:
        # As autovacuum would have done: rows still in the GIN pending list make the index
        # look dearer to the planner than it is.
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin')")
        cursor.execute("ANALYZE search_searchdocument")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_vector_gin" in plan
    assert "Seq Scan on search_searchdocument" not in plan
