"""Sitemap sections for registered page types, built without the sites framework.

The sitemap view takes the host from the request, so there is one setting less to keep
right. Only current items are listed: expired pages keep their address but are no longer
promoted.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


class OnceSitemap(Sitemap):
    """Queries its items once a request: the view reads them for the entries and again for
    the Last-Modified header. Instances live for one request only.

    Every page is listed once per language with its alternates (xhtml:link) and an
    x-default, the English address."""

    i18n = True
    alternates = True
    x_default = True

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


def page_sitemap(page_type):
    """A sitemap section listing the current pages of one type."""

    class PageSitemap(OnceSitemap):
        changefreq = page_type.changefreq

        def query(self):
            return page_type.model._default_manager.current().only("slug", "updated_at")

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
