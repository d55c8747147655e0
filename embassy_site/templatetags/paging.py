"""The pagination's addresses, made in one pass, and its markup.

The same addresses Django's ``{% querystring %}`` gives, one page at a time, without a
template tag per link: other parameters (a search's ``?q=``) are kept, and page 1 is the
list's own address, without ``?page=``.
"""

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from publishing.markup import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def page_links(context):
    """{"previous", "next": address or None, "links": [{"number", "href", "current"}]};
    the paginator's ellipsis is a link without an address."""
    request, page = context["request"], context["page_obj"]
    # The other parameters before and after ``page``, in the request's order, as
    # ``{% querystring page=n %}`` keeps them (a new ``page`` goes last).
    keys = list(request.GET)
    at = keys.index("page") if "page" in keys else len(keys)
    before, after = _encoded(request.GET, keys[:at]), _encoded(request.GET, keys[at + 1 :])

    def href(number):
        if number == 1:
            rest = "&".join(part for part in (before, after) if part)
            return request.path + (f"?{rest}" if rest else "")
        return "?" + "&".join(part for part in (before, f"page={number}", after) if part)

    ellipsis = page.paginator.ELLIPSIS
    links = [
        {"number": n, "href": None if n == ellipsis else href(n), "current": n == page.number}
        for n in context["page_range"]
    ]
    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
        "links": links,
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
    if not context["page_obj"].has_other_pages():
        return SafeString("\n")
    pages, label = page_links(context), gettext("Page")
    # Each piece escaped by format_html: their join is safe.
    links = SafeString(
        "".join(
            format_html(GAP, link["number"])
            if link["href"] is None
            else format_html(
                LINK, link["href"], CURRENT if link["current"] else "", label, link["number"]
            )
            for link in pages["links"]
        )
    )
    previous = pages["previous"] and format_html(
        PREVIOUS, pages["previous"], gettext("Previous page")
    )
    following = pages["next"] and format_html(NEXT, pages["next"], gettext("Next page"))
    nav = format_html(NAV, gettext("Pages"), previous or "", links, following or "")
    return SafeString(nav + "\n")
