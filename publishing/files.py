"""Stored files that pages need: their FileFields in the tables and in every revision.

A revision is a whole page as JSON (``publishing.snapshots``); Django's serializer writes a
FileField as the stored file's name. Restoring a revision, or publishing a draft, brings
those names back into the tables, so a file stays in storage while any revision names it:
this is what ``prune_media`` asks before deleting anything. Every registered page type is
covered, its page model and its parts alike, so a new page type with files needs nothing
here.
"""

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.db.models import OuterRef, Subquery

from .models import Revision
from .registry import registry

# A validator that reads an upload to find its type leaves what it found on the file under
# this name, so the model's save (admin, import) takes it instead of reading the file again.
CHECKED_KIND = "checked_kind"

REVISION_CHUNK = 200


def file_fields(model):
    """The names of the model's own FileFields (ImageFields included)."""
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, models.FileField)
    ]


def models_with_files(page_type):
    """{model label: (model, [FileField names])} for the page model and parts that store files."""
    found = {}
    for model in page_type.models():
        names = file_fields(model)
        if names:
            found[model._meta.label_lower] = (model, names)
    return found


def names_in_snapshot(data, wanted):
    """The file names a snapshot's page and parts rows hold, for ``models_with_files`` rows."""
    rows = [data.get("page") or {}, *(data.get("parts") or [])]
    for row in rows:
        model_and_names = wanted.get(row.get("model"))
        if model_and_names is None:
            continue
        fields = row.get("fields") or {}
        for name in model_and_names[1]:
            value = fields.get(name)
            if isinstance(value, str) and value:
                yield value


def names_in_tables(page_type):
    names = set()
    for model, fields in models_with_files(page_type).values():
        for name in fields:
            rows = model._default_manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
            names.update(rows.values_list(name, flat=True).distinct())
    return names


def names_in_revisions(page_type):
    wanted = models_with_files(page_type)
    if not wanted:
        return set()
    content_type = ContentType.objects.get_for_model(page_type.model)
    snapshots = Revision.objects.filter(content_type=content_type).values_list("data", flat=True)
    names = set()
    for data in snapshots.iterator(chunk_size=REVISION_CHUNK):
        names.update(names_in_snapshot(data, wanted))
    return names


def files_needed():
    """Every stored name that a row of a page or part, or any revision of a page, refers to."""
    needed = set()
    for page_type in registry:
        if models_with_files(page_type):
            needed |= names_in_tables(page_type)
            needed |= names_in_revisions(page_type)
    return needed


def pending_drafts(page_model):
    """Revisions of pages of this model that are drafts waiting: the page's newest, unapplied."""
    content_type = ContentType.objects.get_for_model(page_model)
    newest = Revision.objects.filter(
        content_type=content_type, object_id=OuterRef("object_id")
    ).order_by("-created_at", "-id")
    return Revision.objects.filter(
        content_type=content_type, applied=False, pk=Subquery(newest.values("pk")[:1])
    )


def draft_row(model, field_name, name):
    """An unsaved ``model`` instance from a waiting draft whose ``field_name`` is ``name``.

    A draft of a live page is held in its revision only: a file uploaded with it is in
    storage but in no row of the tables, so this is where staff previews find it. None when
    no waiting draft names the file.
    """
    page_type = registry.for_model(model)
    if page_type is None or not name:
        return None
    label = model._meta.label_lower
    for data in pending_drafts(page_type.model).values_list("data", flat=True):
        rows = [data.get("page") or {}, *(data.get("parts") or [])]
        for row in rows:
            if row.get("model") == label and (row.get("fields") or {}).get(field_name) == name:
                return next(serializers.deserialize("python", [row], ignorenonexistent=True)).object
    return None
