"""``{% search_hits hits %}``: a page of search results as HTML, one tag for the lot.

Each result was some twenty template nodes (its links, language marks and snippet); built
here with ``format_html`` it escapes the same, and the markup is the same byte for byte as
the loop in templates/search/results.html wrote it.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# A text still in English in a Romanian or Azerbaijani result says so (lang="en").
HIT = (
    '\n    <li>\n      \n      <h2><a href="{}">{}{}</a></h2>\n'
    '      <p class="meta">{} · <time datetime="{}">{}</time></p>\n      {}\n    </li>\n    '
)


def _marked(text, lang):
    return format_html('<span lang="{}">{}</span>', lang, text) if lang else text


def _snippet(hit):
    if not hit.snippet:
        return ""
    if hit.snippet_lang:
        return format_html('<p lang="{}">{}</p>', hit.snippet_lang, hit.snippet)
    return format_html("<p>{}</p>", hit.snippet)


def _heading(hit):
    return format_html(" › {}", _marked(hit.heading, hit.heading_lang)) if hit.heading else ""


@register.simple_tag
def search_hits(hits):
    rows = (
        (
            hit.url,
            _marked(hit.title, hit.title_lang),
            _heading(hit),
            hit.kind_label,
            hit.datetime,
            hit.date,
            _snippet(hit),
        )
        for hit in hits
    )
    return mark_safe(format_html_join("", HIT, rows))
