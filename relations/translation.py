"""The fields of a relation page and its parts that exist once per language.

django-modeltranslation adds a column per language (``title_en``, ``title_ro``,
``title_az``); English is required where the field is, the others may stay empty and then
show the English (docs/languages.md). The page's slug has one per language too
(publishing/slugs.py); parts' slugs, anchors, acronyms, dates and numbers are the same in
every language.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section


class Translated(TranslationOptions):
    required_languages = ("en",)


@register(Relation)
class RelationTranslation(Translated):
    fields = ("title", "slug", "summary")


@register(Section)
class SectionTranslation(Translated):
    fields = ("heading", "body")


@register(Framework)
class FrameworkTranslation(Translated):
    fields = ("name", "description")


@register(Cycle)
class CycleTranslation(Translated):
    fields = ("note",)


@register(CooperationArea)
class CooperationAreaTranslation(Translated):
    fields = ("title", "description")


@register(Milestone)
class MilestoneTranslation(Translated):
    fields = ("text",)
