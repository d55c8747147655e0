"""The publishing core's own text that exists once per language: the notes for visitors.

English is required, Romanian and Azerbaijani optional (they then show the English,
marked lang="en"), as for the page types' fields (relations/translation.py).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import PublicNote


@register(PublicNote)
class PublicNoteTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
