"""What other apps read of the translation status: the pages with out-of-date translations.

One query, whatever the number of pages: the dashboard's upkeep list uses it.
"""

from .models import State, TranslationStamp


def out_of_date():
    """{(page type label, page id): [languages]}: the pages with a translation left behind
    by a change of the English since it was made."""
    found = {}
    rows = TranslationStamp.objects.filter(state=State.OUT_OF_DATE)
    for page_type, page_id, language in rows.values_list("page_type", "page_id", "language"):
        found.setdefault((page_type, page_id), set()).add(language)
    return {key: sorted(languages) for key, languages in found.items()}


def stamps_of(page_type_label, page_id):
    """The stamps of one page, for "the English change was minor" (``stamps.mark_current``)."""
    return TranslationStamp.objects.filter(page_type=page_type_label, page_id=page_id)
