from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.admin_history import VersionedAdmin
from publishing.admin_rules import PartRulesMixin, PublishingAdminMixin
from publishing.richtext import RichTextAdminMixin

from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section


class SectionInline(PartRulesMixin, RichTextAdminMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = [("heading", "anchor"), ("kind", "order"), "body"]
    prepopulated_fields = {"anchor": ["heading"]}
    rich_text_fields = ["body"]


class FrameworkInline(PartRulesMixin, admin.TabularInline):
    model = Framework
    extra = 0
    fields = ["name", "acronym", "slug", "year", "month", "day", "precision", "order"]
    prepopulated_fields = {"slug": ["acronym"]}
    # Cycles are edited on the framework's own page: Django has no nested inlines.
    show_change_link = True


class AreaInline(PartRulesMixin, admin.TabularInline):
    model = CooperationArea
    extra = 0
    fields = ["title", "slug", "description", "order"]
    prepopulated_fields = {"slug": ["title"]}


class MilestoneInline(PartRulesMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["year", "month", "day", "precision", "text", "slug"]


@admin.register(Relation)
class RelationAdmin(PublishingAdminMixin, VersionedAdmin):
    list_display = ["title", "status", "publish_at", "updated_at"]
    list_filter = ["status", "updated_at"]
    search_fields = ["title", "summary", "sections__heading", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "expires_at"]}),
    ]
    inlines = [SectionInline, FrameworkInline, AreaInline, MilestoneInline]


class CycleInline(PartRulesMixin, admin.TabularInline):
    model = Cycle
    extra = 0
    fields = ["start_year", "end_year", "partnership_goals", "note"]


@admin.register(Framework)
class FrameworkAdmin(PartRulesMixin, RichTextAdminMixin, VersionedAdmin):
    list_display = ["name", "acronym", "relation", "date_display"]
    list_filter = ["relation"]
    list_select_related = ["relation"]
    search_fields = ["name", "acronym", "description"]
    prepopulated_fields = {"slug": ["acronym"]}
    fields = [
        "relation",
        ("name", "acronym", "slug"),
        ("year", "month", "day", "precision"),
        "description",
        "order",
    ]
    inlines = [CycleInline]
    rich_text_fields = ["description"]

    @admin.display(description=_("since"))
    def date_display(self, obj):
        return obj.date_display
