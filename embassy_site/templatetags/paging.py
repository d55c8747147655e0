"""The pagination's addresses, made in one pass, and its markup.

The same addresses Django's ``{% querystring %}`` gives, one page at a time, without a
template tag per link: other parameters (a search's ``?q=``) are kept, and page 1 is the
list's own address, without ``?page=``.
"""

from functools import lru_cache

from django import template
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from publishing.markup import format_html

register = template.Library()
ELLIPSIS = Paginator.ELLIPSIS


@register.simple_tag(takes_context=True)
def page_links(context):
    """{"previous", "next": address or None, "links": [{"number", "href", "current"}]};
    the paginator's ellipsis is a link without an address."""
    request, page = context["request"], context["page_obj"]
    return _links(
        request.GET, request.path, page.number, page.paginator.num_pages, context["page_range"]
    )


def _links(query, path, number, pages, page_range):
    # The other parameters before and after ``page``, in the request's order, as
    # ``{% querystring page=n %}`` keeps them (a new ``page`` goes last).
    keys = list(query)
    at = keys.index("page") if "page" in keys else len(keys)
    before, after = _encoded(query, keys[:at]), _encoded(query, keys[at + 1 :])

    def href(n):
        if n == 1:
            rest = "&".join(part for part in (before, after) if part)
            return path + (f"?{rest}" if rest else "")
        return "?" + "&".join(part for part in (before, f"page={n}", after) if part)

    return {
        "previous": href(number - 1) if number > 1 else None,
        "next": href(number + 1) if number < pages else None,
        "links": [
            {"number": n, "href": None if n == ELLIPSIS else href(n), "current": n == number}
            for n in page_range
        ],
    }


def _encoded(query, keys):
    part = QueryDict(mutable=True)
    for key in keys:
        part.setlist(key, query.getlist(key))
    return part.urlencode()


# The markup the template's loop made, built here: every page of a list renders it, and as
# template nodes it cost a third of what is left of a list page's own template.
NAV = (
    '\n<nav class="pagination" aria-label="{}">\n  <ul>\n    {}\n    {}\n    {}\n  </ul>\n</nav>\n'
)
PREVIOUS = '\n    <li><a href="{}" rel="prev">{}</a></li>\n    '
NEXT = '\n    <li><a href="{}" rel="next">{}</a></li>\n    '
GAP = "\n    \n    <li><span>{}</span></li>\n    \n    "
LINK = (
    '\n    \n    <li><a href="{}"{}><span class="visually-hidden">{} </span>{}</a></li>\n    \n    '
)
CURRENT = SafeString(' aria-current="page"')


@register.simple_tag(takes_context=True)
def pagination(context):
    """The links to the other pages of the list (none if it has one page); other
    parameters, such as a search's ?q=, are kept."""
    page = context["page_obj"]
    if not page.has_other_pages():
        return SafeString("\n")
    request = context["request"]
    return _markup(
        get_language(),
        request.path,
        # As request.GET reads it (the bytes, then the site's charset).
        get_bytes_from_wsgi(request.META, "QUERY_STRING", ""),
        page.number,
        page.paginator.num_pages,
        tuple(context["page_range"]),
    )


# The markup is a function of these alone, whatever the content: the addresses asked most
# (a list's first pages, a common search) are kept, a bounded few.
@lru_cache(maxsize=256)
def _markup(language, path, query, number, pages, page_range):
    found = _links(QueryDict(query), path, number, pages, page_range)
    label = gettext("Page")
    # Each piece escaped by format_html: their join is safe.
    links = SafeString(
        "".join(
            format_html(GAP, link["number"])
            if link["href"] is None
            else format_html(
                LINK, link["href"], CURRENT if link["current"] else "", label, link["number"]
            )
            for link in found["links"]
        )
    )
    previous = found["previous"] and format_html(
        PREVIOUS, found["previous"], gettext("Previous page")
    )
    following = found["next"] and format_html(NEXT, found["next"], gettext("Next page"))
    nav = format_html(NAV, gettext("Pages"), previous or "", links, following or "")
    return SafeString(nav + "\n")
