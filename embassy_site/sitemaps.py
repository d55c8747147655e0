"""/sitemap.xml: every public page and when it last changed, built from the registry."""

from django.contrib.sitemaps.views import sitemap

from publishing.registry import registry
from publishing.sitemaps import list_pages_sitemap, page_sitemap


def sitemap_view(request):
    return sitemap(request, sitemaps=sitemaps())


def sitemaps():
    """Sections in a fixed order: the lists, then each page type with its own extras."""
    sections = {"pages": list_pages_sitemap(list(registry))}
    for page_type in registry:
        sections[page_type.name] = page_sitemap(page_type)
        sections.update(page_type.sitemaps)
    return sections
