"""Whether a page, or a part of one, is published in a language (publishing/languages.py).

Apart from the field and its descriptor so that ``publishing.translated`` can ask it too.
"""

from django.conf import settings

from .registry import registry

SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def page_of(obj):
    """The page a page or part instance belongs to, through the parents already loaded
    (a view's prefetch, a draft's cluster); None for anything that is not of a page."""
    page_type = registry.for_model(type(obj))
    while page_type is not None and type(obj) is not page_type.model:
        obj = getattr(obj, page_type.part_for(type(obj)).parent)
        if obj is None:
            return None
    return obj if page_type is not None else None


def published_in(obj, language):
    """Whether visitors read ``obj``'s own text in ``language`` (always, in English)."""
    if language == SOURCE:
        return True
    page = page_of(obj)
    if page is None:
        return True  # not part of a page (a category, a note): live when saved
    return language in (page.published_languages or ())
