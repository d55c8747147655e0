"""What other apps read of the image library: the images lacking alt text, and their pages.

The same rule as the admin's "lacks alt text" filter (``admin.lacking``), in a fixed number
of queries: one for the images, one per model of a page type with a foreign key to Image.
"""

from publishing.registry import registry
from publishing.translated import LANGUAGES

from .admin import lacking
from .models import Image
from .usage import image_keys


def lacking_alt_text():
    """[(image, [languages lacking its alt text])], the images' titles in order."""
    missing = {}
    for language in LANGUAGES:
        for pk in lacking(Image.objects.all(), language).values_list("pk", flat=True):
            missing.setdefault(pk, []).append(language)
    if not missing:
        return []
    images = Image.objects.filter(pk__in=missing).select_related("uploaded_by")
    return [(image, missing[image.pk]) for image in images.order_by("title", "pk")]


def pages_showing(image_ids):
    """{image id: [page, ...]}: the pages (and pages of parts) with the image as a key."""
    found = {}
    for page_type in registry:
        for model in page_type.models():
            for name in image_keys(model):
                rows = model._default_manager.filter(**{f"{name}__in": image_ids})
                if model is not page_type.model:
                    rows = rows.select_related(page_type.path_to_page(model))
                for row in rows:
                    page = row if model is page_type.model else _page_of(page_type, row)
                    found.setdefault(getattr(row, f"{name}_id"), []).append(page)
    return found


def _page_of(page_type, row):
    for step in page_type.path_to_page(type(row)).split("__"):
        row = getattr(row, step)
    return row
