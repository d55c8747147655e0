"""Content not yet translated: what marks it as English, for browsers and screen readers."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from publishing.translated import shown_language

register = template.Library()


@register.simple_tag
def content_lang(obj=None, field="title"):
    """` lang="en"` on an element of page content that shows the English in another language.

    ``{% content_lang notice "body" %}``: the field's own translation, when it has one, is
    in the page's language and needs no mark; an empty one shows the English (the fallback
    of docs/languages.md), which a screen reader must read as English. Without an object,
    content that is English in any case (a name, an acronym) is marked.
    """
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return ""
    if obj is not None and shown_language(obj, field, language) == language:
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')
