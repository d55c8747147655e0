"""Which languages of a page are live: English always, each translation once it is ready.

A page's ``published_languages`` (on ``Publishable``) lists the translations visitors read,
["ro", "az"]. It is a field of the page row, so a revision carries it, a draft that ticks a
language waits for review like a draft that changes a text, and a restore brings the
choice back with the words. A language not listed reads as if the page had no translation
at all: every field of the page and of its parts shows the English, marked lang="en", with
the "not yet available in this language" note, and the page answers at its English slug.

That rule is kept in one place, the fields themselves: each translated field of a
registered page type and its parts reads through ``PublishedDescriptor`` (installed by
``install`` when the page type is registered), so templates, feeds, search documents,
the sitemap and hreflang, which read ``page.title`` and ``page.get_absolute_url()``, all
follow it. Code that must see every column as stored (forms, import and export, stamps)
reads ``title_ro`` itself, as it always has.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname

from .published import published_in
from .translated import LANGUAGES, SOURCE, translated_fields

TRANSLATIONS = tuple(language for language in LANGUAGES if language != SOURCE)


def choices():
    return [(code, get_language_info(code)["name_local"]) for code in TRANSLATIONS]


class LanguagesField(models.JSONField):
    """A list of language codes, shown as one checkbox per translation ("Română")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": choices(),
            "widget": forms.CheckboxSelectMultiple,
            "required": False,
            "show_hidden_initial": False,
        }
        return models.Field.formfield(self, **{**defaults, **kwargs})

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list) or any(code not in TRANSLATIONS for code in value):
            raise ValidationError(
                _("Choose among the translations: %(choices)s.")
                % {"choices": ", ".join(TRANSLATIONS)},
                code="invalid",
            )

    def pre_save(self, model_instance, add):
        # Stored in the site's order, once each, so two equal choices are equal rows.
        value = getattr(model_instance, self.attname) or []
        value = [code for code in TRANSLATIONS if code in value]
        setattr(model_instance, self.attname, value)
        return value


def initial(obj):
    """What an existing page starts with: the translations whose title is written."""
    return [code for code in TRANSLATIONS if getattr(obj, f"title_{code}", None)]


class PublishedDescriptor(TranslationFieldDescriptor):
    """modeltranslation's field, reading the English in a language not yet published."""

    def __get__(self, instance, owner):
        if instance is not None:
            language = get_language() or settings.LANGUAGE_CODE
            if language != SOURCE and not published_in(instance, language):
                value = getattr(instance, build_localized_fieldname(self.field.name, SOURCE))
                return self.field.get_default() if value is None else value
        return super().__get__(instance, owner)


def install(page_type):
    for model in page_type.models():
        # A field the model already stores as each language shows it (an address built
        # from published slugs) reads as stored.
        as_stored = getattr(model, "STORED_AS_SHOWN", ())
        for name in translated_fields(model):
            if name in as_stored:
                continue
            current = model.__dict__.get(name)
            if isinstance(current, TranslationFieldDescriptor) and not isinstance(
                current, PublishedDescriptor
            ):
                published = PublishedDescriptor(current.field)
                published.__dict__.update(current.__dict__)
                setattr(model, name, published)


def uninstall(page_type):
    for model in page_type.models():
        for name in translated_fields(model):
            current = model.__dict__.get(name)
            if isinstance(current, PublishedDescriptor):
                plain = TranslationFieldDescriptor(current.field)
                plain.__dict__.update(current.__dict__)
                setattr(model, name, plain)


def on_registered(sender, page_type, **kwargs):
    install(page_type)


def on_unregistered(sender, page_type, **kwargs):
    uninstall(page_type)
