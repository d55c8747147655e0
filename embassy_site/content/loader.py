"""Importing content files: check everything first, then write it all in one transaction.

Every object is checked with the model's own ``full_clean`` before anything is written, and
every problem in every file is collected, so an operator fixes a file in one pass. Rows are
found by their natural keys (a relation's slug, a milestone's relation and slug, ...) in a
few queries per model, and written with ``bulk_create``/``bulk_update``.

Import adds and changes; it never deletes. A key left out of an object keeps the current
value of an existing row (a new row gets the model's default); write ``null`` or ``""`` to
clear a value.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import DatabaseError, router, transaction
from django.db.models.signals import pre_save
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from embassy_site.publishing import Publishable
from notices.validators import CHECKED_KIND

from . import reader
from .dates import parse_moment, parse_partial_date
from .reader import Problem
from .schema import (
    ALL_KINDS,
    ATTACHMENTS,
    CATEGORIES,
    DATE_ATTRS,
    MOMENT_KEYS,
    NOTICES,
    ORDER_STEP,
    TOP_LEVEL,
)

BATCH = 500
# The change reason on the versions an import records, so the history says where they came from.
REASON = "Imported with manage.py import_content"
SCALARS = (str, int, float, bool, type(None))
OUTCOMES = ("created", "updated", "unchanged")


class ContentError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems, *, heading=None):
        self.problems = problems
        self.heading = heading or (
            f"Nothing was imported: {len(problems)} "
            f"problem{'s' if len(problems) != 1 else ''} to fix first."
        )
        super().__init__(str(self))

    def __str__(self):
        return "\n".join([self.heading, *(f"  {problem}" for problem in self.problems)])


@dataclass(eq=False)
class Item:
    """One object from a file, on its way to a row."""

    kind: object
    doc: reader.Document
    data: dict
    path: str  # relations[0].milestones[3]
    position: int
    parent: "Item | None"
    key: object = None  # the object's own key, converted: a slug, a start year, a title
    obj: object = None
    outcome: str = ""
    source: Path | None = None  # an attachment's file
    bad_fields: set = field(default_factory=set)
    changed: tuple = ()  # the attributes an update changes
    duplicate: bool = False  # a second object with a taken key: checked, never matched
    checked_kind: str = ""  # an attachment's type, found once by the validator

    @property
    def where(self):
        return self.path if self.key is None else f"{self.path} ({self.key})"

    @property
    def natural_key(self):
        if self.key is None:
            return None
        if self.parent is None:
            return (self.key,)
        parent_key = self.parent.natural_key
        return None if parent_key is None else (*parent_key, self.key)


def has_history(model):
    """Whether the model keeps versions (django-simple-history): bulk writes must add them."""
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


def _format_key(model_field):
    return "date" if model_field in DATE_ATTRS else model_field


def _sha256(opened):
    digest = hashlib.sha256()
    for chunk in iter(lambda: opened.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _chunks(values, size=BATCH):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Importer:
    def __init__(self, paths):
        self.paths = paths
        self.problems: list[Problem] = []
        self.items = {kind: [] for kind in ALL_KINDS}
        self.seen = {kind: {} for kind in ALL_KINDS}
        self.counts = {kind: Counter() for kind in ALL_KINDS}
        self.database = router.db_for_write(ALL_KINDS[0].model)

    # Reporting ---------------------------------------------------------------------------

    def problem(self, item, message, key=""):
        if item is not None and key:
            if key in item.bad_fields:
                return  # one message per field is enough
            item.bad_fields.add(key)
        line = item.doc.line_of(item.data, key or None) if item is not None else None
        self.problems.append(
            Problem(item.doc.name, message, where=item.where, field=key, line=line)
        )

    # The steps ---------------------------------------------------------------------------

    def run(self, dry_run=False):
        """Check all files, then write them unless ``dry_run``. Returns the counts per kind."""
        files, self.problems = reader.expand(self.paths)
        for path in files:
            document, problems = reader.read(path)
            self.problems.extend(problems)
            if document is not None:
                self.collect_document(document)
        for kind in ALL_KINDS:
            self.build(kind)
        if self.problems:
            # File by file in the order given, then top to bottom, as a person reads them.
            order = {name: index for index, name in enumerate(map(str, files))}
            self.problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))
            raise ContentError(self.problems)
        self.stamp_changed_parents()
        if not dry_run:
            self.write()
        return self.counts

    def collect_document(self, doc):
        data = doc.data
        if data is None:
            self.problems.append(Problem(doc.name, "the file is empty"))
            return
        allowed = ", ".join(kind.list_key for kind in TOP_LEVEL)
        if not isinstance(data, dict):
            self.problems.append(
                Problem(doc.name, f"the file must hold a mapping with the lists {allowed}")
            )
            return
        by_key = {kind.list_key: kind for kind in TOP_LEVEL}
        for key in data:
            if key not in by_key:
                self.problems.append(
                    Problem(
                        doc.name,
                        f"unknown top-level key; expected {allowed}",
                        field=str(key),
                        line=doc.line_of(data, key),
                    )
                )
        for kind in TOP_LEVEL:
            if kind.list_key in data:
                self.collect(doc, kind, data, kind.list_key, None)

    def collect(self, doc, kind, container, path, parent):
        entries = container[kind.list_key]
        if entries is None:
            return
        if not isinstance(entries, list):
            where = parent.where if parent else ""
            self.problems.append(
                Problem(
                    doc.name,
                    "must be a list of objects (each starting with “- ” in YAML)",
                    where=where,
                    field=kind.list_key,
                    line=doc.line_of(container, kind.list_key),
                )
            )
            return
        for position, data in enumerate(entries):
            item_path = f"{path}[{position}]"
            if not isinstance(data, dict):
                self.problems.append(
                    Problem(
                        doc.name,
                        "must be an object with named fields (key: value)",
                        where=item_path,
                        line=doc.line_of(container, kind.list_key),
                    )
                )
                continue
            item = Item(kind, doc, data, item_path, position, parent)
            self.check_keys(item)
            self.register(item)
            self.items[kind].append(item)
            for child in kind.children:
                if child.list_key in data:
                    self.collect(doc, child, data, f"{item_path}.{child.list_key}", item)

    def check_keys(self, item):
        kind = item.kind
        raw = item.data.get(kind.key)
        if raw not in (None, ""):
            model_field = kind.model._meta.get_field(kind.key)
            try:
                item.key = model_field.to_python(raw) if isinstance(raw, SCALARS) else None
            except ValidationError as error:
                self.problem(item, " ".join(error.messages), kind.key)
            if not isinstance(raw, SCALARS):
                self.problem(item, "must be a single value, not a list or an object", kind.key)
        for key in item.data:
            if key not in kind.keys:
                hint = ", ".join(kind.keys)
                self.problem(item, f"unknown field; {kind.list_key} take: {hint}", str(key))
        for key in sorted(kind.required):
            if key in item.data and item.data[key] in (None, ""):
                self.problem(item, "this field is required", key)

    def register(self, item):
        """Refuse a second object with the same key, but keep checking it and its children."""
        natural_key = item.natural_key
        if natural_key is None:
            return
        first = self.seen[item.kind].get(natural_key)
        if first is not None:
            elsewhere = "" if first.doc is item.doc else f" in {first.doc.name}"
            self.problem(
                item,
                f"“{item.key}” is already used by {first.path}{elsewhere}; "
                f"each {item.kind.model._meta.verbose_name} needs its own {item.kind.key}",
                item.kind.key,
            )
            item.duplicate = True
            return
        self.seen[item.kind][natural_key] = item

    # Matching and checking ---------------------------------------------------------------

    def existing(self, kind, items):
        """Rows already in the database, by (parent's pk or None, own key)."""
        model, manager = kind.model, kind.model._default_manager
        if kind.parent is None:
            keys = {item.key for item in items if item.key is not None}
            rows = {}
            for chunk in _chunks(keys):
                for row in manager.filter(**{f"{kind.key}__in": chunk}):
                    rows[(None, getattr(row, kind.key))] = row
            return rows
        parent_pks = {item.parent.obj.pk for item in items if item.parent.obj.pk is not None}
        rows = {}
        parent_attname = model._meta.get_field(kind.parent).attname
        for chunk in _chunks(parent_pks):
            for row in manager.filter(**{f"{kind.parent}__in": chunk}):
                rows[(getattr(row, parent_attname), getattr(row, kind.key))] = row
        return rows

    def categories(self):
        """Categories by slug: those in the files, then those already in the database."""
        known = {item.key: item.obj for item in self.items[CATEGORIES] if item.key is not None}
        wanted = {
            item.data.get("category")
            for item in self.items[NOTICES]
            if isinstance(item.data.get("category"), str)
        } - set(known)
        for chunk in _chunks(wanted):
            for category in CATEGORIES.model._default_manager.filter(slug__in=chunk):
                known[category.slug] = category
        return known

    def build(self, kind):
        items = self.items[kind]
        if not items:
            return
        rows = self.existing(kind, items)
        categories = self.categories() if kind is NOTICES else None
        attnames = kind.attnames()
        exclude = [f.name for f in kind.model._meta.concrete_fields if f.is_relation]
        for item in items:
            parent_pk = item.parent.obj.pk if item.parent is not None else None
            matchable = item.key is not None and not item.duplicate
            row = rows.get((parent_pk, item.key)) if matchable else None
            item.obj = row if row is not None else kind.model()
            if row is None:  # an existing row keeps the values of keys left out
                for key in sorted(kind.required - set(item.data)):
                    self.problem(item, "this field is required", key)
            before = {name: getattr(row, name) for name in attnames} if row else None
            if kind.parent is not None:
                setattr(item.obj, kind.parent, item.parent.obj)
            self.apply(item, categories)
            if kind is ATTACHMENTS:
                self.check_attachment(item, exclude, before)
                continue
            if not self.full_clean(item, exclude):
                continue
            self.derive(item.obj)
            if row is None:
                item.outcome = "created"
            else:
                item.changed = tuple(a for a in attnames if getattr(item.obj, a) != before[a])
                item.outcome = "updated" if item.changed else "unchanged"
            self.counts[kind][item.outcome] += 1

    def stamp_changed_parents(self):
        """A relation or notice whose parts changed is updated too: its page shows a new date."""
        for kind in ALL_KINDS:
            for item in self.items[kind]:
                if item.parent is None or item.outcome not in ("created", "updated"):
                    continue
                root = item.parent
                while root.parent is not None:
                    root = root.parent
                if root.outcome == "unchanged":  # only updated_at changes: update() adds it
                    root.outcome = "updated"
                    self.counts[root.kind]["unchanged"] -= 1
                    self.counts[root.kind]["updated"] += 1

    def apply(self, item, categories):
        obj, kind = item.obj, item.kind
        for key in kind.keys:
            if key not in item.data or key in item.bad_fields:
                continue
            value = item.data[key]
            if any(key == child.list_key for child in kind.children):
                continue
            try:
                if key == "date":
                    obj.year, obj.month, obj.day, obj.precision = parse_partial_date(value)
                elif key in MOMENT_KEYS:
                    setattr(obj, key, parse_moment(value))
                elif key == "category":
                    if not isinstance(value, str) or value not in categories:
                        # Only on error: every category an operator could name, not just the wanted.
                        stored = CATEGORIES.model._default_manager.values_list("slug", flat=True)
                        choices = ", ".join(sorted(set(categories) | set(stored))) or "none yet"
                        raise ValueError(
                            f"there is no category “{value}”; add it under categories "
                            f"or use one of: {choices}"
                        )
                    obj.category = categories[value]
                elif key == "file":
                    self.find_file(item, value)
                elif not isinstance(value, SCALARS):
                    raise ValueError("must be a single value, not a list or an object")
                else:
                    model_field = kind.model._meta.get_field(key)
                    if value is None and not model_field.null and model_field.empty_strings_allowed:
                        value = ""
                    setattr(obj, model_field.attname, value)
            except ValueError as error:
                self.problem(item, str(error), key)
        if kind.ordered:
            obj.order = (item.position + 1) * ORDER_STEP

    def find_file(self, item, value):
        """The attachment's file, which must lie in the content file's folder or below it.

        Symlinks are followed before the check, and the message names the path as written
        whatever is there: an import must not read, publish or reveal files elsewhere.
        """
        if not isinstance(value, str):
            raise ValueError("must be a path to a file, relative to this content file")
        folder = item.doc.path.parent.resolve()
        outside = ValueError(
            f"“{value}” is not in the folder of this content file or below it; "
            "attachments must be, given by a relative path such as files/form.pdf"
        )
        if "\x00" in value or Path(value).is_absolute():
            raise outside
        try:
            source = (folder / value).resolve()
        except (OSError, RuntimeError):  # a symlink loop
            raise outside from None
        if not source.is_relative_to(folder):
            raise outside
        if not source.is_file():
            raise ValueError(f"there is no file “{value}” next to this content file")
        item.source = source

    def full_clean(self, item, exclude):
        # Relations are resolved by natural key above; checking them again would cost a query
        # per object. Uniqueness is the natural-key matching itself, for the same reason.
        try:
            item.obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for model_field, messages in error.message_dict.items():
                key = "" if model_field == NON_FIELD_ERRORS else _format_key(model_field)
                self.problem(item, " ".join(messages), key)
            return False
        return True

    def derive(self, obj):
        # bulk_create/bulk_update skip save() and its signals, so what the models derive on
        # the way in (the partial date's ``date``, sanitised HTML) is derived here, the same
        # way, before comparing with the stored row.
        pre_save.send(
            sender=type(obj), instance=obj, raw=False, using=self.database, update_fields=None
        )

    def check_attachment(self, item, exclude, before):
        obj = item.obj
        if item.source is None:
            self.full_clean(item, exclude)
            return
        stored_name = obj.file.name if before else None
        with item.source.open("rb") as opened:
            obj.file = File(opened, name=item.source.name)
            valid = self.full_clean(item, exclude)
            item.checked_kind = getattr(obj.file, CHECKED_KIND, "")
            same_file = False
            if valid and stored_name:
                digest = _sha256(opened)
                try:
                    with obj.file.storage.open(stored_name, "rb") as stored:
                        same_file = _sha256(stored) == digest
                except OSError:
                    same_file = False
            opened.seek(0)
        if not valid:
            return
        if same_file:
            obj.file = stored_name
            item.source = None  # nothing to store
            item.outcome = "unchanged" if obj.order == before["order"] else "updated"
        else:
            item.outcome = "updated" if before else "created"
        self.counts[ATTACHMENTS][item.outcome] += 1

    # Writing -----------------------------------------------------------------------------

    def write(self):
        stored, replaced = [], []
        now = timezone.now()
        try:
            with transaction.atomic(using=self.database):
                for kind in ALL_KINDS:
                    if kind is ATTACHMENTS:
                        self.write_attachments(stored, replaced)
                        continue
                    created = [i.obj for i in self.items[kind] if i.outcome == "created"]
                    if created:
                        self.create(kind, created)
                    self.update(kind, now)
                storage = ATTACHMENTS.model._meta.get_field("file").storage
                transaction.on_commit(
                    lambda: [storage.delete(name) for name in replaced], using=self.database
                )
        except (DatabaseError, OSError) as error:
            for name in stored:
                ATTACHMENTS.model._meta.get_field("file").storage.delete(name)
            raise ContentError(
                [], heading=f"Nothing was imported: the database refused the content: {error}"
            ) from error

    def create(self, kind, objs):
        if has_history(kind.model):
            bulk_create_with_history(
                objs, kind.model, batch_size=BATCH, default_change_reason=REASON
            )
        else:
            kind.model._default_manager.bulk_create(objs, batch_size=BATCH)

    def update(self, kind, now):
        # Grouped by what changed: bulk_update's cost grows with rows × fields, and a typical
        # edit touches one or two fields of many rows.
        groups = {}
        for item in self.items[kind]:
            if item.outcome == "updated":
                groups.setdefault(item.changed, []).append(item.obj)
        stamped = issubclass(kind.model, Publishable)
        for changed, objs in groups.items():
            fields = list(changed)
            if stamped:
                fields.append("updated_at")
                for obj in objs:
                    obj.updated_at = now
            if has_history(kind.model):
                bulk_update_with_history(
                    objs, kind.model, fields, batch_size=BATCH, default_change_reason=REASON
                )
            else:
                kind.model._default_manager.bulk_update(objs, fields, batch_size=BATCH)

    def write_attachments(self, stored, replaced):
        items = self.items[ATTACHMENTS]
        order_only = [i.obj for i in items if i.outcome == "updated" and i.source is None]
        if order_only:
            ATTACHMENTS.model._default_manager.bulk_update(order_only, ["order"])
        for item in items:
            if item.outcome not in ("created", "updated") or item.source is None:
                continue
            obj = item.obj
            old_name = obj.file.name if obj.pk else None
            obj.notice = item.parent.obj  # now saved, with its primary key
            with item.source.open("rb") as opened:
                obj.file = File(opened, name=item.source.name)
                setattr(obj.file, CHECKED_KIND, item.checked_kind)  # checked above: not again
                obj._change_reason = REASON
                obj.save()  # the model's own save: stores the file, its type, size and version
            stored.append(obj.file.name)
            if old_name:
                replaced.append(old_name)
