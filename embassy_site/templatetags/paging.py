"""The pagination's addresses, made in one pass (includes/pagination.html).

The same addresses Django's ``{% querystring %}`` gives, one page at a time, without a
template tag per link: other parameters (a search's ``?q=``) are kept, and page 1 is the
list's own address, without ``?page=``.
"""

from django import template
from django.http import QueryDict

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
