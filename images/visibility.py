"""Whether visitors may see an image: once a page at a public address uses it, or staff have
marked it public. Until then its files answer 404 to visitors (staff see them, in previews).

Asked when a file is requested (images/views.py), not stored: a page published at a set
time shows its pictures at that time without anything being saved. "Uses" is the library's
own rule (images/usage.py), for the rows of pages that answer at their address (published,
withdrawn with a banner) and of their parts: a foreign key to the image, or rich text that
holds one of its file names or its ``data-image-id``. Revisions (drafts) do not count.
"""

from functools import reduce
from operator import or_

from django.db import models

from publishing.registry import registry

from .models import Image
from .usage import image_keys
from .usage import rich_text_match as _needles


def _used_by(model, page_type, image, needles):
    lookups = [models.Q(**{name: image.pk}) for name in image_keys(model)]
    for field in page_type.rich_text_fields(model):
        lookups += [models.Q(**{f"{field}__contains": needle}) for needle in needles]
    if not lookups:
        return None
    query = models.Q()
    for each in lookups:
        query |= each
    pages = page_type.model._default_manager.visible()
    rows = model._default_manager.filter(query)
    if model is page_type.model:
        return rows.filter(pk__in=pages.values("pk"))
    return rows.filter(**{f"{page_type.path_to_page(model)}__in": pages.values("pk")})


def shown_to_visitors(image):
    """True when the image is public or a visible page (or a part of one) uses it: no query
    for a public image, else two (its renditions' names, then one EXISTS per model that
    could refer to it, asked together), however many pages there are or use it."""
    if image.public:
        return True
    needles = None
    uses = []
    for page_type in registry:
        for model in page_type.models():
            if not image_keys(model) and not page_type.rich_text_fields(model):
                continue
            if needles is None:
                needles = _needles(image)
            rows = _used_by(model, page_type, image, needles)
            if rows is not None:
                uses.append(models.Exists(rows))
    if not uses:
        return False
    # One question: the database stops at the first page found, and asks no more models.
    return Image.objects.filter(pk=image.pk).filter(reduce(or_, uses)).exists()
