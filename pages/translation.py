"""Fields visitors read, per language: English is the one every other falls back to."""

from modeltranslation.translator import TranslationOptions, register

from .models import ContactDetails, HoursException, MenuItem, Page, ServiceDocument, ServiceFacts


@register(ContactDetails)
class ContactDetailsTranslation(TranslationOptions):
    fields = ("address",)


@register(HoursException)
class HoursExceptionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(MenuItem)
class MenuItemTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("en",)


@register(Page)
class PageTranslation(TranslationOptions):
    # The address too: each language has its own, made of that language's slugs.
    fields = ("title", "slug", "path", "lead", "body")
    required_languages = ("en",)


@register(ServiceFacts)
class ServiceFactsTranslation(TranslationOptions):
    fields = ("audience", "fee", "processing_time", "how_to_apply")
    required_languages = {"en": ("audience",), "default": ()}


@register(ServiceDocument)
class ServiceDocumentTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
