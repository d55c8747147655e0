"""The menus in the admin, translated the way the pages are: one label per item in the
admin's language in the list, what is not yet translated said in words, and the item's
labels edited under the form's one language switch (publishing.admin_translations)."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from publishing.admin_translations import TRANSLATIONS, TranslatedFieldsMixin
from publishing.translated import SOURCE, value_in

from .forms import MenuItemForm
from .models import Menu, MenuItem


def missing_languages(item):
    """The translations an item's label lacks, by their names in their own language."""
    return [
        get_language_info(code)["name_local"]
        for code in TRANSLATIONS
        if not value_in(item, "label", code)
    ]


def _missing_text(item):
    missing = missing_languages(item)
    return ", ".join(missing) if missing else gettext("Nothing missing")


def admin_language():
    code = (get_language() or SOURCE).split("-")[0]
    return code if code in (SOURCE, *TRANSLATIONS) else SOURCE


class MenuItemInline(TranslatedFieldsMixin, admin.TabularInline):
    model = MenuItem
    form = MenuItemForm
    extra = 0
    fields = ["order", "label", "view_name", "page", "address", "missing_translations"]
    readonly_fields = ["missing_translations"]

    @admin.display(description=_("translations missing"))
    def missing_translations(self, item):
        return _missing_text(item) if item.pk else "–"


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    inlines = [MenuItemInline]
    list_display = ["__str__", "labels", "missing"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("items"))
    def labels(self, menu):
        """Each label in the admin's language; an untranslated one shows its English, said
        so (and marked lang="en" for screen readers)."""
        language = admin_language()
        shown = []
        for item in menu.items.all():
            own = value_in(item, "label", language)
            if own:
                shown.append(format_html("{}", own))
            else:
                english = value_in(item, "label", SOURCE)
                note = gettext("not translated")
                shown.append(format_html('<span lang="en">{}</span> ({})', english, note))
        return format_html_join(" · ", "{}", ((label,) for label in shown)) or "–"

    @admin.display(description=_("translations missing"))
    def missing(self, menu):
        counts = {}
        for item in menu.items.all():
            for name in missing_languages(item):
                counts[name] = counts.get(name, 0) + 1
        if not counts:
            return gettext("Nothing missing")
        # "Română (1), Azərbaycanca (3)": items whose label lacks that translation.
        return ", ".join(f"{name} ({count})" for name, count in counts.items())
