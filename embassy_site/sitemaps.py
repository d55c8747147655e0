"""/sitemap.xml: an index of sitemap pages, each valid on its own, built from the registry.

At 10,000 notices one sitemap of every address in three languages was 16 MB and took
seconds to render, again after every publish. The index lists one page for the lists, one
per small section and one per range of ``SITEMAP_PAGE_SIZE`` pages of each page type
(publishing/sitemaps.py); a page type's page is rendered again only when its own entries
changed (one aggregate on its range says so), otherwise its stored bytes are sent.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from publishing.registry import registry
from publishing.site_url import absolute
from publishing.sitemaps import list_pages_sitemap, page_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
XHTML = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
# A page type's rendered page lives this long at most; its fingerprint ends it sooner.
PAGE_BYTES_SECONDS = 24 * 3600


def sitemaps():
    """Sections in a fixed order: the lists, then each page type with its own extras."""
    sections = {"pages": list_pages_sitemap(list(registry))}
    for page_type in registry:
        sections[page_type.name] = page_sitemap(page_type)
        sections.update(page_type.sitemaps)
    return sections


def _xml(body):
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _date(moment):
    return f"<lastmod>{moment.date().isoformat()}</lastmod>" if moment else ""


@require_safe
def sitemap_index(request):
    entries = []
    for name, section in sitemaps().items():
        pages = section.pages() if section.paged else [(1, section().latest())]
        for number, latest in pages:
            location = absolute(reverse("sitemap_page", args=[name, number]))
            entries.append(f"<sitemap><loc>{escape(location)}</loc>{_date(latest)}</sitemap>")
    return _xml(f"{HEAD}<sitemapindex {NS}>\n" + "\n".join(entries) + "\n</sitemapindex>\n")


@require_safe
def sitemap_page(request, section, page):
    found = sitemaps().get(section)
    if found is None or page < 1 or (not found.paged and page != 1):
        raise Http404
    if not found.paged:
        return _xml(_urlset(found()))
    sitemap = found(page)
    fingerprint = sitemap.fingerprint()
    if not fingerprint[0]:
        raise Http404  # nothing in this range: the index does not list it
    key = f"sitemap:{settings.SITE_URL}:{section}:{page}"
    stored = cache.get(key)
    if stored is not None and stored[0] == fingerprint:
        return _xml(stored[1])
    body = _urlset(sitemap)
    cache.set(key, (fingerprint, body), timeout=PAGE_BYTES_SECONDS)
    return _xml(body)


def _urlset(sitemap):
    site = urlsplit(settings.SITE_URL)
    urls = sitemap.get_urls(site=SimpleNamespace(domain=site.netloc), protocol=site.scheme)
    parts = [f"{HEAD}<urlset {NS} {XHTML}>\n"]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>{_date(url['lastmod'])}")
        if url["changefreq"]:
            parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
