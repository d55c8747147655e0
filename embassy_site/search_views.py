from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from publishing.paging import page_number

from .search import MAX_QUERY_LENGTH, Query, hits, ranked

PER_PAGE = 10


@require_safe
def search(request):
    """GET only, so the form needs no CSRF token and visitors get no cookie."""
    query = Query.parse(request.GET.get("q"))
    context = {"query": query, "max_length": MAX_QUERY_LENGTH, "searched": "q" in request.GET}
    if query.terms:
        paginator = Paginator(ranked(query), PER_PAGE)
        try:
            page = paginator.page(page_number(request))
        except InvalidPage:
            raise Http404 from None
        context.update(
            page_obj=page,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            hits=hits(list(page.object_list), query),
        )
    return render(request, "search/results.html", context)
