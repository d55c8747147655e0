from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from embassy_site.search import MAX_QUERY_LENGTH, Query, plain_text, ranked, snippet
from notices.models import Category, Notice
from publishing.models import Status
from relations.models import Section

from .factories import make_category, make_notice, make_relation, make_section
from .public_content import make_nato_relation

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="full-text indexes exist on PostgreSQL only"
)


def search(client, **params):
    return client.get(reverse("search"), params)


def titles(response):
    return [hit.title for hit in response.context["hits"]]


def test_finds_a_relation_by_a_word_in_its_body_and_marks_it(client):
    make_nato_relation()
    response = search(client, q="Status of Forces")
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["NATO – Azerbaijan relations"]
    html = response.content.decode()
    assert "<mark>Status</mark> of <mark>Forces</mark>" in html
    assert "1 result for “Status of Forces”" in html
    assert "Relation" in html


def test_finds_notices_and_relations_together_ranked(client):
    make_notice(
        title="Visa regulations",
        summary="Rules for travellers.",
        body="<p>Apply for a <em>visa</em> at the consular section.</p>",
    )
    make_notice(title="Official visit", slug="visit", summary="A visa-free visit.")
    make_notice(title="Scholarships", slug="scholarships", summary="For students.")
    relation = make_relation(title="NATO relations", slug="nato", summary="Since 1992.")
    make_section(relation, body="<p>Visa facilitation was discussed.</p>")
    response = search(client, q="visa")
    hits = response.context["hits"]
    assert [(hit.kind, hit.title) for hit in hits] == [
        ("notice", "Visa regulations"),
        ("notice", "Official visit"),
        ("relation", "NATO relations"),
    ]
    html = response.content.decode()
    assert '<h2><a href="/notices/visa-regulations/">Visa regulations</a></h2>' in html
    assert "Notice · <time" in html
    assert "Relation · <time" in html
    assert "A <mark>visa</mark>-free visit." in html


def test_notice_body_text_is_found_through_its_markup(client):
    make_notice(summary="Opening hours.", body="<p><strong>Closed</strong> on Monday.</p>")
    assert titles(search(client, q="closed monday")) == ["Visa regulations"]


@postgres_only
def test_postgres_does_not_match_tag_names(client):
    # The SQLite fallback's icontains would; PostgreSQL's parser skips tags.
    make_notice(summary="Opening hours.", body="<p><strong>Closed</strong> on Monday.</p>")
    assert titles(search(client, q="strong")) == []


def test_title_ranks_above_summary_above_body(client):
    body = make_relation(title="Cooperation plans", slug="body", summary="Plans.")
    make_section(body, body="<p>Scholarship programmes for students.</p>")
    make_relation(title="Partners", slug="summary", summary="A scholarship for partners.")
    make_relation(title="Scholarship news", slug="title", summary="News.")
    response = search(client, q="scholarship")
    assert titles(response) == ["Scholarship news", "Partners", "Cooperation plans"]


def test_drafts_scheduled_and_expired_items_are_not_found(client):
    make_relation(title="Draft visas", slug="draft", status=Status.DRAFT)
    make_relation(
        title="Scheduled visas",
        slug="scheduled",
        publish_at=timezone.now() + timezone.timedelta(days=1),
    )
    make_relation(
        title="Expired visas",
        slug="expired",
        publish_at=timezone.now() - timezone.timedelta(days=9),
        expires_at=timezone.now() - timezone.timedelta(days=1),
    )
    make_relation(title="Current visas", slug="current")
    assert titles(search(client, q="visas")) == ["Current visas"]


def test_every_word_must_match(client):
    make_relation(title="Visa rules", slug="visa")
    make_relation(title="Scholarship rules", slug="scholarship")
    assert titles(search(client, q="visa rules")) == ["Visa rules"]


def test_the_query_is_shown_escaped(client):
    html = search(client, q='<script>"x"</script>').content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    assert "Nothing matched “&lt;script&gt;&quot;x&quot;&lt;/script&gt;”." in html


def test_stored_text_is_shown_escaped(client):
    make_relation(title="Embassy <b>news</b>", slug="news", summary='News & "notes" for 5 < 6')
    html = search(client, q="news").content.decode()
    assert '<h2><a href="/relations/news/">Embassy &lt;b&gt;news&lt;/b&gt;</a></h2>' in html
    assert "<p><mark>News</mark> &amp; &quot;notes&quot; for 5 &lt; 6</p>" in html


def test_snippet_escapes_text_and_marks_stems():
    text = plain_text("<p>Visa &amp; <b>visas</b> for A&lt;B.</p><p>Next</p>")
    result = snippet([text], ["visas"])
    assert result == "<mark>Visa</mark> &amp; <mark>visas</mark> for A&lt;B. Next"


