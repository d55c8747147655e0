"""Tags for the head of every page: the one canonical address of what is shown."""

from django import template

from publishing.paging import PAGE

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address without tracking or other stray parameters.

    Only a list's page number changes what a page shows, so only it is kept (and page 1
    is the list itself).
    """
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if PAGE.fullmatch(page) and int(page) > 1:
        url += f"?page={int(page)}"
    return url
