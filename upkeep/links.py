"""The links of published content, read from the registry: every ``<a href>`` of a rich-text
field, every URL field and every file of a page and its parts."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models

from publishing.registry import registry

SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "sms")


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def hrefs(html):
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return parser.hrefs


def published(model):
    """What visitors can see of a page type: its ``published()`` rows, if it has them."""
    manager = model._default_manager
    return manager.published() if hasattr(manager, "published") else manager.all()


def _raw_links(model, row, rich_text):
    for name in rich_text:
        yield from hrefs(getattr(row, name))
    for field in model._meta.concrete_fields:
        if isinstance(field, models.URLField):
            yield getattr(row, field.attname)
        elif isinstance(field, models.FileField):
            value = getattr(row, field.attname)
            if value:
                yield value.url


def absolute(href, base):
    """A link as the checker asks for it: relative ones read against the page's address,
    without the fragment; None for what is not a web address (mailto:, "#top")."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    if urlsplit(href).scheme.lower() in SKIPPED_SCHEMES:
        return None
    url = urldefrag(urljoin(base, href)).url
    scheme = urlsplit(url).scheme
    return url if scheme in ("", "http", "https") else None


def found_links():
    """{(content type id, page id): {url, ...}} for every published page of every type."""
    found = {}
    for page_type in registry:
        model = page_type.model
        content_type = ContentType.objects.get_for_model(model).pk
        pages = {page.pk: page for page in published(model)}
        raw = {pk: list(_raw_links(model, page, page_type.rich_text)) for pk, page in pages.items()}
        for part in page_type.parts:
            lookup = page_type.path_to_page(part.model)
            rows = part.model._default_manager.filter(
                **{f"{lookup}__in": published(model).values("pk")}
            ).annotate(_page_pk=models.F(lookup))
            for row in rows:
                raw[row._page_pk] += _raw_links(part.model, row, part.rich_text)
        for pk, links in raw.items():
            base = pages[pk].get_absolute_url()
            urls = {absolute(href, base) for href in links} - {None}
            found[(content_type, pk)] = urls
    return found
