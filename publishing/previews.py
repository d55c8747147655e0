"""Public detail pages that staff may also open before visitors can.

Staff see a page as it will be: with its waiting draft applied, inside a savepoint that is
rolled back once the page is rendered, so the tables (and visitors) keep the live version.
``?live=1`` shows staff the live version instead.
"""

from django.db import transaction
from django.utils.cache import add_never_cache_headers

from . import revisions, snapshots


class StaffPreviewMixin:
    """Visitors get published items only (anything else is a 404); staff see every item.

    A staff preview is never cached, so a draft cannot leak through a shared cache. The
    template gets ``preview`` (True when a visitor could not see this page) and ``draft``
    (the waiting revision shown, or None).
    """

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.user.is_staff:
            return qs
        return qs.published()

    def get_object(self, queryset=None):
        if getattr(self, "_draft_pk", None) is not None:
            return (queryset or self.get_queryset()).get(pk=self._draft_pk)
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = getattr(self, "_draft", None)
        context["draft"] = draft
        context["preview"] = draft is not None or not self.object.is_published
        context["live_url"] = f"{self.request.path}?live=1" if draft is not None else None
        return context

    def get(self, request, *args, **kwargs):
        if not request.user.is_staff or request.GET.get("live"):
            return super().get(request, *args, **kwargs)
        page = self.get_object()
        draft = revisions.pending_draft(page)
        if draft is None:
            return super().get(request, *args, **kwargs)
        with transaction.atomic():
            savepoint = transaction.savepoint()
            snapshots.apply(page, draft.data)
            # The draft may change the slug the address names: find the page by its key.
            self._draft, self._draft_pk = draft, page.pk
            response = super().get(request, *args, **kwargs)
            response.render()
            transaction.savepoint_rollback(savepoint)
        return response

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_staff:
            add_never_cache_headers(response)
        return response
