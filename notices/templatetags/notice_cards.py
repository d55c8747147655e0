"""``{% notice_cards notices heading="h3" %}``: a list's cards (notices/cards.py), and
``{% category_nav %}``: the lists' category navigation, kept rendered per content version."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from publishing import rendered

from ..cards import cards

register = template.Library()
NAV = "notices/includes/category_nav.html"


@register.simple_tag
def notice_cards(notices, heading="h2", show_category=False, show_pinned=False):
    return cards(notices, heading, show_category, show_pinned)


@register.simple_tag(takes_context=True)
def category_nav(context):
    """The same on every page of a list but for the current category; a category's every
    save moves the content version (it is one of the notices' lookups), so the categories
    are read only when the version moved."""
    current = context.get("category")
    version = rendered.version(context.get("request"))
    key = ("category-nav", version, get_language(), current.pk if current else None)
    template = context.template.engine.get_template(NAV)
    return mark_safe(rendered.kept(key, lambda: template.render(context)))
