"""A page with all its parts as one JSON document, and back.

The rows are written with Django's own serializer (every concrete field, translated columns
and many-to-many keys included; the page's state aside), page first and parts in registry
order, parents before children. ``format`` says which shape a snapshot has and is read
back: a snapshot from a newer format, or one that no longer fits the models (a field or a
part model removed since, a referenced row deleted), is refused whole by ``problems``
before anything is written; ``apply`` never writes half of one.

Reading never writes: ``cluster`` gives the page and its parts as unsaved instances, each
part set in its parent's prefetch cache, so forms, previews and templates read a draft as
they read the tables (Wagtail does this with django-modelcluster; our registry already knows
the cluster). Applying makes the tables equal to a snapshot: the page row takes its values
(publishing fields and state aside), its parts are replaced by the snapshot's.
"""

import json

from django.apps import apps
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PUBLISHING_FIELDS, STATE_FIELDS
from .registry import registry
from .translated import columns, translated_fields

FORMAT = 2  # 1: the same shape, written before the format was read; still read
KEPT_FIELDS = (*PUBLISHING_FIELDS, *STATE_FIELDS, "created_at")


def label(model):
    return model._meta.label_lower


def is_new_key(pk):
    """A part added in a held draft has a key below zero until the draft is applied
    (``form_snapshots``): no row has it, and applying gives it a real one."""
    return isinstance(pk, int) and pk < 0


def rows(objects, many_to_many=True):
    """Every concrete field (translated columns included), but not the page's state."""
    objects = list(objects)
    if not objects:
        return []
    opts = type(objects[0])._meta
    fields = [*opts.concrete_fields, *(opts.many_to_many if many_to_many else ())]
    fields = [f.name for f in fields]
    fields = [name for name in fields if name not in STATE_FIELDS]
    text = serializers.serialize("json", objects, cls=DjangoJSONEncoder, fields=fields)
    return json.loads(text)


def take(page):
    """The page as it is in the database now, parts included, as plain JSON data."""
    return take_many(type(page), [page.pk])[page.pk]


def take_many(model, pks):
    """{pk: snapshot} for many pages of one type, in a query per model (for imports)."""
    page_type = registry.for_model(model)
    pages = model._default_manager.filter(pk__in=pks).order_by("pk")
    found = {row["pk"]: {"format": FORMAT, "page": row, "parts": []} for row in rows(pages)}
    for part in page_type.parts:
        lookup = page_type.path_to_page(part.model)
        objs = part.model._default_manager.filter(**{f"{lookup}__in": list(found)})
        objs = list(objs.annotate(_page_id=F(lookup)).order_by("pk"))
        for obj, row in zip(objs, rows(objs), strict=True):
            found[obj._page_id]["parts"].append(row)
    return found


def same_content(a, b):
    """Whether two snapshots hold the same content (publishing fields and times aside)."""
    ignored = {*PUBLISHING_FIELDS, "created_at", "updated_at"}

    def content(data):
        rows = [data["page"], *data["parts"]]
        return sorted(
            (
                (row["model"], str(row["pk"])),
                sorted(
                    (k, json.dumps(v, cls=DjangoJSONEncoder))
                    for k, v in row["fields"].items()
                    if k not in ignored
                ),
            )
            for row in rows
        )

    return content(a) == content(b)


def problems(data):
    """Why this snapshot cannot be opened or applied whole, as sentences ([] if it fits)."""
    if not isinstance(data, dict) or data.get("format", 1) > FORMAT:
        return [_("This revision was saved by a newer version of the site.")]
    found, wanted = [], {}
    for row in [data.get("page") or {}, *(data.get("parts") or [])]:
        try:
            model = apps.get_model(row.get("model", ""))
        except (LookupError, ValueError):
            found.append(
                _("It holds a kind of part that no longer exists: %(kind)s.")
                % {"kind": row.get("model")}
            )
            continue
        names = {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}
        for name, value in (row.get("fields") or {}).items():
            field = names.get(name)
            if field is None:
                found.append(
                    _("%(model)s field “%(field)s” no longer exists.")
                    % {"model": model._meta.verbose_name, "field": name}
                )
            elif field.is_relation and registry.for_model(field.related_model) is None:
                # A reference outside the page (a category): it must still be there.
                keys = value if field.many_to_many else [value]
                wanted.setdefault((field.related_model, field), set()).update(
                    key for key in keys or () if key is not None
                )
    for (related, field), keys in wanted.items():
        there = set(related._default_manager.filter(pk__in=keys).values_list("pk", flat=True))
        for key in sorted(keys - there, key=str):
            found.append(
                _("The %(field)s it names (#%(key)s) was deleted since.")
                % {"field": field.verbose_name, "key": key}
            )
    return found


def _deserialize(data):
    rows = [data["page"], *data["parts"]]
    try:
        return list(serializers.deserialize("python", rows, ignorenonexistent=True))
    except DeserializationError as error:  # refused by ``problems`` first; a last guard
        raise ValueError(str(error)) from error


def objects(data):
    """(page, [part, ...]) as unsaved model instances, in the snapshot's order."""
    page, *parts = _deserialize(data)
    return page.object, [part.object for part in parts]


