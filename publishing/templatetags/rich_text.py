"""``{{ notice.body|rich_text }}``: a stored rich text as visitors see it.

The text was cleaned when it was saved (publishing.sanitize); here its links to the site's
own pages get their current addresses (publishing.page_links).
"""

from django import template
from django.utils.safestring import mark_safe

from ..page_links import render

register = template.Library()


@register.filter
def rich_text(value):
    return mark_safe(render(value))  # noqa: S308 - cleaned on save, rewritten from the registry
