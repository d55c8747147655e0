"""Redirects in the admin: publishers manage them, editors and other staff who edit pages
read them (they see where an old address leads, and that it was kept for them)."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from publishing.registry import registry

from .models import Redirect


def may_manage(user):
    if user.has_perm("addresses.change_redirect"):
        return True
    return any(user.has_perm(page_type.publish_permission) for page_type in registry)


def may_view(user):
    if may_manage(user) or user.has_perm("addresses.view_redirect"):
        return True
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for opts in (page_type.model._meta for page_type in registry)
        for action in ("view", "change")
    )


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "destination", "permanent", "created_by", "created_at")
    list_filter = ("created_by", "gone", "permanent")
    search_fields = ("old_path", "target_path")
    readonly_fields = ("created_by", "created_at")
    fieldsets = [
        (None, {"fields": ["old_path"]}),
        (
            _("Where visitors go"),
            {
                "fields": ["target_path", ("target_type", "target_id"), "gone", "permanent"],
                "description": _("One of: a new address, a page of the site, or “gone”."),
            },
        ),
        (_("Made"), {"fields": ["created_by", "created_at"]}),
    ]

    @admin.display(description=_("leads to"))
    def destination(self, obj):
        return obj.destination_label()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target_type":
            models = [page_type.model for page_type in registry]
            ids = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
            kwargs["queryset"] = ContentType.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return may_view(request.user)

    def has_view_permission(self, request, obj=None):
        return may_view(request.user)

    def has_add_permission(self, request):
        return may_manage(request.user)

    def has_change_permission(self, request, obj=None):
        return may_manage(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_manage(request.user)
