"""Ranked document ids for a query, from the stored words only.

PostgreSQL: the stored weighted tsvector, matched through its GIN index and ranked with
ts_rank on the stored value (no to_tsvector at query time). SQLite: the FTS5 table (porter
stemming, so "visas" finds "visa"), ranked with bm25 and a weight per column.

This is the order results are defined by. The search page reads it a page at a time
(search.page, which PostgreSQL serves from the stored words for a one-word search); the
tests hold the two to the same ids and counts.
"""

from django.db import connection
from django.db.models import F
from django.utils import timezone

from publishing.models import Status

from .indexing import CONFIGS
from .models import SearchDocument
from .text import STOP_WORDS

# bm25's weights for the columns a, b, c, d: PostgreSQL's default weights for A, B, C, D.
BM25 = "bm25(search_fts, 10.0, 4.0, 2.0, 1.0)"
SQLITE_MATCH_WHERE = """search_fts MATCH %s AND d.language = %s AND d.status = %s
  AND d.publish_at <= %s AND (d.expires_at IS NULL OR d.expires_at > %s)"""
SQLITE_SQL = f"""
SELECT d.id FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
WHERE {SQLITE_MATCH_WHERE}
ORDER BY {BM25}, d.date DESC, d.title, d.id
LIMIT %s
"""


def ranked_ids(terms, language, limit, now=None):
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        return _postgres(terms, language, limit, now)
    return _sqlite(terms, language, limit, now)


def postgres_queryset(terms, language, now):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    tsquery = SearchQuery(
        " ".join(terms), search_type="plain", config=CONFIGS.get(language, "simple")
    )
    return (
        SearchDocument.objects.current(now)
        .filter(language=language, vector=tsquery)
        .annotate(rank=SearchRank(F("vector"), tsquery))
        .order_by("-rank", "-date", "title", "pk")
        .values_list("pk", flat=True)
    )


def _postgres(terms, language, limit, now):
    return list(postgres_queryset(terms, language, now)[:limit])


def sqlite_match(terms):
    """FTS5's MATCH text: every word must match, as with PostgreSQL's plainto_tsquery,
    which drops stop words; each quoted, so FTS5 reads it as text, never as an operator."""
    words = [term for term in terms if term not in STOP_WORDS] or terms
    return " ".join(f'"{word}"' for word in words)


def _sqlite(terms, language, limit, now):
    moment = connection.ops.adapt_datetimefield_value(now)
    params = [sqlite_match(terms), language, Status.PUBLISHED, moment, moment, limit]
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_SQL, params)
        return [row[0] for row in cursor.fetchall()]
