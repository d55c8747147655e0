"""A refused delete told in a plain sentence.

Django answers an editor who may not delete a published item with a bare 403 page, or, for
"delete selected", with a list of "types of objects" their account may not delete. Admins
with ``PlainDeleteRefusal`` say instead which item is refused and why (still as a 403, so
nothing about the refusal itself changes), using ``delete_refusal(request, obj)``.
"""

from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

TEMPLATE = "admin/delete_refused.html"


class PlainDeleteRefusal:
    def delete_refusal(self, request, obj):
        """Why this user may not delete ``obj``, as a sentence, or None."""
        return None

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        reason = obj is not None and self.delete_refusal(request, obj)
        if reason:
            back = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            )
            return refused(self, request, [reason], back)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions[name] = (delete_selected_plainly, name, description)
        return actions


def delete_selected_plainly(modeladmin, request, queryset):
    """Django's "delete selected", unless one of the items may not be deleted by this user."""
    reasons = [reason for obj in queryset if (reason := modeladmin.delete_refusal(request, obj))]
    if reasons:
        opts = modeladmin.opts
        return refused(
            modeladmin,
            request,
            reasons,
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        )
    return delete_selected(modeladmin, request, queryset)


delete_selected_plainly.allowed_permissions = delete_selected.allowed_permissions


def refused(modeladmin, request, reasons, back_url):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Nothing was deleted"),
        "opts": modeladmin.opts,
        "reasons": reasons,
        "back_url": back_url,
    }
    return TemplateResponse(request, TEMPLATE, context, status=403)
