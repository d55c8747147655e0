from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publishing.admin_history import VersionedAdmin
from publishing.admin_rules import PartRulesMixin, PublishingAdminMixin
from publishing.admin_translations import TranslatedFieldsMixin
from publishing.richtext import RichTextAdminMixin

from .forms import MilestoneForm, PartialDateForm
from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section


class SectionInline(TranslatedFieldsMixin, PartRulesMixin, RichTextAdminMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = [("heading", "anchor"), ("kind", "order"), "body"]
    prepopulated_fields = {"anchor": ["heading"]}
    rich_text_fields = ["body"]


class FrameworkInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
    model = Framework
    form = PartialDateForm
    extra = 0
    fields = ["name", "acronym", "slug", "date_text", "order", "cycles_link"]
    readonly_fields = ["cycles_link"]
    prepopulated_fields = {"slug": ["acronym"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cycles")

    # Cycles are edited on the framework's own page (Django has no nested inlines): the
    # column says so, and lists them so the editor sees whether that is needed.
    @admin.display(description=_("cycles"))
    def cycles_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the relation first, then edit its cycles.")
        url = reverse("admin:relations_framework_change", args=[obj.pk])
        labels = ", ".join(cycle.label for cycle in obj.cycles.all())
        return format_html('{} <a href="{}">{}</a>', labels, url, _("Edit cycles"))


class AreaInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
    model = CooperationArea
    extra = 0
    fields = ["title", "slug", "description", "order"]
    prepopulated_fields = {"slug": ["title"]}


class MilestoneInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
    model = Milestone
    form = MilestoneForm
    extra = 0
    fields = ["date_text", "text", "slug"]


@admin.register(Relation)
class RelationAdmin(TranslatedFieldsMixin, PublishingAdminMixin, VersionedAdmin):
    list_display = ["title", "status", "publish_at", "updated_at"]
    list_filter = ["status", "updated_at"]
    search_fields = ["title", "summary", "sections__heading", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_image"]  # by title, from the image library
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "lead_image"]}),
        # Reviewed with the text: a draft that ticks a language waits for a publisher.
        (_("Translations"), {"fields": ["published_languages"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "expires_at"]}),
    ]
    inlines = [SectionInline, FrameworkInline, AreaInline, MilestoneInline]

    class Media:
        css = {"all": ["css/admin-forms.css"]}


class CycleInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
    model = Cycle
    extra = 0
    fields = ["start_year", "end_year", "partnership_goals", "note"]


@admin.register(Framework)
class FrameworkAdmin(TranslatedFieldsMixin, PartRulesMixin, RichTextAdminMixin, VersionedAdmin):
    form = PartialDateForm
    list_display = ["name", "acronym", "relation", "date_display"]
    list_filter = ["relation"]
    list_select_related = ["relation"]
    search_fields = ["name", "acronym", "description"]
    prepopulated_fields = {"slug": ["acronym"]}
    fields = [
        "relation",
        ("name", "acronym", "slug"),
        "date_text",
        "description",
        "order",
    ]
    inlines = [CycleInline]
    rich_text_fields = ["description"]

    @admin.display(description=_("since"))
    def date_display(self, obj):
        return obj.date_display
