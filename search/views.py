from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from publishing.paging import page_number

from . import dates, kept_results
from .indexing import language, searchable_types
from .page import results_page
from .templatetags.search_results import search_hits
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
    datetime: str  # the date as <time datetime> reads it, and as the reader reads it
    date: str
    # ' lang="en"' on a text that falls back to the English in another language, else "".
    title_lang: str = ""
    heading_lang: str = ""
    snippet_lang: str = ""


def _hits(rows, terms):
    """The page's rows as Hits, in rank order; a snippet is cut for these only."""
    # The section of the site a result is in ("International relations"), not the model's
    # name: a reader knows the site's menu, and each language names its sections.
    # str() once here, not a lazy text translated again wherever each result shows it.
    kinds = {
        t.label: str(capfirst(t.model._meta.app_config.verbose_name)) for t in searchable_types()
    }
    return [
        Hit(
            title=row.title,
            heading=row.heading,
            url=row.url,
            kind_label=kinds.get(row.page_type, ""),
            snippet=snippet([row.text], terms),
            datetime=dates.machine(row.date),
            date=dates.human(row.date),
            title_lang=_mark(row.title_language, row.language),
            heading_lang=_mark(row.heading_language, row.language),
            snippet_lang=_mark(row.text_language, row.language),
        )
        for row in rows
    ]


def _search(terms, language, offset, now):
    """(the page's results as safe HTML, min(matches, the cap)), read afresh."""
    rows, total = results_page(
        terms,
        language,
        offset=offset,
        limit=min(PER_PAGE, MAX_RESULTS - offset),
        cap=MAX_RESULTS + 1,
        now=now,
    )
    return search_hits(_hits(rows, terms)), total


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
        offset = (number - 1) * PER_PAGE
        if not 0 <= offset < MAX_RESULTS:
            raise Http404
        # The shown page's results and the count, capped one past the listed results (to
        # say so), kept for this content version (search/kept_results.py).
        hits, total = kept_results.results(
            request,
            language(),
            query.terms,
            number,
            lambda now: _search(query.terms, language(), offset, now),
        )
        # The paginator numbers the pages only: the rows are already the shown page's.
        paginator = Paginator(range(min(total, MAX_RESULTS)), PER_PAGE)
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404 from None
        context.update(
            page_obj=page,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            hits=hits,
            more_than_shown=total > MAX_RESULTS,
            max_results=MAX_RESULTS,
            browse=[] if hits else _browse_links(),  # shown when nothing matched only
        )
    return render(request, "search/results.html", context)
