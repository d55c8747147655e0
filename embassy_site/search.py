"""Site search over current notices and relations, ranked.

PostgreSQL ranks with its full-text search: weighted vectors (title A, summary B, body C)
that match the GIN expression indexes created by ``embassy_site/migrations``, so a search
reads the indexes instead of scanning tables. SQLite, the newcomer's database, falls back
to ``icontains`` ranked by where the words matched.

Both backends return one ranked ``union`` of small rows (kind, pk, title, date, rank), so
the paginator counts and slices in the database; only the rows of the shown page are then
loaded as objects to build their snippets.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from notices.models import Notice
from relations.models import Relation, Section

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_CHARS = 240
CONFIG = "english"

KIND_LABELS = {"notice": _("Notice"), "relation": _("Relation")}

WORD = re.compile(r"\w+", re.UNICODE)
# Not worth a <mark>: PostgreSQL ignores these words too.
STOP_WORDS = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it"}
STOP_WORDS |= {"of", "on", "or", "the", "to", "with"}
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|caption|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Query:
    """What the visitor typed, cleaned: the words searched for and what was dropped."""

    text: str
    terms: list
    truncated: bool

    @classmethod
    def parse(cls, raw):
        raw = (raw or "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        text = raw[:MAX_QUERY_LENGTH]
        terms = []
        for word in WORD.findall(text.lower()):
            if word not in terms:
                terms.append(word)
        truncated = truncated or len(terms) > MAX_TERMS
        return cls(text=text, terms=terms[:MAX_TERMS], truncated=truncated)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    date: object

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


# The vectors below must stay identical to the indexed expressions (see the migration that
# builds them from these functions), or PostgreSQL cannot use the indexes.
def notice_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def relation_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )


def section_vector():
    from django.contrib.postgres.search import SearchVector

    # A section is the relation page's body: its heading counts no more than a summary.
    return SearchVector("heading", weight="B", config=CONFIG) + SearchVector(
        "body", weight="C", config=CONFIG
    )


def _postgres_rows(query):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    tsquery = SearchQuery(" ".join(query.terms), search_type="plain", config=CONFIG)
    notices = (
        Notice.objects.current()
        .annotate(document=notice_vector())
        .filter(document=tsquery)
        .annotate(kind=Value("notice"), rank=SearchRank(notice_vector(), tsquery))
    )
    sections = Section.objects.annotate(document=section_vector()).filter(
        relation=OuterRef("pk"), document=tsquery
    )
    best_section = sections.annotate(rank=SearchRank(section_vector(), tsquery)).order_by("-rank")
    relations = (
        Relation.objects.current()
        .annotate(document=relation_vector())
        .filter(Q(document=tsquery) | Exists(sections))
        .annotate(
            kind=Value("relation"),
            rank=SearchRank(relation_vector(), tsquery)
            + Coalesce(Subquery(best_section.values("rank")[:1]), Value(0.0)),
        )
    )
    return notices, relations


def _weight(field, term, weight):
    return Case(When(**{f"{field}__icontains": term}, then=Value(weight)), default=Value(0))


def _sqlite_rows(query):
    """Every word must match somewhere; a title match ranks above a summary, then a body."""
    notices = Notice.objects.current()
    relations = Relation.objects.current()
    notice_rank = Value(0.0)
    relation_rank = Value(0.0)
    for term in query.terms:
        in_sections = Section.objects.filter(relation=OuterRef("pk")).filter(
            Q(heading__icontains=term) | Q(body__icontains=term)
        )
        notices = notices.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
        relations = relations.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Exists(in_sections)
        )
        notice_rank = (
            notice_rank
            + _weight("title", term, 3)
            + _weight("summary", term, 2)
            + _weight("body", term, 1)
        )
        relation_rank = (
            relation_rank
            + _weight("title", term, 3)
            + _weight("summary", term, 2)
            + Case(When(Exists(in_sections), then=Value(1)), default=Value(0))
        )
    notices = notices.annotate(
        kind=Value("notice"), rank=notice_rank + Value(0.0, output_field=FloatField())
    )
    relations = relations.annotate(
        kind=Value("relation"), rank=relation_rank + Value(0.0, output_field=FloatField())
    )
    return notices, relations


def ranked(query):
    """A lazy, ordered union of result rows: dicts with kind, pk, title, date and rank."""
    rows = _postgres_rows if connection.vendor == "postgresql" else _sqlite_rows
    notices, relations = rows(query)
    fields = ("pk", "title", "kind", "rank", "date")
    # Each side drops its model's default ordering: SQL orders only the whole union.
    notices = notices.annotate(date=F("publish_at")).values(*fields).order_by()
    relations = relations.annotate(date=F("publish_at")).values(*fields).order_by()
    return notices.union(relations, all=True).order_by("-rank", "-date", "title")


def hits(rows, query):
    """The page's rows as Hits, in rank order, with marked snippets (two or three queries)."""
    ids = {"notice": [], "relation": []}
    for row in rows:
        ids[row["kind"]].append(row["pk"])
    objects = {}
    if ids["notice"]:
        for notice in Notice.objects.filter(pk__in=ids["notice"]).only(
            "title", "slug", "summary", "body", "publish_at"
        ):
            objects["notice", notice.pk] = notice
    if ids["relation"]:
        for relation in (
            Relation.objects.filter(pk__in=ids["relation"])
            .only("title", "slug", "summary", "publish_at")
            .prefetch_related("sections")
        ):
            objects["relation", relation.pk] = relation
    found = []
    for row in rows:
        item = objects.get((row["kind"], row["pk"]))
        if item is None:  # withdrawn between the two queries
            continue
        # Summaries are plain text (a "<" in one is a character); bodies are HTML.
        if row["kind"] == "notice":
            texts = [item.summary, plain_text(item.body)]
        else:
            texts = [item.summary] + [
                f"{section.heading}. {plain_text(section.body)}" for section in item.sections.all()
            ]
        found.append(
            Hit(
                kind=row["kind"],
                title=item.title,
                url=item.get_absolute_url(),
                snippet=snippet(texts, query.terms),
                date=item.publish_at,
            )
        )
    return found


