from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Embassy pages")

    def ready(self):
        import publishing
        from publishing import content_version, rendered
        from publishing.registry import Part, Search

        from . import content, paths, service_search
        from .data import chrome_key, next_hours_change
        from .models import (
            ContactDetails,
            HoursException,
            Menu,
            MenuItem,
            Page,
            RegularHours,
            ServiceDocument,
            ServiceFacts,
        )

        paths.connect(Page)  # before publishing's receivers: they read the new address
        publishing.register(
            Page,
            # A consular service's facts and documents: parts, so a draft, a revision and
            # its diff hold them with the page's text.
            parts=[
                Part(ServiceFacts, "page", rich_text=("how_to_apply",), content=content.FACTS),
                Part(ServiceDocument, "page", label="text", content=content.DOCUMENT),
            ],
            rich_text=("body",),
            content=content.PAGE,
            # After every page type's lists: a menu item may lead to a page of any type.
            content_after={Menu: content.MENU, ContactDetails: content.CONTACT},
            # A service's facts are words of its page: a document's name or the fee finds it.
            search=Search(
                fields={"title": "A", "lead": "B", "body": "C", "service_facts_text": "C"},
                prefetch=("service_facts", "service_documents"),  # what that attribute reads
            ),
            # Publishers manage them, editors read them, and a save renews every cached page.
            lookups=(ContactDetails, RegularHours, HoursException, Menu, MenuItem),
            changefreq="monthly",
            # Consular facts (fees, documents, hours) go stale: checked twice a year.
            review_months=6,
        )
        service_search.connect(ServiceFacts, ServiceDocument)
        # The "open now" line changes at each opening and closing: cached pages end there.
        content_version.CLOCKS.append(next_hours_change)
        # The menus are on every page: read with the content version, in one round trip.
        rendered.read_with_version_key(chrome_key)
        # flush (tests, a reset) sends post_migrate too: the shipped menus come back with it.
        post_migrate.connect(_default_menus, sender=self, dispatch_uid="pages-default-menus")


def _default_menus(sender, apps=None, using="default", **kwargs):
    from django.apps import apps as global_apps

    apps = apps or global_apps  # flush sends no app registry
    if not apps.is_installed("pages"):
        return
    from importlib import import_module

    if not apps.get_model("pages", "Menu").objects.using(using).exists():
        import_module("pages.migrations.0002_default_menus").create(apps, None)
