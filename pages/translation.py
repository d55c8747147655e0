"""Fields visitors read, per language: English is the one every other falls back to."""

from modeltranslation.translator import TranslationOptions, register

from .models import ContactDetails, HoursException, MenuItem


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
