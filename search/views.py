from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from publishing.paging import page_number

from .indexing import language, searchable_types
from .models import SearchDocument
from .query import ranked_ids
from .text import MAX_QUERY_LENGTH, Query, snippet

PER_PAGE = 10
# However common the words, only this many results are ranked, counted and paged.
MAX_RESULTS = 1000


@dataclass
class Hit:
    title: str
    heading: str  # a section's heading, when the hit is a section of the page
    url: str
    kind_label: str
    snippet: str
    date: object
    # ' lang="en"' on a text that falls back to the English in another language, else "".
    title_lang: str = ""
    heading_lang: str = ""
    snippet_lang: str = ""


def _hits(ids, terms):
    """The page's documents as Hits, in rank order (one query)."""
    # The section of the site a result is in ("International relations"), not the model's
    # name: a reader knows the site's menu, and each language names its sections.
    kinds = {t.label: capfirst(t.model._meta.app_config.verbose_name) for t in searchable_types()}
    documents = SearchDocument.objects.in_bulk(ids)
    return [
        Hit(
            title=doc.title,
            heading=doc.heading,
            url=doc.url,
            kind_label=kinds.get(doc.page_type, ""),
            snippet=snippet([doc.text], terms),
            date=doc.date,
            title_lang=_mark(doc.title_language, doc.language),
            heading_lang=_mark(doc.heading_language, doc.language),
            snippet_lang=_mark(doc.text_language, doc.language),
        )
        for doc in (documents.get(pk) for pk in ids)
        if doc is not None
    ]


def _mark(shown, language):
    """The language to mark a text with, when it is not the document's own."""
    return shown if shown and shown != language else ""


def _browse_links():
    """Where to go when nothing matched: the list page of each searchable page type."""
    return [
        (reverse(t.list_url), t.model._meta.app_config.verbose_name)
        for t in searchable_types()
        if t.list_url
    ]


@require_safe
def search(request):
    """GET only, so the form needs no CSRF token and visitors get no cookie."""
    query = Query.parse(request.GET.get("q"))
    context = {"query": query, "max_length": MAX_QUERY_LENGTH, "searched": "q" in request.GET}
    if query.terms:
        # ASCII digits only, as every list reads them (publishing.paging).
        number = page_number(request)
        ids = ranked_ids(query.terms, language(), limit=MAX_RESULTS + 1)
        paginator = Paginator(ids[:MAX_RESULTS], PER_PAGE)
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404 from None
        context.update(
            page_obj=page,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            hits=_hits(list(page.object_list), query.terms),
            more_than_shown=len(ids) > MAX_RESULTS,
            max_results=MAX_RESULTS,
            browse=_browse_links(),
        )
    return render(request, "search/results.html", context)
