from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from embassy_site.previews import StaffPreviewMixin

from .models import Framework, Relation


class RelationListView(ListView):
    template_name = "relations/relation_list.html"
    context_object_name = "relations"

    def get_queryset(self):
        return Relation.objects.current().only("title", "slug", "summary", "updated_at")


class RelationDetailView(StaffPreviewMixin, DetailView):
    model = Relation
    template_name = "relations/relation_detail.html"
    context_object_name = "relation"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "sections",
                "areas",
                "milestones",
                Prefetch("frameworks", queryset=Framework.objects.prefetch_related("cycles")),
            )
        )
