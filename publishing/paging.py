"""The one reading of a list's ``?page=``: plain ASCII digits, or no page at all.

``str.isdigit()`` and ``int()`` accept "²", "٣" and "２", so they cannot be the test: anything
but a short run of ASCII digits is a page that does not exist (404), never a server error.
"""

import re

from django.http import Http404

PAGE = re.compile(r"[0-9]{1,9}")  # re's [0-9] is ASCII only, unlike \d


def page_number(request, name="page"):
    """The page asked for as an int (1 when none is asked for); Http404 for anything else."""
    raw = request.GET.get(name, "")
    if raw == "":
        return 1
    if not PAGE.fullmatch(raw):
        raise Http404
    return int(raw)


class StrictPageMixin:
    """For ListViews: a malformed ``?page=`` is refused before the paginator sees it."""

    def paginate_queryset(self, queryset, page_size):
        page_number(self.request, self.page_kwarg)
        return super().paginate_queryset(queryset, page_size)
