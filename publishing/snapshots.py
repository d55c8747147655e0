"""A page with all its parts as one JSON document, and back.

The rows are written with Django's own serializer (every field, keys included), page first
and parts in registry order, parents before children. Applying a snapshot makes the
tables equal to it: the page's row takes the snapshot's values (publishing state aside,
which only publishing changes), its parts are replaced by the snapshot's parts. Parts the
snapshot had come back, parts added since go. That is what Wagtail's revisions do with a
serialised cluster of a page and its children; our registry already knows the cluster.
"""

import json

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import PUBLISHING_FIELDS, STATE_FIELDS
from .registry import registry

FORMAT = 1


def _rows(objects):
    """Every concrete field (translated columns included), but not the page's state."""
    objects = list(objects)
    if not objects:
        return []
    fields = [f.name for f in type(objects[0])._meta.concrete_fields if f.name not in STATE_FIELDS]
    text = serializers.serialize("json", objects, cls=DjangoJSONEncoder, fields=fields)
    return json.loads(text)


def take(page):
    """The page as it is in the database now, parts included, as plain JSON data."""
    return take_many(type(page), [page.pk])[page.pk]


def take_many(model, pks):
    """{pk: snapshot} for many pages of one type, in a query per model (for imports)."""
    page_type = registry.for_model(model)
    pages = model._default_manager.filter(pk__in=pks).order_by("pk")
    found = {row["pk"]: {"format": FORMAT, "page": row, "parts": []} for row in _rows(pages)}
    for part in page_type.parts:
        lookup = page_type.path_to_page(part.model)
        rows = part.model._default_manager.filter(**{f"{lookup}__in": list(found)})
        rows = list(rows.annotate(_page_id=F(lookup)).order_by("pk"))
        for obj, row in zip(rows, _rows(rows), strict=True):
            found[obj._page_id]["parts"].append(row)
    return found


def objects(data):
    """(page, [part, ...]) as unsaved model instances, in the snapshot's order."""
    page = next(serializers.deserialize("python", [data["page"]], ignorenonexistent=True))
    parts = serializers.deserialize("python", data["parts"], ignorenonexistent=True)
    return page.object, [part.object for part in parts]


def apply(page, data):
    """Make the page and its parts equal to ``data``; publishing state stays as it is."""
    page_type = registry.for_model(type(page))
    restored, parts = objects(data)
    with transaction.atomic():
        current = type(page)._default_manager.select_for_update().get(pk=page.pk)
        for name in (*PUBLISHING_FIELDS, *STATE_FIELDS, "created_at"):
            attname = type(page)._meta.get_field(name).attname
            setattr(restored, attname, getattr(current, attname))
        restored.pk = current.pk
        restored.updated_at = timezone.now()
        restored.save()
        # Children first, so no delete leaves a part pointing at a missing parent.
        for part in reversed(page_type.parts):
            lookup = page_type.path_to_page(part.model)
            part.model._default_manager.filter(**{lookup: page.pk}).delete()
        _insert(page_type, parts)
    return restored


def _insert(page_type, parts):
    """Insert the parts with their old keys, or new ones where a key is taken since.

    A key is taken when another page's part got it meanwhile (SQLite hands out the keys of
    rolled-back drafts again), so children follow their parent's new key.
    """
    new_keys = {}
    by_model = {}
    for obj in parts:
        by_model.setdefault(type(obj), []).append(obj)
    for part in page_type.parts:
        rows = by_model.get(part.model, [])
        taken = set(
            part.model._default_manager.filter(pk__in=[o.pk for o in rows]).values_list(
                "pk", flat=True
            )
        )
        parent = part.parent_field
        for obj in rows:
            old_parent = getattr(obj, parent.attname)
            key = (parent.related_model, old_parent)
            if key in new_keys:
                setattr(obj, parent.attname, new_keys[key])
            old_pk = obj.pk
            if old_pk in taken:
                obj.pk = None
            obj.save(force_insert=True)
            new_keys[(part.model, old_pk)] = obj.pk
