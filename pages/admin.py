"""Publishers edit the contact record (one, never deleted) and the menus; editors read."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .forms import ExceptionFormSet, HoursFormSet
from .models import ContactDetails, HoursException, RegularHours


class RegularHoursInline(admin.TabularInline):
    model = RegularHours
    formset = HoursFormSet
    extra = 0


class HoursExceptionInline(TranslationTabularInline):
    model = HoursException
    formset = ExceptionFormSet
    extra = 0


@admin.register(ContactDetails)
class ContactDetailsAdmin(TranslationAdmin):
    inlines = [RegularHoursInline, HoursExceptionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["address", "phone", "emergency_phone", "email", "map_url"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ContactDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


# The menus' and the pages' own admins, registered on import.
from . import admin_menus, admin_tree  # noqa: E402,F401
