"""The search page: what it finds, how it ranks and links, and how it treats odd input."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from search.text import MAX_QUERY_LENGTH

from .chrome import CHROME_QUERIES
from .factories import make_category, make_notice, make_relation, make_section
from .public_content import make_nato_relation
from .search_helpers import results, search, titles

pytestmark = pytest.mark.django_db

NATO = "NATO – Azerbaijan relations"


def test_finds_a_section_by_words_in_its_body_and_links_to_its_anchor(client):
    make_nato_relation()
    response = search(client, q="Status of Forces")
    assert response.status_code == HTTPStatus.OK
    assert results(response) == [
        (
            f"{NATO} › Evolution of relations",
            "/en/relations/nato-azerbaijan/#evolution-of-relations",
        )
    ]
    html = response.content.decode()
    assert "<mark>Status</mark> of <mark>Forces</mark>" in html
    assert "1 result for “Status of Forces”" in html
    assert "International relations · <time" in html


def test_finds_a_section_by_its_heading(client):
    make_nato_relation()
    assert results(search(client, q="framework cooperation")) == [
        (
            f"{NATO} › Framework for cooperation",
            "/en/relations/nato-azerbaijan/#framework-for-cooperation",
        )
    ]


def test_a_match_in_the_page_itself_links_to_the_top_of_the_page(client):
    make_nato_relation()
    assert results(search(client, q="North Atlantic Alliance")) == [
        (NATO, "/en/relations/nato-azerbaijan/")
    ]


def test_visas_finds_the_visa_notice_by_its_stem(client):
    # SQLite's FTS5 porter stemmer and PostgreSQL's "english" both reduce "visas" to "visa".
    make_notice(
        title="Romania’s Visa Regulations",
        category=make_category(name="Visas"),
        body="<p>Rules for a visa.</p>",
    )
    response = search(client, q="visas")
    assert titles(response) == ["Romania’s Visa Regulations"]
    assert "Notices · <time" in response.content.decode()


def test_matches_word_forms_and_leaves_titles_unmarked(client):
    make_relation(title="Visa regulations", slug="visa")
    response = search(client, q="regulation visas")
    assert titles(response) == ["Visa regulations"]
    assert "<mark>Visa</mark>" not in response.content.decode()  # titles stay plain


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
    assert results(response) == [
        ("Visa regulations", "/en/notices/visa-regulations/"),
        ("Official visit", "/en/notices/visit/"),
        ("NATO relations › Evolution of relations", "/en/relations/nato/#evolution"),
    ]
    html = response.content.decode()
    assert "Notices · <time" in html
    assert "International relations · <time" in html
    assert "A <mark>visa</mark>-free visit." in html


def test_notice_body_text_is_found_through_its_markup(client):
    make_notice(summary="Opening hours.", body="<p><strong>Closed</strong> on Monday.</p>")
    assert titles(search(client, q="closed monday")) == ["Visa regulations"]


def test_tag_names_are_not_words(client):
    # Bodies are indexed as plain text, on both databases.
    make_notice(summary="Opening hours.", body="<p><strong>Closed</strong> on Monday.</p>")
    assert titles(search(client, q="strong")) == []


def test_title_ranks_above_summary_above_body(client):
    # The word three times in a body still counts less than once in a summary or a title.
    body = make_relation(title="Cooperation plans", slug="body", summary="Plans.")
    make_section(body, body="<p>Scholarship programmes: a scholarship, scholarship fees.</p>")
    make_relation(title="Partners", slug="summary", summary="A scholarship for partners.")
    make_relation(title="Scholarship news", slug="title", summary="News.")
    response = search(client, q="scholarship")
    assert titles(response) == [
        "Scholarship news",
        "Partners",
        "Cooperation plans › Evolution of relations",
    ]


def test_drafts_scheduled_and_expired_pages_are_not_found(client):
    now = timezone.now()
    make_relation(title="Draft visas", slug="draft", status=Status.DRAFT)
    make_relation(
        title="Scheduled visas", slug="scheduled", publish_at=now + timezone.timedelta(days=1)
    )
    make_relation(
        title="Expired visas",
        slug="expired",
        publish_at=now - timezone.timedelta(days=9),
        expires_at=now - timezone.timedelta(days=1),
    )
    draft_notice = make_notice(title="Draft visa notice", slug="draft-notice", status=Status.DRAFT)
    make_section(
        make_relation(title="Hidden", slug="hidden", status=Status.DRAFT), body="<p>Visas.</p>"
    )
    make_relation(title="Current visas", slug="current")
    assert titles(search(client, q="visas")) == ["Current visas"]
    assert draft_notice.title not in search(client, q="notice").content.decode()


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
    assert '<h2><a href="/en/relations/news/">Embassy &lt;b&gt;news&lt;/b&gt;</a></h2>' in html
    assert "<p><mark>News</mark> &amp; &quot;notes&quot; for 5 &lt; 6</p>" in html


def test_empty_query_gives_a_helpful_page_without_queries(client, django_assert_num_queries):
    with django_assert_num_queries(CHROME_QUERIES):  # no search query: the menus only
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


def test_no_results_page_suggests_the_lists_of_the_page_types(client):
    html = search(client, q="nonexistentword").content.decode()
    assert "Nothing matched “nonexistentword”." in html
    assert "Check the spelling" in html
    assert '<a href="/en/relations/">International relations</a>' in html
    assert '<a href="/en/notices/">Notices</a>' in html


def test_results_are_paginated_and_keep_the_query(client):
    for i in range(12):
        make_relation(title=f"Visa page {i:02}", slug=f"visa-{i}")
    first = search(client, q="visa")
    assert len(results(first)) == 10
    html = first.content.decode()
    assert "12 results for “visa”" in html
    assert 'href="?q=visa&amp;page=2"' in html
    second = search(client, q="visa", page=2)
    assert len(results(second)) == 2
    assert 'start="11"' in second.content.decode()


def test_only_the_best_results_are_counted_and_listed(client, monkeypatch):
    monkeypatch.setattr("search.views.MAX_RESULTS", 5)
    for i in range(7):
        make_relation(title=f"Visa page {i}", slug=f"visa-{i}")
    html = search(client, q="visa").content.decode()
    assert "5 results for “visa”" in html
    assert "Only the best 5 results are listed" in html


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "99999999999999999999", "١", "１", " 1"])
def test_bad_page_numbers_are_404(client, page):
    # "١" and "１" are digits to int(), which would read them as page 1.
    make_relation(title="Visa", slug="visa")
    assert search(client, q="visa", page=page).status_code == HTTPStatus.NOT_FOUND


def test_post_is_refused(client):
    assert client.post(reverse("search"), {"q": "visa"}).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


def test_results_page_is_not_indexed_and_sets_no_cookie(client):
    make_relation(title="Visa", slug="visa")
    response = search(client, q="visa")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert not response.cookies


def test_query_count_is_the_same_for_one_and_for_fifty_notices(
    client, django_assert_num_queries, settings
):
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0  # the search itself, each time (not kept)
    category = make_category()
    make_notice(title="Visa notice 0", slug="visa-notice-0", category=category)
    # one query: the shown page's results and the (capped) count of all of them
    with django_assert_num_queries(1 + CHROME_QUERIES):
        assert len(results(search(client, q="visa"))) == 1
    for i in range(1, 50):
        make_notice(title=f"Visa notice {i}", slug=f"visa-notice-{i}", category=category)
    # the menus come from the cache now (the test's saves never commit: same version)
    with django_assert_num_queries(1):
        assert len(results(search(client, q="visa"))) == 10


def test_header_has_a_labelled_get_search_form(client):
    html = client.get(reverse("home")).content.decode()
    assert '<form class="search-form" role="search" action="/en/search/" method="get">' in html
    assert '<label class="visually-hidden" for="site-search">Search this site</label>' in html
    assert "csrfmiddlewaretoken" not in html
