"""The search page's one query gives the ranked order and count of search.query.ranked_ids;
on PostgreSQL a one-word search reads them from the stored words (search_searchterm)."""

import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notices.models import Category, Notice
from publishing.models import Status
from search.models import SearchDocument, SearchTerm
from search.page import POSTGRES_SQL, _postgres_params, results_page
from search.query import ranked_ids
from search.text import Query

from .factories import make_category, make_notice, make_relation, make_section
from .search_helpers import results, search

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="search_searchterm is filled on PostgreSQL only"
)
WORD = re.compile(r"\w+")


def make_mixed_content():
    """Words in titles, headings and bodies, once or often; equal dates and titles (ties);
    pages that are drafts, expired or scheduled; a host name, a hyphenated word, an
    apostrophe."""
    now = timezone.now()
    day = timezone.timedelta(days=1)
    category = make_category()
    same_day = now - 3 * day
    for i in range(6):
        make_notice(
            title="Consular fees" if i % 2 else f"Visa notice {i}",
            category=category,
            summary=f"Visa visa consular {'holiday ' * i}e-mail visa@embassy.gov.ro",
            body="<p>O'Brien's consular visa appointment.</p>" * (i + 1),
            publish_at=same_day if i < 4 else now - i * day,
        )
    make_notice(title="Visa draft", category=category, status=Status.DRAFT)
    make_notice(title="Visa expired", category=category, expires_at=now - day)
    make_notice(title="Visa later", category=category, publish_at=now + day)
    relation = make_relation(title="Visa and consular relations", slug="visa-relations")
    make_section(relation, heading="Consular cooperation", anchor="consular", body="<p>Visa.</p>")
    make_section(relation, heading="Holiday visas", anchor="visas", body="<p>Consular.</p>" * 3)


def words_of_content():
    texts = SearchDocument.objects.values_list("title", "heading", "text")
    return sorted({word.lower() for row in texts for text in row for word in WORD.findall(text)})


@pytest.mark.parametrize("language", ["en", "ro", "az"])
def test_every_word_and_pair_gives_the_ranked_order_and_count_of_ranked_ids(language):
    make_mixed_content()
    words = words_of_content()
    assert len(words) > 20
    searches = [[word] for word in words] + [["visa", "consular"], ["the", "visa"], ["visa"] * 2]
    searches += [Query.parse("visas Visa").terms, Query.parse("embassy.gov.ro").terms]
    for moment in [timezone.now(), timezone.now() + timezone.timedelta(days=2)]:
        for terms in searches:
            expected = ranked_ids(terms, language, limit=1001, now=moment)
            rows, total = results_page(terms, language, 0, 1000, cap=1001, now=moment)
            assert [row.id for row in rows] == expected, terms
            assert total == len(expected)
            # A page further on, and a count capped below the number of matches.
            rows, total = results_page(terms, language, 2, 3, cap=4, now=moment)
            assert [row.id for row in rows] == expected[2:5], terms
            assert total == (min(len(expected), 4) if len(expected) > 2 else 0)


@postgres_only
def test_a_pages_words_are_written_and_deleted_with_its_documents():
    notice = make_notice(title="Scholarship call", summary="Students may apply.")
    documents = SearchDocument.objects.filter(object_id=notice.pk, page_type="notices.notice")
    assert set(SearchTerm.objects.filter(language="en").values_list("lexeme", flat=True)) == {
        "scholarship",
        "call",
        "student",
        "may",
        "appli",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(length(vector)) FROM search_searchdocument")
        assert SearchTerm.objects.count() == cursor.fetchone()[0]
    assert set(SearchTerm.objects.values_list("document_id", flat=True)) == set(
        documents.values_list("pk", flat=True)
    )
    notice.title = "Internship call"
    notice.save()
    lexemes = set(SearchTerm.objects.values_list("lexeme", flat=True))
    assert "internship" in lexemes and "scholarship" not in lexemes
    notice.delete()
    assert not SearchTerm.objects.exists()


@postgres_only
def test_a_rebuild_writes_the_words_again():
    make_mixed_content()
    before = sorted(SearchTerm.objects.values_list("language", "lexeme", "rank", "title"))
    call_command("rebuild_search_index", verbosity=0)
    assert sorted(SearchTerm.objects.values_list("language", "lexeme", "rank", "title")) == before


@postgres_only
def test_a_common_word_is_ranked_from_the_index_without_ranking_every_match():
    category = Category.objects.create(name="Visas", slug="visas")
    Notice.objects.bulk_create(
        Notice(
            title=f"Notice {i}",
            slug=f"notice-{i}",
            category=category,
            summary="Opening hours of the consular section.",
            status=Status.PUBLISHED,
            publish_at=timezone.now() - timezone.timedelta(minutes=i + 1),
        )
        for i in range(1500)
    )
    call_command("rebuild_search_index", verbosity=0)
    params = _postgres_params(["consular"], "en", 0, 10, 1001, timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + POSTGRES_SQL, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using search_term_ranked_order on search_searchterm" in plan
    # The documents are read for the ten shown only: no scan of them runs, and nothing
    # is sorted but the page (a top-N sort would mean every match was ranked).
    for line in plan.splitlines():
        if re.search(r"Scan on search_searchdocument|Scan on search_document_vector_gin", line):
            assert "never executed" in line or "search_searchdocument_pkey" in line, line
    assert "top-N heapsort" not in plan
    assert re.search(r"Index Scan using search_searchdocument_pkey .* rows=1 loops=10\)", plan)


def test_the_last_listed_page_stops_at_the_cap_and_the_next_is_404(client, monkeypatch):
    monkeypatch.setattr("search.views.MAX_RESULTS", 15)
    category = make_category()
    for i in range(20):
        make_notice(title=f"Visa notice {i:02}", category=category)
    html = search(client, q="visa").content.decode()
    assert "15 results for “visa”" in html
    assert "Only the best 15 results are listed" in html
    assert len(results(search(client, q="visa", page=2))) == 5
    assert search(client, q="visa", page=3).status_code == HTTPStatus.NOT_FOUND


def test_a_page_past_the_results_is_404_and_an_empty_first_page_is_not(client):
    make_notice(title="Visa notice")
    assert search(client, q="visa", page=2).status_code == HTTPStatus.NOT_FOUND
    response = search(client, q="nothingmatches")
    assert response.status_code == HTTPStatus.OK
    assert "Nothing matched “nothingmatches”." in response.content.decode()


@postgres_only
def test_documents_deleted_alone_take_their_words_with_them():
    """Not only search.indexing deletes documents (a shell, a test, a content type's
    removal): the database removes their words, and the commit's check finds nothing."""
    make_notice(title="Consular fees")
    assert SearchTerm.objects.exists()
    SearchDocument.objects.all().delete()
    assert not SearchTerm.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what a commit checks
