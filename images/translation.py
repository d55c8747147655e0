"""The image's words that exist once per language: title, alt text and credit.

As for pages (relations/translation.py): English is required where the field is (the alt
text unless the image is decorative, Image.clean), the other languages may stay empty and
then show the English, marked ``lang="en"`` on the <img> ({% picture %}).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("title", "alt_text", "credit")
    required_languages = ("en",)
