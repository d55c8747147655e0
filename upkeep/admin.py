"""Link checks in the admin: a read-only list, and the dashboard's two buttons per link
("mark checked", "remind me later"), for staff who may change the link's page; the other
upkeep items' buttons are in ``item_views``."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from publishing.registry import registry

from . import item_views
from .models import LinkCheck

SNOOZE = timedelta(days=7)


def may_change_page(user, link):
    opts = link.page_type.model_class()._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ("url", "tier", "status", "error", "page_type", "page_id", "last_checked")
    list_filter = ("tier", "page_type")
    search_fields = ("url",)
    list_select_related = ("page_type",)

    def get_urls(self):
        mine = [
            path(
                "<path:object_id>/mark/",
                self.admin_site.admin_view(self.mark),
                name="upkeep_linkcheck_mark",
            ),
            path(
                "<path:object_id>/snooze/",
                self.admin_site.admin_view(self.snooze),
                name="upkeep_linkcheck_snooze",
            ),
            # The upkeep list's other items, named "kind.type.id": a review, a
            # translation, an image (see item_views).
            path(
                "<path:object_id>/check/",
                self.admin_site.admin_view(item_views.mark),
                name="upkeep_item_mark",
            ),
            path(
                "<path:object_id>/later/",
                self.admin_site.admin_view(item_views.snooze),
                name="upkeep_item_snooze",
            ),
        ]
        return mine + super().get_urls()

    def _link(self, request, object_id):
        link = get_object_or_404(LinkCheck.objects.select_related("page_type"), pk=object_id)
        if not may_change_page(request.user, link):
            raise PermissionDenied
        return link

    @staticmethod
    def _done(request, text):
        messages.success(request, text)
        return redirect("admin:index")

    @property
    def mark(self):
        @require_POST
        def mark(request, object_id):
            link = self._link(request, object_id)
            link.dismissed = link.signature
            link.save(update_fields=["dismissed"])
            return self._done(request, _("Marked checked: it comes back if its result changes."))

        return mark

    @property
    def snooze(self):
        @require_POST
        def snooze(request, object_id):
            link = self._link(request, object_id)
            link.snoozed_until = timezone.now() + SNOOZE
            link.save(update_fields=["snoozed_until"])
            return self._done(request, _("You will be reminded of it in a week."))

        return snooze

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for opts in (page_type.model._meta for page_type in registry)
            for action in ("view", "change")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
