"""Which columns hold a field's languages, for any model, page type or not.

django-modeltranslation gives a translated field one column per language (``body_en``,
``body_ro``, ``body_az``) and makes ``obj.body`` read the active language, falling back to
English. Code that must treat every language (sanitising, "page changed" stamps, search,
import and export) asks here rather than reading ``obj.body``, which would see only one.
"""

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

from .published import published_in

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translated_fields(model):
    """The names of the model's translated fields, in declaration order ("title", ...)."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def column(name, language):
    return f"{name}_{language.replace('-', '_')}"


def columns(model, name):
    """Every column of one field: ["body_en", "body_ro", "body_az"], or [name] alone."""
    if name not in translated_fields(model):
        return [name]
    return [column(name, language) for language in LANGUAGES]


def english_field(model, name):
    """ "title" for "title_en", the column the format and the forms call "title"."""
    for field in translated_fields(model):
        if name == column(field, SOURCE):
            return field
    return name


def value_in(obj, name, language):
    """The field's own text in a language, "" where it has none (no fallback)."""
    if name not in translated_fields(type(obj)):
        return getattr(obj, name)
    return getattr(obj, column(name, language)) or ""


def shown_language(obj, name, language):
    """The language a visitor reads the field in: its own, or English where it is empty or
    where the page is not yet published in the language (publishing/languages.py)."""
    if language == SOURCE or not value_in(obj, name, SOURCE):
        return language  # the English itself, or nothing in either language
    if value_in(obj, name, language) and published_in(obj, language):
        return language
    return SOURCE
