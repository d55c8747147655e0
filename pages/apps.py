from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Embassy pages")

    def ready(self):
        from publishing.registry import SITE_LOOKUPS

        from .models import ContactDetails, HoursException, Menu, MenuItem, RegularHours

        # Publishers manage them, editors read them, and a save renews every cached page.
        SITE_LOOKUPS.extend([ContactDetails, RegularHours, HoursException, Menu, MenuItem])
