from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from publishing.admin_history import VersionedAdmin
from publishing.admin_rules import PartRulesMixin, PublishingAdminMixin
from publishing.admin_translations import TranslatedFieldsMixin
from publishing.richtext import RichTextAdminMixin

from .models import Attachment, Category, Notice
from .validators import ACCEPT, ALLOWED_DESCRIPTION

CHOOSE_AGAIN = _(
    "“%(name)s” was not saved, because of the errors on this page. Choose the file again "
    "before saving."
)


def ask_for_files_again(formsets):
    """A browser never fills a file box in again: on a page sent back with errors, each row
    that had a file chosen says so next to its file box, or the file is silently lost."""
    for formset in formsets:
        for form in formset.forms:
            for name, field in form.fields.items():
                upload = form.files.get(form.add_prefix(name))
                if upload is None or not isinstance(field, forms.FileField):
                    continue
                if name not in form.errors:  # a refused file already says why
                    form.add_error(name, CHOOSE_AGAIN % {"name": upload.name})


class AttachmentInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
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
class CategoryAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Notice)
class NoticeAdmin(TranslatedFieldsMixin, PublishingAdminMixin, RichTextAdminMixin, VersionedAdmin):
    list_display = ["title", "category", "status", "publish_at", "expires_at", "pinned"]
    list_filter = ["status", "category", "pinned", "publish_at", "expires_at"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "lead_image", "body"]}),
        (_("Link to more information"), {"fields": ["link_url", "link_label"]}),
        # Reviewed with the text: a draft that ticks a language waits for a publisher.
        (_("Translations"), {"fields": ["published_languages"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "expires_at", "pinned"]}),
    ]
    inlines = [AttachmentInline]
    # Editors paste bare host names; https is the safe guess (and Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    rich_text_fields = ["body"]
    autocomplete_fields = ["lead_image"]  # by title, from the image library

    class Media:
        css = {"all": ["css/admin-forms.css"]}

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
        # Reached on a POST only when something on the page was refused (saving redirects).
        if request.method == "POST":
            ask_for_files_again(inline.formset for inline in context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)
