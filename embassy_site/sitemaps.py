"""/sitemap.xml: every public page and when it last changed.

Built on django.contrib.sitemaps without the sites framework: the sitemap view then takes
the host from the request, so one setting less to keep right. Only current items are
listed: expired notices keep their address but are no longer promoted.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from notices.models import Category, Notice
from publishing.models import Status
from relations.models import Relation


class OnceSitemap(Sitemap):
    """Queries its items once a request: the view reads them for the entries and again for
    the Last-Modified header. Instances live for one request only."""

    def items(self):
        if not hasattr(self, "_cached_items"):
            self._cached_items = list(self.query())
        return self._cached_items


class RelationSitemap(OnceSitemap):
    changefreq = "monthly"

    def query(self):
        return Relation.objects.current().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class NoticeSitemap(OnceSitemap):
    changefreq = "weekly"

    def query(self):
        return Notice.objects.current().only("slug", "updated_at").order_by("-publish_at", "id")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(OnceSitemap):
    """A category page changes when one of its current notices does."""

    changefreq = "daily"

    def query(self):
        now = timezone.now()
        current = Q(notices__status=Status.PUBLISHED, notices__publish_at__lte=now) & (
            Q(notices__expires_at__isnull=True) | Q(notices__expires_at__gt=now)
        )
        # A category with nothing current is an empty page: not worth a search engine's visit.
        return (
            Category.objects.annotate(latest=Max("notices__updated_at", filter=current))
            .filter(latest__isnull=False)
            .order_by("order", "slug")
        )

    def lastmod(self, item):
        return item.latest


class ListPagesSitemap(OnceSitemap):
    """The home page and the lists: they change whenever what they list changes."""

    changefreq = "daily"

    def query(self):
        latest_relation = Relation.objects.current().aggregate(latest=Max("updated_at"))
        latest_notice = Notice.objects.current().aggregate(latest=Max("updated_at"))
        relation, notice = latest_relation["latest"], latest_notice["latest"]
        return [
            ("home", max(filter(None, [relation, notice]), default=None)),
            ("relations:list", relation),
            ("notices:list", notice),
        ]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


sitemaps = {
    "pages": ListPagesSitemap,
    "relations": RelationSitemap,
    "categories": CategorySitemap,
    "notices": NoticeSitemap,
}
