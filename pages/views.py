"""The catch-all for the embassy's pages: /<language>/<path of slugs>/ (last in urls.py).

A path that cannot be a page's (anything but lower-case slugs and slashes) is a 404 before
the database is asked. A path that is this page's address in another language (the
language switch keeps the path and changes only the prefix) is sent to its address in
this one.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.views.generic import DetailView

from publishing import kept_pages
from publishing.models import Status
from publishing.previews import StaffPreviewMixin
from publishing.translated import LANGUAGES, SOURCE, shown_language

from .models import Page
from .models.tree import PATH_PATTERN


class PageView(StaffPreviewMixin, DetailView):
    model = Page
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        # The lead image and its renditions: one query more when there is one, none if not.
        queryset = super().get_queryset().select_related("lead_image")
        # A service's facts: one query more. Its documents are read by the template only
        # where there are facts: one query more, however many it lists.
        return queryset.prefetch_related("lead_image__renditions", "service_facts")

    def get_object(self, queryset=None):
        path = self.kwargs["path"]
        if not PATH_PATTERN.match(path):
            raise Http404
        if queryset is None:  # a visitor's page is kept per content version
            return kept_pages.kept(self, "page", lambda: self.find(self.get_queryset()), path)
        return self.find(queryset)

    def find(self, queryset):
        # One row at most (a path is one page's in a language): no ORDER BY.
        path = self.kwargs["path"]
        found = next(iter(queryset.filter(**{f"path_{get_language()}": path}).order_by()[:1]), None)
        if found is None:
            raise Http404
        return found

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.in_another_language()
            if moved is None or moved.get_absolute_url() == request.path:
                raise
            return redirect(moved.get_absolute_url())

    def kept(self, page, name, find):
        return kept_pages.kept(self, name, find, page.pk) if page.pk else find()

    def in_another_language(self):
        path, here = self.kwargs["path"], get_language()
        if not PATH_PATTERN.match(path):
            return None
        elsewhere = Q()
        for code in LANGUAGES:
            if code != here:
                elsewhere |= Q(**{f"path_{code}": path})
        return self.get_queryset().filter(elsewhere).first()  # one query for all of them

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        # A page above that visitors cannot open (a draft) is left out of their trail.
        above = self.kept(page, "above", lambda: page.ancestors() if page.pk else [])
        shown = self.previewing()
        above = [p for p in above if shown or p.is_published or p.is_withdrawn]
        context["crumbs"] = [crumb(p) for p in above]
        # Its current pages, in their order: one query however many there are, a visitor's
        # kept per version with those that may appear later, shown by the clock as
        # ``current()`` would select them.
        # (The query is built only when read: building it was a seventh of a kept page.)
        children = self.kept(page, "children", lambda: _children(page))
        context["children"] = [p for p in children if p.is_published and not p.is_expired]
        # All the content block shows that the clock decides (templates/pages/page_detail.html).
        context["shown"] = tuple(p.pk for p in above), tuple(p.pk for p in context["children"])
        # The language switch and hreflang name this page's own address in each language.
        context["language_paths"] = self.kept(page, "addresses", lambda: page_addresses(page))
        return context


def _children(page):
    rows = Page.objects.filter(status=Status.PUBLISHED, parent_id=page.pk)
    return list(rows.order_by("order", "path_en"))


class Label(str):
    """A crumb's title with ` lang="en"` when it shows the English (includes/breadcrumbs)."""

    lang = ""


def crumb(page):
    label, language = Label(page.title), get_language()
    if shown_language(page, "title", language) != language:
        label.lang = mark_safe(f' lang="{SOURCE}"')
    return {"url": page.get_absolute_url(), "label": label}


def page_addresses(page):
    found = {}
    for code in LANGUAGES:
        with override(code):
            found[code] = page.get_absolute_url()
    return found
