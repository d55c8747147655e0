"""A held draft's snapshot, built from the bound change form and its inlines in memory.

Saving an edit of a live page writes nothing to the page's tables: the form edits the
page (or part) as the draft or the live version has it, unsaved (``snapshots.cluster``),
and the draft's snapshot is that snapshot with the form's object and its inlines' rows put
in. What a save would derive on the way in (sanitised HTML, a partial date's ``date``, a
file's type and size) is derived the same way, by ``pre_save`` and the fields' own
``pre_save`` (which stores a new upload), as the import does for its bulk writes; nothing
is saved, so no ``post_save`` fires. A part new in the draft has a key of its own below
zero until the draft is applied (``snapshots.is_new_key``).
"""

import datetime

from django.db import models
from django.db.models.signals import pre_save

from . import snapshots
from .registry import registry


def derive(obj, using):
    """What ``save()`` would set on the way in, without saving: pre_save's receivers, the
    fields' pre_save (auto dates, storing an upload), aware times in UTC as stored."""
    adding = obj._state.adding or snapshots.is_new_key(obj.pk)
    pre_save.send(sender=type(obj), instance=obj, raw=False, using=using, update_fields=None)
    for field in obj._meta.concrete_fields:
        value = field.pre_save(obj, adding)
        if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
            if value.tzinfo is not None:
                setattr(obj, field.attname, value.astimezone(datetime.UTC))


def _row(obj, cleaned, old):
    """The snapshot row of an in-memory object: many-to-many keys from the form when it
    has them, else as they were (an unsaved object's relations are not read)."""
    (row,) = snapshots.rows([obj], many_to_many=False)
    for field in obj._meta.many_to_many:
        if field.name in cleaned:
            row["fields"][field.name] = sorted(item.pk for item in cleaned[field.name])
        elif old is not None and field.name in old["fields"]:
            row["fields"][field.name] = old["fields"][field.name]
    return row


def build(base, form, formsets, using):
    """``base`` (the draft's or the live version's snapshot) as the valid bound ``form``
    and ``formsets`` change it: the form's object, its inlines' rows replaced, added or
    removed, and any part left without its parent removed with it."""
    page_type = registry.for_model(type(form.instance))
    page_model = page_type.model
    label = snapshots.label
    page_row = base["page"]
    parts = {}  # (label, pk) -> row, in the base's order
    for row in base["parts"]:
        parts[(row["model"], row["pk"])] = row
    new_key = min([0, *(pk for (_m, pk) in parts if snapshots.is_new_key(pk))]) - 1
    gone = set()

    obj = form.instance
    if obj.pk is None:  # a part added to the live page
        obj.pk, new_key = new_key, new_key - 1
    derive(obj, using)
    if type(obj) is page_model:
        page_row = _row(obj, form.cleaned_data, page_row)
    else:
        key = (label(type(obj)), obj.pk)
        parts[key] = _row(obj, form.cleaned_data, parts.get(key))
    for formset in formsets:
        for each in formset.forms:
            instance = each.instance
            setattr(instance, formset.fk.attname, formset.instance.pk)  # a new parent's key
            if formset._should_delete_form(each):
                if instance.pk is not None:  # its parts go with it, below
                    gone.add((label(type(instance)), instance.pk))
                continue
            if each in formset.extra_forms and not each.has_changed():
                continue
            if instance.pk is None:
                instance.pk, new_key = new_key, new_key - 1
            derive(instance, using)
            key = (label(type(instance)), instance.pk)
            parts[key] = _row(instance, each.cleaned_data, parts.get(key))
    kept = {(page_row["model"], page_row["pk"])}
    ordered = []
    for part in page_type.parts:  # parents first: a part whose parent is gone goes too
        name, parent = label(part.model), part.parent_field
        parent_label = label(parent.related_model)
        for key, row in parts.items():
            if key[0] != name or key in gone:
                continue
            if (parent_label, row["fields"].get(parent.name)) in kept:
                kept.add(key)
                ordered.append(row)
    return {"format": snapshots.FORMAT, "page": page_row, "parts": ordered}
