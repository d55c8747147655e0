"""A page of search results as HTML, one call for the lot: the search view writes it
(search/views.py), and the HTML is what search/kept_results.py keeps; also the tag
``{% search_hits hits %}``.

Each result was some twenty template nodes (its links, language marks and snippet); built
here it escapes every text as ``{{ }}`` does (``_e``), and the markup is the same byte for
byte as the loop in templates/search/results.html wrote it.
"""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A text still in English in a Romanian or Azerbaijani result says so (lang="en").
HIT = (
    '\n    <li>\n      \n      <h2><a href="{}">{}{}</a></h2>\n'
    '      <p class="meta">{} · <time datetime="{}">{}</time></p>\n      {}\n    </li>\n    '
)


def _e(value):
    """What ``{{ value }}`` writes (conditional_escape), for the str and safe texts a Hit
    holds, without Django's lazy-text check on each."""
    if isinstance(value, SafeString):
        return value
    return html.escape(str(value))


def _marked(text, lang):
    return f'<span lang="{_e(lang)}">{_e(text)}</span>' if lang else _e(text)


def _snippet(hit):
    if not hit.snippet:
        return ""
    if hit.snippet_lang:
        return f'<p lang="{_e(hit.snippet_lang)}">{_e(hit.snippet)}</p>'
    return f"<p>{_e(hit.snippet)}</p>"


def _hit(hit):
    title = _marked(hit.title, hit.title_lang)
    if hit.heading:
        title += " › " + _marked(hit.heading, hit.heading_lang)
    when = (_e(hit.kind_label), _e(hit.datetime), _e(hit.date))
    return HIT.format(_e(hit.url), title, "", *when, _snippet(hit))


@register.simple_tag
def search_hits(hits):
    return mark_safe("".join(_hit(hit) for hit in hits))
