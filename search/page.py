"""One page of ranked results and how many there are (up to a cap), in one query.

The order is the one ``search.query.ranked_ids`` gives, read for the shown page only:
PostgreSQL ranks a one-word search from search_searchterm's index (each word's ts_rank
stored with it), so a word in every notice costs a page of index entries, not a ts_rank
over each of them; a search of several words ranks its matches as ranked_ids does. The
count stops at ``cap`` matches and needs no rank. SQLite reads its FTS5 table as before.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from publishing.models import Status

from .indexing import CONFIGS, TERM_BYTES
from .query import BM25, SQLITE_MATCH_WHERE, sqlite_match

# What a result shows: no vector, nor the state only the filter reads.
COLUMNS = (
    "d.id, d.page_type, d.title, d.heading, d.url, d.text, d.date, d.language, "
    "d.title_language, d.heading_language, d.text_language"
)
# search.models.SearchDocumentQuerySet.current(), on a document (d) or a word's copy (t).
CURRENT = (
    "{0}.status = %(published)s AND {0}.publish_at <= %(now)s"
    " AND ({0}.expires_at IS NULL OR {0}.expires_at > %(now)s)"
)
DOCUMENT_CURRENT, TERM_CURRENT = CURRENT.format("d"), CURRENT.format("t")
# ``lexeme`` is the query's one word as the language's configuration stores it, or NULL
# when the query has several (or none, or one too long to be stored): then the general
# branch ranks with ts_rank. Both
# branches are in the plan; a one-time filter on ``lexeme`` runs only one of them.
POSTGRES_SQL = f"""
WITH q AS (
    SELECT query, CASE WHEN numnode(query) = 1 AND array_length(words, 1) = 1
        AND octet_length(words[1]) <= {TERM_BYTES} THEN words[1] END AS lexeme
    FROM plainto_tsquery(%(config)s::regconfig, %(text)s) AS query,
        tsvector_to_array(to_tsvector(%(config)s::regconfig, %(text)s)) AS words
)
SELECT page.*, CASE WHEN (SELECT lexeme FROM q) IS NOT NULL THEN (
    SELECT count(*) FROM (
        SELECT 1 FROM search_searchterm t
        WHERE t.language = %(language)s AND t.lexeme = (SELECT lexeme FROM q) AND {TERM_CURRENT}
        LIMIT %(cap)s
    ) AS found
) ELSE (
    SELECT count(*) FROM (
        SELECT 1 FROM search_searchdocument d
        WHERE d.language = %(language)s AND d.vector @@ (SELECT query FROM q) AND {DOCUMENT_CURRENT}
        LIMIT %(cap)s
    ) AS found
) END FROM (
    (SELECT {COLUMNS}, t.rank FROM search_searchterm t
        JOIN search_searchdocument d ON d.id = t.document_id
        WHERE (SELECT lexeme FROM q) IS NOT NULL AND t.language = %(language)s
            AND t.lexeme = (SELECT lexeme FROM q) AND {TERM_CURRENT}
        ORDER BY t.rank DESC, t.date DESC, t.title, t.document_id
        LIMIT %(limit)s OFFSET %(offset)s)
    UNION ALL
    (SELECT {COLUMNS}, ts_rank(d.vector, (SELECT query FROM q)) AS rank
        FROM search_searchdocument d
        WHERE (SELECT lexeme FROM q) IS NULL AND d.language = %(language)s
            AND d.vector @@ (SELECT query FROM q) AND {DOCUMENT_CURRENT}
        ORDER BY rank DESC, d.date DESC, d.title, d.id
        LIMIT %(limit)s OFFSET %(offset)s)
) AS page
ORDER BY page.rank DESC, page.date DESC, page.title, page.id
"""
SQLITE_SQL = f"""
SELECT {COLUMNS}, 0, (
    SELECT count(*) FROM (
        SELECT 1 FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
        WHERE {SQLITE_MATCH_WHERE} LIMIT %s
    )
) FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
WHERE {SQLITE_MATCH_WHERE}
ORDER BY {BM25}, d.date DESC, d.title, d.id
LIMIT %s OFFSET %s
"""


@dataclass
class Row:
    id: int
    page_type: str
    title: str
    heading: str
    url: str
    text: str
    date: object
    language: str
    title_language: str
    heading_language: str
    text_language: str


def results_page(terms, language, offset, limit, cap, now=None):
    """([Row] of the page, in rank order; min(matches, cap)), in one query. No rows, and a
    count of 0, when the page is past the last one."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_SQL, _postgres_params(terms, language, offset, limit, cap, now))
        else:
            cursor.execute(SQLITE_SQL, _sqlite_params(terms, language, offset, limit, cap, now))
        found = cursor.fetchall()
    if not found:
        return [], 0
    rows = [Row(*row[:-2]) for row in found]
    if connection.vendor == "sqlite":
        rows = [_sqlite_dates(row) for row in rows]
    return rows, found[0][-1]


def _postgres_params(terms, language, offset, limit, cap, now):
    return {
        "config": CONFIGS.get(language, "simple"),
        "text": " ".join(terms),
        "language": language,
        "published": Status.PUBLISHED,
        "now": now,
        "cap": cap,
        "limit": limit,
        "offset": offset,
    }


def _sqlite_params(terms, language, offset, limit, cap, now):
    where = [sqlite_match(terms), language, Status.PUBLISHED, *[_moment(now)] * 2]
    return [*where, cap, *where, limit, offset]


def _moment(now):
    return connection.ops.adapt_datetimefield_value(now)


def _sqlite_dates(row):
    """SQLite's cursor gives a naive UTC datetime: aware, as Django's field gives it."""
    row.date = connection.ops.convert_datetimefield_value(row.date, None, connection)
    return row
