from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from embassy_site.admin_history import VersionedAdmin
from embassy_site.admin_publishing import PublishingAdminMixin
from embassy_site.publishing import Status
from embassy_site.richtext import RichTextAdminMixin

from .models import Attachment, Category, Notice
from .validators import ACCEPT, ALLOWED_DESCRIPTION


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "order", "kind", "size_display"]
    readonly_fields = ["kind", "size_display"]

    @admin.display(description=_("size"))
    def size_display(self, obj):
        return filesizeformat(obj.size) if obj.size else "–"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            # The limit is a setting, so it is told here rather than frozen into a migration.
            field.help_text = _("%(types)s, at most %(limit)s.") % {
                "types": ALLOWED_DESCRIPTION,
                "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            }
            field.widget.attrs["accept"] = ACCEPT
        return field


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


# permissions=["publish"]: offered to, and accepted from, publishers only.
@admin.action(description=_("Publish the selected notices"), permissions=["publish"])
def publish(modeladmin, request, queryset):
    now = timezone.now()
    changed = scheduled = 0
    # One save per notice, not update(), so change history and signals see each one.
    for notice in queryset.exclude(status=Status.PUBLISHED):
        notice.status = Status.PUBLISHED
        notice.save(update_fields=["status", "updated_at"])
        changed += 1
        scheduled += notice.publish_at > now
    modeladmin.message_user(
        request,
        ngettext("%(count)d notice published.", "%(count)d notices published.", changed)
        % {"count": changed},
        messages.SUCCESS,
    )
    if scheduled:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d of them has a future publish time: visitors see it from then.",
                "%(count)d of them have a future publish time: visitors see them from then.",
                scheduled,
            )
            % {"count": scheduled},
            messages.WARNING,
        )


@admin.action(
    description=_("Withdraw the selected notices (back to draft)"), permissions=["publish"]
)
def withdraw(modeladmin, request, queryset):
    changed = 0
    for notice in queryset.filter(status=Status.PUBLISHED):
        notice.status = Status.DRAFT
        notice.save(update_fields=["status", "updated_at"])
        changed += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d notice withdrawn: visitors no longer see it.",
            "%(count)d notices withdrawn: visitors no longer see them.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.register(Notice)
class NoticeAdmin(PublishingAdminMixin, RichTextAdminMixin, VersionedAdmin):
    list_display = ["title", "category", "status", "publish_at", "expires_at", "pinned"]
    list_filter = ["status", "category", "pinned", "publish_at", "expires_at"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, withdraw]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Link to more information"), {"fields": ["link_url", "link_label"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "expires_at", "pinned"]}),
    ]
    inlines = [AttachmentInline]
    # Editors paste bare host names; https is the safe guess (and Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    rich_text_fields = ["body"]
    history_parts = [(Attachment, "notice")]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Said on every visit, not after a save only: seeded notices can be like this.
        if obj is not None and obj.link_label and not obj.link_url:
            self.message_user(
                request,
                _(
                    "The link text “%(label)s” has no address, so visitors see no link. "
                    "Add the address under “Link to more information”, or clear the text."
                )
                % {"label": obj.link_label},
                messages.WARNING,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
