"""Search's text handling: the parsed query and the marked snippets."""

from django.utils.html import escape
from django.utils.text import Truncator

from search.text import Query, plain_text, snippet


def test_query_words_are_limited():
    query = Query.parse(" ".join(f"w{i}" for i in range(30)))
    assert len(query.terms) == 10
    assert query.truncated


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


def test_a_short_snippet_is_the_text_as_truncator_gives_it():
    # "é" as e and a combining accent: Truncator composes it and counts it once.
    for text in ["Cafe\u0301 & visa " * n for n in (1, 17, 18, 19, 20, 40)] + [
        "x" * 240,
        "x" * 241,
    ]:
        assert snippet([text], []) == escape(Truncator(" ".join(text.split())).chars(240))
