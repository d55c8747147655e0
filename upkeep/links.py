"""The links of published content, read from the registry: every ``<a href>`` of a rich-text
field, every URL field and every file of a page and its parts.

A link the editor's picker made (``data-page``, publishing.page_links) is checked at its
page's current address, which visitors follow. One whose page is no longer published
(withdrawn, a draft, removed or deleted) is not asked for: ``found_links`` tells the caller,
who lists it as broken against the page that holds it.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models

from publishing import page_links
from publishing.models import Status
from publishing.registry import registry

from .models import UNPUBLISHED_PAGE, WITHDRAWN_PAGE

SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "sms")


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attrs = dict(attrs)
            href, page = attrs.get("href"), page_links.parse(attrs.get("data-page"))
            if page is not None:
                self.hrefs.append((page, href))
            elif href:
                self.hrefs.append(href)


def hrefs(html):
    """The links of a text: an address, or (page reference, stored address) for a picked one."""
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


def found_links(gone=None):
    """{(content type id, page id): {url, ...}} for every published page of every type;
    ``gone``, a dict, receives {url: why} of the picked links whose page is not published."""
    found, raw_pages = {}, []
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
        raw_pages.append((content_type, pages, raw))
    targets = _targets(raw_pages)
    gone = {} if gone is None else gone
    for content_type, pages, raw in raw_pages:
        for pk, links in raw.items():
            base = pages[pk].get_absolute_url()
            urls = set()
            for link in links:
                why = None
                if type(link) is tuple:
                    address, why = targets.get(link[0], (link[1], UNPUBLISHED_PAGE))
                    link = address
                url = absolute(link, base)
                if url is not None:
                    urls.add(url)
                    if why:
                        gone[url] = why
            found[(content_type, pk)] = urls
    return found


def _targets(raw_pages):
    """{(model, pk): (address, why or None)} of every page a picked link names, whatever its
    state: a query per page type."""
    wanted = {}
    for _content_type, _pages, raw in raw_pages:
        for links in raw.values():
            for link in links:
                if type(link) is tuple:
                    wanted.setdefault(link[0][0], set()).add(link[0][1])
    found = {}
    for model, pks in wanted.items():
        shown = set(published(model).filter(pk__in=pks).values_list("pk", flat=True))
        for page in model._default_manager.filter(pk__in=pks):
            if page.pk in shown:
                why = None
            elif page.status == Status.WITHDRAWN:
                why = WITHDRAWN_PAGE
            else:
                why = UNPUBLISHED_PAGE
            found[(model, page.pk)] = (page.get_absolute_url(), why)
    return found
