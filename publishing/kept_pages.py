"""The page a visitor opens at an address, found once per content version and kept in this
process, as publishing/rendered.py keeps fragments.

Finding the page is much of an uncached request (building its query costs more than the
database's answer). The row found at an address in a language is the same all through a
content version: every save of a page, of its parts or lookups moves the version
(publishing.content_version). And a page a visitor may open stays open as time passes
(published or withdrawn, its moment come: only a save closes it again), so a row once
found is kept under the version, the language and the address. What is not found (a 404,
a page at another address) is never kept: a scheduled page appears at its moment, not a
version later. Staff, who may see drafts, always read afresh; nothing is kept with
PAGE_FRAGMENT_CACHE_SECONDS at 0, as no fragment is.

The kept row is shared by this process's requests: views and templates only read it
(the related rows they load on it belong to the same version).
"""

from django.conf import settings
from django.utils.translation import get_language

from . import content_version, rendered


def kept(view, name, find, *values):
    """``find()`` for ``view``'s request, kept under ``name`` and ``values`` (with the
    version and the language) when a visitor asks; afresh for staff who may preview."""
    if view.previewing() or not settings.PAGE_FRAGMENT_CACHE_SECONDS:
        return find()
    version = (rendered.version(view.request), content_version.saves_here())
    return rendered.kept(("page", name, *version, get_language(), *values), find)


class KeptPageMixin:
    """For a detail view of a page type with ``StaffPreviewMixin``: a visitor's
    ``get_object()`` kept per content version, language and address (the URL's arguments)."""

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        return kept(self, name, super().get_object, *sorted(self.kwargs.items()))
