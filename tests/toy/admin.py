from django.contrib import admin

from publishing.admin_history import VersionedAdmin
from publishing.admin_rules import PartRulesMixin, PublishingAdminMixin

from .models import Leaflet, LeafletNote


class NoteInline(PartRulesMixin, admin.TabularInline):
    model = LeafletNote
    extra = 0


@admin.register(Leaflet)
class LeafletAdmin(PublishingAdminMixin, VersionedAdmin):
    inlines = [NoteInline]
