"""What a page says to visitors about its history: ``{% public_notes page as notes %}``
(``publishing.notes.notes_of``)."""

from django import template

from ..notes import notes_of

register = template.Library()


@register.simple_tag
def public_notes(page):
    return notes_of(page)