def _sort_key(model):
    ordering = [name for name in model._meta.ordering if isinstance(name, str)] or ["pk"]

    def key(obj):
        return tuple(getattr(obj, name.lstrip("-")) or 0 for name in ordering)

    descending = any(name.startswith("-") for name in ordering)
    return key, descending


def cluster(data, live=None):
    """The snapshot's page as an unsaved instance whose parts are in memory: ``page.sections
    .all()`` and the admin's inlines read the draft, and no query reaches a part table.
    ``live`` (the row as stored) gives the publishing fields and state, as ``apply`` would."""
    page, parts = objects(data)
    if live is not None:
        for name in [*KEPT_FIELDS, *_predated(data, type(live))]:
            attname = type(live)._meta.get_field(name).attname
            setattr(page, attname, getattr(live, attname))
    page_type = registry.for_model(type(page))
    by_key = {(type(page), page.pk): page}
    for obj in parts:
        by_key[(type(obj), obj.pk)] = obj
    children = {}
    for obj in parts:
        part = page_type.part_for(type(obj))
        field = part.parent_field
        parent = by_key.get((field.related_model, getattr(obj, field.attname)))
        if parent is not None:
            field.set_cached_value(obj, parent)
        children.setdefault((id(parent), part.model), (parent, []))[1].append(obj)
    for obj in [page, *parts]:
        obj._prefetched_objects_cache = {}
        for part in page_type.parts_below(type(obj)):
            if part.parent_field.related_model is type(obj):
                _attach(obj, part, children.get((id(obj), part.model), (obj, []))[1])
    return page


def _attach(parent, part, rows):
    key, descending = _sort_key(part.model)
    rows = sorted(rows, key=key, reverse=descending)
    queryset = part.model._default_manager.none()  # a filter on it never reads live rows
    queryset._result_cache, queryset._prefetch_done = rows, True
    parent._prefetched_objects_cache[part.parent_field.remote_field.cache_name] = queryset


def part_of(page, model, pk):
    """The in-memory part ``model`` #``pk`` of a ``cluster`` page, or None."""
    page_type = registry.for_model(type(page))
    stack = [page]
    while stack:
        obj = stack.pop()
        if type(obj) is model and obj.pk == pk:
            return obj
        for part in page_type.parts_below(type(obj)):
            if part.parent_field.related_model is type(obj):
                name = part.parent_field.remote_field.cache_name
                stack.extend(obj._prefetched_objects_cache.get(name) or [])
    return None


def apply(page, data):
    """Make the page and its parts equal to ``data``; publishing state stays as it is.
    Refuses a snapshot that no longer fits (``problems``) before writing anything."""
    if found := problems(data):
        raise ValueError(" ".join(found))
    page_type = registry.for_model(type(page))
    restored, *parts = _deserialize(data)
    with transaction.atomic():
        current = type(page)._default_manager.select_for_update().get(pk=page.pk)
        obj = restored.object
        for name in [*KEPT_FIELDS, *_predated(data, type(page))]:
            attname = type(page)._meta.get_field(name).attname
            setattr(obj, attname, getattr(current, attname))
        obj.pk = current.pk
        obj.updated_at = timezone.now()
        obj.save()
        _set_m2m(restored)
        # Children first, so no delete leaves a part pointing at a missing parent.
        for part in reversed(page_type.parts):
            lookup = page_type.path_to_page(part.model)
            part.model._default_manager.filter(**{lookup: page.pk}).delete()
        _insert(page_type, parts)
    return obj


def _predated(data, model):
    """The page's fields a snapshot predates: one taken before a field existed leaves the
    page's value as it is (a revision from before languages were published one by one
    unpublishes none; one from before pages had a role takes none away)."""
    stored = set(data["page"].get("fields", {}))
    # A translated field is in the snapshot if any of its columns is, or its plain name (a
    # revision from before fields were translated holds "title" alone: its English).
    for name in translated_fields(model):
        every = {name, *columns(model, name)}
        if stored & every:
            stored |= every
    return [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in stored
    ]


def _set_m2m(deserialized):
    for name, keys in (deserialized.m2m_data or {}).items():
        getattr(deserialized.object, name).set(keys)


def _insert(page_type, parts):
    """Insert the parts with their old keys, or new ones where a key is taken since.

    A key is taken when another page's part got it meanwhile (SQLite hands out the keys of
    rolled-back drafts again), so children follow their parent's new key.
    """
    new_keys = {}
    by_model = {}
    for each in parts:
        by_model.setdefault(type(each.object), []).append(each)
    for part in page_type.parts:
        rows = by_model.get(part.model, [])
        taken = set(
            part.model._default_manager.filter(pk__in=[d.object.pk for d in rows]).values_list(
                "pk", flat=True
            )
        )
        parent = part.parent_field
        for each in rows:
            obj = each.object
            key = (parent.related_model, getattr(obj, parent.attname))
            if key in new_keys:
                setattr(obj, parent.attname, new_keys[key])
            old_pk = obj.pk
            if old_pk in taken or is_new_key(old_pk):
                obj.pk = None
            obj.save(force_insert=True)
            _set_m2m(each)
            new_keys[(part.model, old_pk)] = obj.pk
