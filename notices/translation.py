"""The fields of notices, their files and categories that exist once per language.

See relations/translation.py: English required where the field is, the others optional.
The notice's and the category's slugs have one per language (publishing/slugs.py); the
link's address and the files are the same in every language.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Attachment, Category, Notice


class Translated(TranslationOptions):
    required_languages = ("en",)


@register(Category)
class CategoryTranslation(Translated):
    fields = ("name", "slug", "description")


@register(Notice)
class NoticeTranslation(Translated):
    fields = ("title", "slug", "summary", "body", "link_label")


@register(Attachment)
class AttachmentTranslation(Translated):
    fields = ("title",)
