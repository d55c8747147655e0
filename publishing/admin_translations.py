"""One language switch for a whole admin form: the page and its inlines alike.

The form's own field ("title") is always the English text, whatever language the admin
speaks, and the translations are their model columns ("title_ro", "title_az") placed right
after it, optional. A small script of ours (static/js/language-switch.js, no inline code)
shows one language at a time for every field of the page, inlines included.
modeltranslation's TranslationAdmin is not used: its jQuery UI tabs fail on Django 5 and in
inlines, and it gives every field its own tabs.
"""

from django import forms
from django.utils.translation import override

from .translated import LANGUAGES, SOURCE, column, translated_fields

TRANSLATIONS = [language for language in LANGUAGES if language != SOURCE]


def _expand(names, model):
    """["title", ("heading", "anchor")] -> the same, each translated field followed by its
    translations; the English columns never show (the field itself is the English)."""
    translated = translated_fields(model)
    hidden = {column(name, SOURCE) for name in translated}
    out = []
    for name in names:
        if isinstance(name, (list, tuple)):
            out.append(tuple(_expand(name, model)))
        elif name in hidden or any(
            name == column(t, lang) for t in translated for lang in TRANSLATIONS
        ):
            continue
        else:
            out.append(name)
            if name in translated:
                out.extend(column(name, language) for language in TRANSLATIONS)
    return out


def english_form(form_class):
    """The form class, read and checked in English: its own fields are the English columns
    (modeltranslation reads and writes the active language's column)."""

    class EnglishForm(form_class):
        def __init__(self, *args, **kwargs):
            with override(SOURCE):
                super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                language = _language_of(self._meta.model, name)
                if language:
                    field.widget.attrs.update({"lang": language, "data-language": language})
                    if language != SOURCE:
                        field.required = False

        def _post_clean(self):
            for name in list(self.cleaned_data):
                lang = _language_of(self._meta.model, name)
                if lang not in (None, SOURCE) and self.cleaned_data[name] == "":
                    self.cleaned_data[name] = None  # no translation, as loaddata leaves it
            with override(SOURCE):
                super()._post_clean()

        def save(self, commit=True):
            with override(SOURCE):
                return super().save(commit)

    EnglishForm.__name__ = form_class.__name__
    return EnglishForm


def _language_of(model, name):
    for field in translated_fields(model):
        if name == field:
            return SOURCE
        for language in TRANSLATIONS:
            if name == column(field, language):
                return language
    return None


class TranslatedFieldsMixin:
    """For ModelAdmins and inlines of models with translated fields."""

    def get_fields(self, request, obj=None):
        return _expand(super().get_fields(request, obj), self.model)

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": _expand(options["fields"], self.model)})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        return english_form(super().get_form(request, obj, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = english_form(formset.form)
        return formset

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/language-switch.js"], css={"all": ["css/language-switch.css"]}
        )
