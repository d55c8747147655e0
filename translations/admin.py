"""The translation overview: page × language × field, filterable, each row linked to the
field in its editor, with the English changes since the translation was made."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publishing.registry import registry
from publishing.translated import SOURCE, column

from . import stamps
from .diff import english_changes
from .models import State, TranslationStamp


def field_link(stamp):
    """The editor of the page (or of the part's own page, for cycles) at the field."""
    model = stamp.content_type.model_class()
    page_type = registry.for_model(model)
    obj = model._default_manager.filter(pk=stamp.object_id).first()
    if obj is None or page_type is None:
        return None, None
    name = column(stamp.field, stamp.language)
    if model is page_type.model:
        return obj, _change_url(model, obj.pk, f"id_{name}")
    part = page_type.part_for(model)
    parent = getattr(obj, part.parent)
    relation = part.parent_field.remote_field
    siblings = list(getattr(parent, relation.get_accessor_name()).values_list("pk", flat=True))
    prefix = relation.get_accessor_name()
    anchor = f"id_{prefix}-{siblings.index(obj.pk)}-{name}"
    return obj, _change_url(type(parent), parent.pk, anchor)


def _change_url(model, pk, anchor):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]) + f"#{anchor}"
    except NoReverseMatch:
        return None


@admin.register(TranslationStamp)
class TranslationStampAdmin(admin.ModelAdmin):
    list_display = ["where", "field", "language", "state", "changes"]
    list_display_links = None  # no change form: the link goes to the field in its editor
    list_filter = ["state", "language", "page_type"]
    list_select_related = ["content_type", "source_revision"]
    actions = ["english_change_was_minor"]
    list_per_page = 50

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)  # listed on the admin's start page for staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("text"))
    def where(self, stamp):
        obj, url = field_link(stamp)
        label = str(obj) if obj is not None else stamp
        return format_html('<a href="{}">{}</a>', url, label) if url else label

    @admin.display(description=_("English changes since the translation"))
    def changes(self, stamp):
        if stamp.state != State.OUT_OF_DATE:
            return "–"
        obj = stamp.content_type.get_object_for_this_type(pk=stamp.object_id)
        now = getattr(obj, column(stamp.field, SOURCE))
        return format_html(
            '<span class="english-changes" lang="en">{}</span>',
            english_changes(stamp.source_text, now),
        )

    @admin.action(description=_("The English change was minor: the translations stand"))
    def english_change_was_minor(self, request, queryset):
        allowed = {t.label for t in registry if request.user.has_perm(t.publish_permission)}
        refused = queryset.exclude(page_type__in=allowed)
        if refused.exists():
            self.message_user(
                request, _("Only a publisher can say a change was minor."), messages.ERROR
            )
            return
        count = stamps.mark_current(queryset)
        self.message_user(
            request, _("%(count)d translations marked up to date.") % {"count": count}
        )
