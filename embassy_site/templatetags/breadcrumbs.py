from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from publishing.markup import format_html

from .fixed_urls import fixed_url

register = template.Library()


@register.simple_tag
def trail(*pairs):
    """Pair up "url, label, url, label, ..." for ``breadcrumbs``.

    Templates cannot build lists; this keeps each page's trail on one readable line.
    """
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("trail takes url and label pairs")
    return [{"url": pairs[i], "label": pairs[i + 1]} for i in range(0, len(pairs), 2)]


class Marked(str):
    """A crumb's label with the language it shows in, when not the page's (` lang="en"`)."""

    lang = ""


@register.simple_tag
def marked(label, lang=""):
    label = Marked(label)
    label.lang = lang
    return label


# The trail's markup, written by one tag: every page renders it, and as an
# include (a template, a loop, eight variables) it cost more than any other part of a
# search page's own template. The "›" between items is for the eye only: read aloud it
# would sit inside each item.
NAV = (
    '<nav class="breadcrumbs" aria-label="{label}">\n  \n  <ol>\n'
    '    <li><a href="{home}">{home_label}</a></li>\n    {items}'
    '<li><span class="sep" aria-hidden="true">›</span>'
    '<a href="{path}" aria-current="page"{lang}>{current}</a></li>\n  </ol>\n</nav>\n'
)
CRUMB = '<li><span class="sep" aria-hidden="true">›</span><a href="{}"{}>{}</a></li>\n    '


@register.simple_tag(takes_context=True)
def breadcrumbs(context, current, crumbs=(), current_lang=""):
    """The trail from the home page through ``crumbs`` (``trail``'s pairs) to this page,
    ``current``, with ``current_lang`` (` lang="en"`) when its title is not in the page's
    language."""
    items = "".join(
        format_html(CRUMB, crumb["url"], getattr(crumb["label"], "lang", ""), crumb["label"])
        for crumb in crumbs
    )
    return format_html(
        NAV,
        label=gettext("Breadcrumb"),
        home=fixed_url("home"),
        home_label=gettext("Home"),
        items=SafeString(items),
        path=context["request"].path,
        lang=current_lang,
        current=current,
    )