def plain_text(html_text):
    # A space after each block, so "</p><p>" does not glue two sentences together.
    spaced = BLOCK_END.sub(lambda match: match.group() + " ", html_text or "")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def _pattern(terms):
    """Words starting with a search term, or with its stem, so "visas" marks "Visa"."""
    stems = set()
    terms = [term for term in terms if term not in STOP_WORDS] or terms
    for term in terms:
        stems.add(term)
        for suffix in ("ing", "es", "ed", "s"):
            if term.endswith(suffix) and len(term) - len(suffix) >= 3:
                stems.add(term[: -len(suffix)])
                break
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE | re.UNICODE)


def snippet(texts, terms):
    """Escaped plain text around the first match, the matched words in <mark>.

    Everything comes from the stored text and is escaped here; only the <mark> tags this
    function adds are markup, so the result is safe to render.
    """
    pattern = _pattern(terms) if terms else None
    plain_texts = [t for t in (" ".join((text or "").split()) for text in texts) if t]
    chosen, start = (plain_texts[0] if plain_texts else ""), 0
    if pattern:
        for text in plain_texts:
            match = pattern.search(text)
            if match:
                chosen, start = text, match.start()
                break
    if start > SNIPPET_CHARS // 3:
        # Start at a word boundary a little before the match, so it reads as a sentence.
        cut = chosen.rfind(" ", 0, start - SNIPPET_CHARS // 4)
        chosen = "… " + chosen[cut + 1 :]
    chosen = Truncator(chosen).chars(SNIPPET_CHARS)
    if not pattern:
        return escape(chosen)
    marked, last = [], 0
    for match in pattern.finditer(chosen):
        marked.append(escape(chosen[last : match.start()]))
        marked.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    marked.append(escape(chosen[last:]))
    return mark_safe("".join(marked))
