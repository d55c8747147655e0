"""Public detail pages that staff may also open before visitors can."""

from django.utils.cache import add_never_cache_headers


class StaffPreviewMixin:
    """Visitors get published items only (anything else is a 404); staff see every item.

    A staff preview is never cached, so a draft cannot leak through a shared cache.
    The template gets ``preview`` (True when a visitor could not see this page).
    """

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.user.is_staff:
            return qs
        return qs.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published
        return context

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_staff:
            add_never_cache_headers(response)
        return response
