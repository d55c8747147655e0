"""Search documents built from the registry: one per page, one per section with an anchor.

A page's documents are always replaced together (delete, then insert), so a renamed anchor
or a removed section leaves nothing behind. All pages get documents, drafts too: the copied
status and dates decide at query time what is found.
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils.translation import get_language, override

from publishing import content_version
from publishing.registry import registry
from publishing.translated import SOURCE, shown_language

from .models import SearchDocument, SearchTerm
from .text import plain_text

# The language's PostgreSQL text search configuration (shared/DESIGN.md, "Languages").
CONFIGS = {"en": "english", "ro": "romanian", "az": "simple"}
WEIGHTS = "ABCD"
BATCH = 500
# SQLite: the FTS5 table holds the words, one column per weight, keyed by the document's id.
FTS_INSERT = "INSERT OR REPLACE INTO search_fts (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)"
# PostgreSQL: the weighted vector is computed once, here, so queries only read it. One
# statement per batch: a tsvector expression per row would cost Django more than PostgreSQL.
VECTOR_UPDATE = """
UPDATE search_searchdocument AS doc SET vector =
    setweight(to_tsvector(w.config::regconfig, w.a), 'A')
    || setweight(to_tsvector(w.config::regconfig, w.b), 'B')
    || setweight(to_tsvector(w.config::regconfig, w.c), 'C')
    || setweight(to_tsvector(w.config::regconfig, w.d), 'D')
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
    AS w(id, config, a, b, c, d)
WHERE doc.id = w.id
"""
# PostgreSQL: each word of the vectors just written, ranked as a one-word query ranks it
# (search.models.SearchTerm). The lexeme is quoted for tsquery's input (quote and backslash
# escaped), so the tsquery is that lexeme exactly, never parsed or normalised again. A
# longer word (a pasted address) is left out: with the title it could pass the size limit
# of a B-tree entry and fail the page's save; a search for it ranks as a longer query does.
TERM_BYTES = 255
TERMS_INSERT = rf"""
INSERT INTO search_searchterm
    (document_id, language, lexeme, rank, date, title, status, publish_at, expires_at)
