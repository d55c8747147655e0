"""``{% notice_cards notices heading="h3" %}``: a list's cards (notices/cards.py)."""

from django import template

from ..cards import cards

register = template.Library()


@register.simple_tag
def notice_cards(notices, heading="h2", show_category=False, show_pinned=False):
    return cards(notices, heading, show_category, show_pinned)
