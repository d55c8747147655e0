"""Public detail pages that staff may also open before visitors can.

Staff who may see the page type (its view or change permission) see a page as it will be:
a live page with a held draft is rendered from the draft's revision in memory
(``snapshots.cluster``), so nothing is written to be shown. ``?live=1`` shows them the live
version instead. Anyone else gets published pages and withdrawn ones (with their banner) only.
"""

from django.utils.cache import add_never_cache_headers

from . import revisions, snapshots


def may_preview(user, model):
    if not user.is_staff:
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


class StaffPreviewMixin:
    """Visitors get published items only (anything else is a 404). A staff preview is never
    cached, so a draft cannot leak through a shared cache. The template gets ``preview``
    (True when a visitor could not see this page) and ``draft`` (the revision shown, or
    None)."""

    def previewing(self):
        return may_preview(self.request.user, self.model)

    def get_queryset(self):
        qs = super().get_queryset()
        return qs if self.previewing() else qs.visible()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = getattr(self, "draft", None)
        context["draft"] = draft
        shown = self.object.is_published or (
            self.object.is_withdrawn and self.object.publish_at is not None
        )
        context["preview"] = draft is not None or not shown
        # Withdrawn: kept at its address for those who follow a link, never indexed.
        context["noindex"] = self.object.is_withdrawn
        context["live_url"] = f"{self.request.path}?live=1" if draft is not None else None
        return context

    def get(self, request, *args, **kwargs):
        if not self.previewing() or request.GET.get("live"):
            return super().get(request, *args, **kwargs)
        page = self.get_object()
        draft = revisions.pending_draft(page)
        if draft is None or snapshots.problems(draft.data):
            return super().get(request, *args, **kwargs)
        self.draft = draft
        self.object = snapshots.cluster(draft.data, live=page)
        return self.render_to_response(self.get_context_data(object=self.object))

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_staff:
            add_never_cache_headers(response)
        return response
