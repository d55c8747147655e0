"""Tags for the head of every page: the one canonical address of what is shown.

Absolute addresses start with the configured SITE_URL, never the request's Host: a cached
page is shared by every visitor, so one request's Host header must not end up in it. Paths
taken from the request are made site-relative first: ``//evil.example/x`` (or its encoded
``/%2F%2Fevil.example/x``) is a path of this site, never a link to another host.
"""

import re

from django import template
from django.conf import settings
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info, gettext, override

from publishing import content_version, rendered
from publishing.markup import format_html
from publishing.paging import PAGE

register = template.Library()


def site_relative(path):
    """One leading slash, whatever the request had: "//host" and "/\\host" name hosts."""
    return "/" + path.lstrip("/\\")


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address without tracking or other stray parameters.

    Only a list's page number changes what a page shows, so only it is kept (and page 1
    is the list itself).
    """
    return settings.SITE_URL + _canonical_path(context["request"])


def _canonical_path(request):
    # The head's canonical link and the hreflang links ask for it: worked out once.
    key = (request.path, request.GET.get("page", ""))
    kept = getattr(request, "_canonical_path", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    path = _canonical_path_of(request)
    request._canonical_path = (key, path)
    return path


def _canonical_path_of(request):
    path = escape_uri_path(site_relative(request.path))
    page = request.GET.get("page", "")
    if PAGE.fullmatch(page) and int(page) > 1:
        path += f"?page={int(page)}"
    return path


DESCRIPTION = (
    "Official website of the %(name)s: relations, announcements, visas and consular information."
)


@register.simple_tag(takes_context=True)
def seo_head(context, **given):
    """The head's description, canonical and hreflang links and Open Graph tags, from
    ``seo_title``, ``seo_description``, ``og_type`` and ``noindex``, given to the tag
    (``{% seo_head seo_title=... %}``) or else read from the context. Built here, not by
    template nodes: every page renders it, and as a template it cost a visitor's page more
    than its header."""

    def get(name):
        return given[name] if name in given else context.get(name)

    name, e = context.get("EMBASSY_NAME"), conditional_escape
    # {% blocktranslate with name=... asvar %}: the name escaped, the sentence trusted.
    description = get("seo_description") or SafeString(gettext(DESCRIPTION) % {"name": e(name)})
    description = _truncated(description, 200)
    noindex = get("noindex")
    canonical = canonical_url(context)
    lines = [format_html('<meta name="description" content="{}">', description)]
    if noindex:
        lines.append('<meta name="robots" content="noindex">')
    else:
        lines.append(format_html('<link rel="canonical" href="{}">', canonical))
        for index, v in enumerate(language_versions(context)):
            link = '<link rel="alternate" hreflang="{}" href="{}">'
            lines.append(format_html(link, v["code"], v["url"]))
            if index == 0:
                lines.append(format_html(link, "x-default", v["url"]))
    og = '<meta property="og:{}" content="{}">'
    lines.append(format_html(og, "type", get("og_type") or "website"))
    lines.append(format_html(og, "site_name", name))
    lines.append(format_html(og, "title", get("seo_title") or name))
    lines.append(format_html(og, "description", description))
    if not noindex:  # a page kept out of search engines names no address to share either
        lines.append(format_html(og, "url", canonical))
    return SafeString("\n" + "".join(line + "\n" for line in lines))


def _truncated(value, length):
    """The ``truncatechars`` filter: safe text stays safe."""
    cut = Truncator(value).chars(length)
    return SafeString(cut) if isinstance(value, SafeData) else cut


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: code, its own name, the switcher's path (the query
    kept, so a search stays a search), the canonical address for hreflang, whether current.

    A page (a detail view's ``object``) is at its own address in each language, its slug
    translated or the English one (publishing/slugs.py); a page whose address is built from
    its ancestors (pages/) gives them as ``language_paths``; elsewhere (lists, search, a 404)
    only the prefix changes. A page not yet translated still exists in each language (it
    shows the English with a note).
    """
    request = context["request"]
    page, own = context.get("object"), context.get("language_paths") or {}
    # The head's hreflang links and the header's switcher ask for the same list: one build.
    key = (get_language(), id(page), tuple(own.items()))
    kept = getattr(request, "_language_versions", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    versions = _versions(request, page, own)
    request._language_versions = (key, versions)
    return versions


# The switcher's markup, built here rather than by a loop of template nodes: it is rendered
# on every page, around the header kept per content version (pages/rendered_chrome.py).
SWITCHER = '<nav class="languages" aria-label="{}">\n  <ul>\n    {}\n  </ul>\n</nav>\n'
CURRENT = '\n    <li><span lang="{code}" aria-current="true">{name}</span></li>\n    '
OTHER = '\n    <li><a href="{path}" hreflang="{code}" lang="{code}">{name}</a></li>\n    '


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """This page in every language, each name in its own language (so a visitor finds
    theirs), the current one marked rather than linked."""
    items = SafeString(
        "".join(
            format_html(CURRENT if v["current"] else OTHER, **v) for v in language_versions(context)
        )
    )
    return format_html(SWITCHER, gettext("Language"), items)


def _versions(request, page, own):
    canonical = _canonical_path(request)
    path = escape_uri_path(site_relative(request.path))
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = "?" + iri_to_uri(query)
    page_number = canonical[len(canonical.split("?")[0]) :]  # "?page=2", or ""
    current = get_language()
    versions = []
    addresses = _addresses(request, page) if hasattr(page, "get_absolute_url") else {}
    for code, _name in settings.LANGUAGES:
        if code in own:
            switch = escape_uri_path(own[code])
            url = switch
        elif addresses:
            switch = addresses[code]
            url = switch + page_number  # a category's list keeps its page
        else:
            url, switch = _in(canonical, current, code), _in(path, current, code)
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": settings.SITE_URL + url,
                "path": switch + query,
                "current": code == current,
            }
        )
    return versions


def _addresses(request, page):
    """{code: the page's own path in that language}: a saved row's kept per content version
    (its slugs are content), for visitors; staff may preview a draft's other slugs."""

    def find():
        found = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                found[code] = escape_uri_path(page.get_absolute_url())
        return found

    user = getattr(request, "user", None)
    if getattr(page, "pk", None) is None or user is None or user.is_staff:
        return find()
    version = (rendered.version(request), content_version.saves_here())
    return rendered.kept(("addresses", *version, page._meta.label, page.pk), find)


def _in(path, current, code):
    return re.sub(rf"^/{current}/", f"/{code}/", path)
