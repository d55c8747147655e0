from django.db.models import Max, Q

from publishing.sitemaps import OnceSitemap

from .models import Category, Notice


class CategorySitemap(OnceSitemap):
    """A category page changes when one of its current notices does."""

    changefreq = "daily"

    def query(self):
        current = Q(notices__in=Notice.objects.current().values("pk"))
        # A category with nothing current is an empty page: not worth a search engine's visit.
        return (
            Category.objects.annotate(latest=Max("notices__updated_at", filter=current))
            .filter(latest__isnull=False)
            .order_by("order", "slug_en")
        )

    def lastmod(self, item):
        return item.latest
