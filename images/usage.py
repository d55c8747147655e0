"""Where an image is used: every registered page type's models, read from the registry.

A foreign key to Image on a page or a part counts, in the tables and in every revision (a
draft waiting, a version that can be restored); so does a rich-text field of the page type
that holds the image's address or ``data-image-id``. Deleting an image that is used
anywhere is refused, so nothing a revision names loses its picture.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from publishing.models import Revision
from publishing.registry import registry

from .models import Image

REVISION_CHUNK = 200


def image_keys(model):
    """The names of the model's foreign keys to Image."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is Image
    ]


def rich_text_match(image):
    """What rich text holds when it shows the image: a file's name (the original's or a
    rendition's, in its address) or the image's id."""
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    return [name.rsplit("/", 1)[-1] for name in names] + [f'data-image-id="{image.pk}"']


def uses(image):
    """[(page model, page pk, where)] for every page and part that uses the image, and every
    revision; ``where`` is the model's name, or "revision"."""
    found = []
    needles = rich_text_match(image)
    for page_type in registry:
        for model in page_type.models():
            lookups = [models.Q(**{name: image.pk}) for name in image_keys(model)]
            for field in page_type.rich_text_fields(model):
                lookups += [models.Q(**{f"{field}__contains": needle}) for needle in needles]
            if not lookups:
                continue
            query = lookups.pop()
            for each in lookups:
                query |= each
            for row in model._default_manager.filter(query):
                found.append((page_type.model, page_type.page_id(row), model._meta.verbose_name))
        found += _in_revisions(page_type, image, needles)
    return found


def _in_revisions(page_type, image, needles):
    wanted = {m._meta.label_lower: m for m in page_type.models() if image_keys(m)}
    rich = {m._meta.label_lower: page_type.rich_text_fields(m) for m in page_type.models()}
    if not wanted and not any(rich.values()):
        return []
    content_type = ContentType.objects.get_for_model(page_type.model)
    revisions = Revision.objects.filter(content_type=content_type)
    found = set()
    for object_id, data in revisions.values_list("object_id", "data").iterator(REVISION_CHUNK):
        for row in [data.get("page") or {}, *(data.get("parts") or [])]:
            label, fields = row.get("model"), row.get("fields") or {}
            model = wanted.get(label)
            keys = image_keys(model) if model else []
            texts = [str(fields.get(name) or "") for name in rich.get(label, ())]
            if any(fields.get(name) == image.pk for name in keys) or any(
                needle in text for text in texts for needle in needles
            ):
                found.add((page_type.model, int(object_id), "revision"))
    return sorted(found, key=lambda each: each[1])


def pages_using(image):
    """{(page model, page pk)}: whatever refers to the image, once per page."""
    return {(model, pk) for model, pk, _where in uses(image)}
