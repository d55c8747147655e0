from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, TemplateView

from publishing import rendered
from publishing.kept_pages import KeptPageMixin
from publishing.previews import StaffPreviewMixin
from publishing.registry import registry
from publishing.slugs import TranslatedSlugMixin

from . import listing
from .models import Relation


class RelationListView(TemplateView):
    """Its cards are kept rendered per content version and language (relations/listing.py):
    a visitor's request of the list reads no row."""

    template_name = "relations/relation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = listing.content(self.request)
        return context


def with_parts(relation):
    """The relation with all its parts loaded in a fixed number of queries."""
    # The parts as the registry declares them; a draft preview has them in memory already.
    prefetch_related_objects([relation], *registry.for_model(Relation).prefetch_lookups())
    return relation


class RelationDetailView(KeptPageMixin, TranslatedSlugMixin, StaffPreviewMixin, DetailView):
    """The page's body is cached under the relation's update time (see the template).

    Every change to a relation or a part moves ``updated_at`` (admin, ORM and import alike),
    so a new time is a new key; the parts are loaded only when the cache misses.
    """

    model = Relation
    template_name = "relations/relation_detail.html"
    context_object_name = "relation"

    def get_queryset(self):
        # Outside the cached body: the lead image, one query more when there is one.
        return (
            super()
            .get_queryset()
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["relation_with_parts"] = SimpleLazyObject(lambda: with_parts(self.object))
        # A staff preview (a draft) is rendered afresh and never stored for visitors.
        preview = context.get("preview")
        context["body_cache_seconds"] = 0 if preview else settings.PAGE_FRAGMENT_CACHE_SECONDS
        # The body links other pages (rich_text writes their current addresses): any saved
        # change anywhere renews it, as it renews the cached pages.
        context["body_version"] = rendered.version(self.request)
        return context