SELECT doc.id, doc.language, word.lexeme,
    ts_rank(doc.vector, ('''' || replace(replace(word.lexeme, '\', '\\'), '''', '''''')
        || '''')::tsquery),
    doc.date, doc.title, doc.status, doc.publish_at, doc.expires_at
FROM search_searchdocument AS doc CROSS JOIN LATERAL unnest(doc.vector) AS word
WHERE doc.id = ANY(%s::bigint[]) AND octet_length(word.lexeme) <= {TERM_BYTES}
"""


def languages():
    return [code for code, _name in settings.LANGUAGES]


def language():
    """The language being read: a search finds the documents of that language only."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return current if current in languages() else settings.LANGUAGE_CODE


def searchable_types():
    return [page_type for page_type in registry if page_type.search is not None]


def _plain(page_type, obj, names):
    """{field: plain text}: rich-text fields lose their markup, the others are kept as is."""
    rich = page_type.rich_text_fields(type(obj))
    values = {}
    for name in names:
        value = getattr(obj, name) or ""
        values[name] = plain_text(value) if name in rich else " ".join(str(value).split())
    return values


def _words(fields, values):
    """{weight: text} of an object's searched fields."""
    words = defaultdict(list)
    for name, weight in fields.items():
        words[weight].append(values[name])
    return {weight: " ".join(filter(None, words[weight])) for weight in WEIGHTS}


def _shown_in(obj, names, lang):
    """The language a text made of these fields is read in: the English only where each of
    them shows the English (a mixed text is mostly translated, and cannot be split)."""
    shown = {shown_language(obj, name, lang) for name in names if name}
    return SOURCE if shown == {SOURCE} else lang


def _joined(values, names):
    return " ".join(filter(None, (values[name] for name in names)))


def _documents(page_type, page, sections, lang):
    """(unsaved document, {weight: text}) pairs for a page and its sections, in ``lang``:
    its own text where translated, the English where not (what the page itself shows)."""
    with override(lang):
        return _documents_in(page_type, page, sections, lang)


def _documents_in(page_type, page, sections, lang):
    search = page_type.search
    url = page.get_absolute_url()
    common = {
        "page_type": page_type.label,
        "object_id": page.pk,
        "language": lang,
        "title": str(page),
        "date": page.publish_at,  # the date a result shows
        "status": page.status,
        "publish_at": page.publish_at,
        "expires_at": page.expires_at,
    }
    values = _plain(page_type, page, search.fields)
    # The snippet shows what is under the title: every searched field but the "A" ones.
    below = [name for name, weight in search.fields.items() if weight != "A"]
    text = _joined(values, below)
    title_fields = [name for name, weight in search.fields.items() if weight == "A"]
    common["title_language"] = _shown_in(page, title_fields, lang)
    shown = {"text_language": _shown_in(page, [n for n in below if values[n]], lang)}
    found = [(SearchDocument(url=url, text=text, **common, **shown), _words(search.fields, values))]
    if search.sections:
        _model, heading, anchor, fields = search.sections
        for section in sections:
            values = _plain(page_type, section, fields)
            below = [name for name in fields if name != heading]
            document = SearchDocument(
                anchor=getattr(section, anchor),
                heading=getattr(section, heading),
                url=f"{url}#{getattr(section, anchor)}",
                text=_joined(values, below),
                heading_language=_shown_in(section, [heading], lang),
                text_language=_shown_in(section, [n for n in below if values[n]], lang),
                **common,
            )
            found.append((document, _words(fields, values)))
    return found


def _write(pairs):
    if not pairs:
        return 0
    documents = SearchDocument.objects.bulk_create([document for document, _words in pairs])
    columns = [[document.pk for document, _words in pairs]]
    columns += [[words[weight] for _document, words in pairs] for weight in WEIGHTS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            configs = [CONFIGS.get(document.language, "simple") for document, _words in pairs]
            cursor.execute(VECTOR_UPDATE, [columns[0], configs, *columns[1:]])
            cursor.execute(TERMS_INSERT, [columns[0]])
        elif connection.vendor == "sqlite":
            cursor.executemany(FTS_INSERT, list(zip(*columns, strict=True)))
    return len(documents)


def delete_pages(page_type, pks, anchor=None):
    """Remove the documents of these pages (or of one section), their words first;
    SQLite's trigger follows."""
    documents = SearchDocument.objects.filter(page_type=page_type.label, object_id__in=pks)
    if anchor is not None:
        documents = documents.filter(anchor=anchor)
    if connection.vendor == "postgresql":  # SQLite writes no words
        SearchTerm.objects.filter(document__in=documents).delete()
    documents.delete()


def index_pages(page_type, pks, replace=True):
    """Write the documents of these pages afresh; returns how many were written."""
    if replace:
        delete_pages(page_type, pks)
    if page_type.search is None or not pks:
        return 0
    pages = page_type.model._default_manager.filter(pk__in=pks).order_by("pk")
    # A draft not yet given a publish time can be in no result: it is indexed when
    # publishing fills the time and saves.
    pages = pages.exclude(publish_at__isnull=True)
    if page_type.search.prefetch:
        pages = pages.prefetch_related(*page_type.search.prefetch)
    sections = defaultdict(list)
    if page_type.search.sections:
        model = page_type.search.sections[0]
        path = page_type.path_to_page(model)
        # The page's pk annotated, not read from the parent key: parts below parts work too.
        rows = model._default_manager.filter(**{f"{path}__in": pks})
        for section in rows.annotate(search_page_id=F(path)):
            sections[section.search_page_id].append(section)
    pairs = [
        pair
        for page in pages
        for lang in languages()  # one document per page (and section) per language
        for pair in _documents(page_type, page, sections[page.pk], lang)
    ]
    return _write(pairs)


def rebuild():
    """Every document again, from every searchable page: [(page type, pages, documents)]."""
    # One statement a table, whatever their size: nobody listens for these rows going (no
    # delete receiver on them, so Django's delete() would be one statement too).
    with connection.cursor() as cursor:
        for model in (SearchTerm, SearchDocument):  # the words before their documents
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts")  # rows a trigger could not reach
    counts = []
    for page_type in searchable_types():
        pks = list(page_type.model._default_manager.order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(pks), BATCH):
            written += index_pages(page_type, pks[start : start + BATCH], replace=False)
        counts.append((page_type, len(pks), written))
    # What search finds may have changed with no save to say so (bulk writes, SQL): kept
    # results (search/kept_results.py) and cached pages go when the version moves.
    content_version.changing()
    return counts
