"""Publishers edit the contact record (one, never deleted) and the menus; editors read."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .forms import ExceptionFormSet, HoursFormSet, MenuItemForm
from .models import ContactDetails, HoursException, Menu, MenuItem, RegularHours


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


class MenuItemInline(TranslationTabularInline):
    model = MenuItem
    form = MenuItemForm
    extra = 0


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    inlines = [MenuItemInline]
    list_display = ["__str__"]

    def has_delete_permission(self, request, obj=None):
        return False


from . import admin_tree  # noqa: E402,F401  (the pages' own admin, registered on import)
