"""/sitemap.xml: every public page and when it last changed.

Built on django.contrib.sitemaps without the sites framework: the sitemap view then takes
the host from the request, so one setting less to keep right. Only current items are
listed: expired notices keep their address but are no longer promoted.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from relations.models import Relation


class RelationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Relation.objects.current().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class ListPagesSitemap(Sitemap):
    """The home page and the lists: they change whenever what they list changes."""

    changefreq = "daily"

    def items(self):
        return ["home", "relations:list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Relation.objects.current().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"pages": ListPagesSitemap, "relations": RelationSitemap}
