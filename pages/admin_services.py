"""A consular service's facts and documents, edited on the page's own form (inlines): they
are parts of the page, so a live page's change to them waits as a draft like its text."""

from django.contrib import admin

from publishing.admin_rules import PartRulesMixin
from publishing.admin_translations import TranslatedFieldsMixin
from publishing.richtext import RichTextAdminMixin

from .models import ServiceDocument, ServiceFacts


class ServiceFactsInline(
    TranslatedFieldsMixin, PartRulesMixin, RichTextAdminMixin, admin.StackedInline
):
    model = ServiceFacts
    extra = 0
    max_num = 1  # one set of facts a page (the table's constraint says so too)
    fields = ["audience", ("fee", "processing_time"), "how_to_apply", "last_checked"]
    rich_text_fields = ["how_to_apply"]


class ServiceDocumentInline(TranslatedFieldsMixin, PartRulesMixin, admin.TabularInline):
    model = ServiceDocument
    extra = 0
    fields = ["text", "order"]
