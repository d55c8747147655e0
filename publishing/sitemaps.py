"""Sitemap sections for registered page types, built without the sites framework.

Addresses start with SITE_URL (embassy_site/sitemaps.py passes its host), never the
request's. Only current items are listed: expired pages keep their address but are no
longer promoted. A page type's section is cut into pages of at most ``SITEMAP_PAGE_SIZE``
items by ranges of primary keys, not by offsets: a new page lands in the last one and a
change touches only the page holding it, so the others stay as they were (and cached).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, F, Max, Sum
from django.urls import reverse


class OnceSitemap(Sitemap):
    """Queries its items once a request. Instances live for one request only.

    Every page is listed once per language with its alternates (xhtml:link) and an
    x-default, the English address."""

    i18n = True
    alternates = True
    x_default = True
    paged = False

    def _urls(self, page, protocol, domain):
        """Django points x-default at the address without a prefix, which here is only a
        redirect: it names the English page instead, as the pages' heads do."""
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_code = {a["lang_code"]: a for a in url["alternates"]}
            if "x-default" in by_code:
                by_code["x-default"]["location"] = by_code[settings.LANGUAGE_CODE]["location"]
        return urls

    def items(self):
        if not hasattr(self, "_cached_items"):
            self._cached_items = list(self.query())
        return self._cached_items

    def latest(self):
        """The newest lastmod of the section (the index's lastmod for it)."""
        return max(filter(None, (self.lastmod(item) for item in self.items())), default=None)


def page_sitemap(page_type):
    """A sitemap section listing the current pages of one type, one range of keys a page."""

    class PageSitemap(OnceSitemap):
        changefreq = page_type.changefreq
        paged = True

        def __init__(self, page=None):
            self.page = page

        @staticmethod
        def size():
            return settings.SITEMAP_PAGE_SIZE

        @classmethod
        def current(cls):
            return page_type.model._default_manager.current()

        @classmethod
        def pages(cls):
            """[(page number, newest change)] of the pages that hold anything."""
            buckets = (
                cls.current()
                .order_by()
                .annotate(bucket=(F("pk") - 1) / cls.size() + 1)
                .values("bucket")
                .annotate(latest=Max("updated_at"))
                .order_by("bucket")
            )
            return [(row["bucket"], row["latest"]) for row in buckets]

        def in_page(self):
            size = self.size()
            low = (self.page - 1) * size
            return self.current().filter(pk__gt=low, pk__lte=low + size)

        def fingerprint(self):
            """Changes whenever the page's entries would: one aggregate on its range."""
            found = self.in_page().aggregate(n=Count("pk"), latest=Max("updated_at"), s=Sum("pk"))
            return found["n"], found["latest"], found["s"]

        def query(self):
            return self.in_page().only("slug", "updated_at").order_by("pk")

        def lastmod(self, item):
            return item.updated_at

    PageSitemap.__name__ = f"{page_type.model.__name__}Sitemap"
    return PageSitemap


def latest_change(page_type):
    """When the newest current page of a type last changed: the lastmod of its lists."""
    current = page_type.model._default_manager.current()
    return current.aggregate(latest=Max("updated_at"))["latest"]


def list_pages_sitemap(page_types, home="home"):
    """The home page and each type's list: they change whenever what they list changes."""

    class ListPagesSitemap(OnceSitemap):
        changefreq = "daily"

        def query(self):
            lists = [(pt.list_url, latest_change(pt)) for pt in page_types if pt.list_url]
            newest = max(filter(None, (when for _, when in lists)), default=None)
            return [(home, newest), *lists]

        def location(self, item):
            return reverse(item[0])

        def lastmod(self, item):
            return item[1]

    return ListPagesSitemap