def test_snippet_does_not_mark_little_words():
    assert snippet(["Status of Forces"], ["status", "of"]) == "<mark>Status</mark> of Forces"


def test_snippet_starts_near_a_late_match():
    text = "word " * 200 + "Partnership Goals accepted"
    result = snippet([text], ["goals"])
    assert result.startswith("… ")
    assert "<mark>Goals</mark>" in result
    assert len(result) < 320


def test_empty_query_gives_a_helpful_page_without_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = search(client)
    assert response.status_code == HTTPStatus.OK
    assert "Type one or more words above" in response.content.decode()
    assert "noindex" not in response.content.decode()


@pytest.mark.parametrize("q", ["!!!", "<>&\"'", "—  …", "\x00"])
def test_query_of_only_symbols_gives_a_helpful_page(client, q):
    response = search(client, q=q)
    assert response.status_code == HTTPStatus.OK
    assert "has no letters or numbers to look for" in response.content.decode()


def test_a_thousand_character_query_is_shortened_with_a_note(client):
    make_relation(title="Visa rules", slug="visa")
    response = search(client, q="visa " + "x" * 995)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f"only its first {MAX_QUERY_LENGTH} characters" in html
    assert response.context["query"].text == ("visa " + "x" * 995)[:MAX_QUERY_LENGTH]


def test_query_words_are_limited():
    query = Query.parse(" ".join(f"w{i}" for i in range(30)))
    assert len(query.terms) == 10
    assert query.truncated


def test_no_results_page_suggests_what_to_do(client):
    html = search(client, q="nonexistentword").content.decode()
    assert "Nothing matched “nonexistentword”." in html
    assert "Check the spelling" in html


def test_results_are_paginated_and_keep_the_query(client):
    for i in range(12):
        make_relation(title=f"Visa page {i:02}", slug=f"visa-{i}")
    first = search(client, q="visa")
    assert len(first.context["hits"]) == 10
    html = first.content.decode()
    assert "12 results for “visa”" in html
    assert 'href="?q=visa&amp;page=2"' in html
    second = search(client, q="visa", page=2)
    assert len(second.context["hits"]) == 2
    assert 'start="11"' in second.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "99999999999999999999"])
def test_bad_page_numbers_are_404(client, page):
    make_relation(title="Visa", slug="visa")
    assert search(client, q="visa", page=page).status_code == HTTPStatus.NOT_FOUND


def test_post_is_refused(client):
    assert client.post(reverse("search"), {"q": "visa"}).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


def test_results_page_is_not_indexed_but_the_search_page_is(client):
    make_relation(title="Visa", slug="visa")
    assert '<meta name="robots" content="noindex">' in search(client, q="visa").content.decode()


def test_query_count_does_not_grow_with_results(client, django_assert_num_queries):
    category = make_category()
    for i in range(6):
        relation = make_relation(title=f"Visa page {i}", slug=f"visa-{i}")
        make_section(relation, body="<p>Visa details.</p>")
        make_notice(title=f"Visa notice {i}", slug=f"visa-notice-{i}", category=category)
    # count, the page's rows, the notices, the relations, their sections
    with django_assert_num_queries(5):
        response = search(client, q="visa")
    assert len(response.context["hits"]) == 10  # of 12
    assert {hit.kind for hit in response.context["hits"]} == {"notice", "relation"}


def test_header_has_a_labelled_get_search_form(client):
    html = client.get(reverse("home")).content.decode()
    assert '<form class="search-form" role="search" action="/search/" method="get">' in html
    assert '<label class="visually-hidden" for="site-search">Search this site</label>' in html
    assert "csrfmiddlewaretoken" not in html


@postgres_only
def test_postgres_search_reads_the_gin_indexes_instead_of_scanning():
    category = Category.objects.create(name="Visas", slug="visas")
    Notice.objects.bulk_create(
        Notice(
            title=f"Notice {i}",
            slug=f"notice-{i}",
            category=category,
            summary="Opening hours of the consular section.",
            body="<p>The embassy is closed on public holidays.</p>",
            status=Status.PUBLISHED,
            publish_at=timezone.now() - timezone.timedelta(days=1),
        )
        for i in range(2000)
    )
    relation = make_relation()
    Section.objects.bulk_create(
        Section(relation=relation, heading=f"Part {i}", anchor=f"part-{i}", body="<p>Text</p>")
        for i in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notices_notice; ANALYZE relations_section")
        sql, params = ranked(Query.parse("scholarship")).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on notice_search_idx" in plan
    assert "Bitmap Index Scan on section_search_idx" in plan
    assert "Seq Scan on notices_notice" not in plan


@postgres_only
def test_postgres_matches_word_forms(client):
    make_relation(title="Visa regulations", slug="visa")
    response = search(client, q="regulation visas")
    assert titles(response) == ["Visa regulations"]
    assert "<mark>Visa</mark>" not in response.content.decode()  # titles stay plain
