"""Content not yet translated: what marks it as English, for browsers and screen readers."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_lang():
    """` lang="en"` on an element of page content when the page is in another language.

    Page content exists in English only so far (docs/languages.md): a screen reader must
    read it as English inside a Romanian or Azerbaijani page.
    """
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')
