"""Importing content files: check everything first, then write it all in one transaction.

Every object is checked with the model's own ``full_clean`` before anything is written, and
every problem in every file is collected, so an operator fixes a file in one pass. Rows are
found by their natural keys (a relation's slug, a milestone's relation and slug, ...) in a
few queries per model, and written with ``bulk_create``/``bulk_update``.

Import adds and changes; it never deletes. A key left out of an object keeps the current
value of an existing row (a new row gets the model's default); write ``null`` or ``""`` to
clear a value.
"""

import getpass
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import DatabaseError, router, transaction
from django.db.models.signals import pre_save
from django.utils import timezone

from publishing import content_translations, revisions
from publishing.files import CHECKED_KIND
from publishing.models import Publishable, Revision
from publishing.registry import registry
from publishing.signals import pages_changed
from publishing.translated import english_field

from . import reader
from .dates import parse_moment, parse_partial_date
from .reader import Problem
from .schema import DATE_ATTRS, MOMENT_KEYS, ORDER_STEP, all_kinds, top_level

BATCH = 500
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
    def __init__(self, paths, author=None):
        self.paths = paths
        self.author = author  # the user the revisions name; None: the operator's note says
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # imported all the same, but worth a look
        self.top_level = top_level()
        self.kinds = all_kinds()
        self.items = {kind: [] for kind in self.kinds}
        self.seen = {kind: {} for kind in self.kinds}
        self.counts = {kind: Counter() for kind in self.kinds}
        self.database = router.db_for_write(self.kinds[0].model)

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
        for kind in self.kinds:
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
        allowed = ", ".join(kind.list_key for kind in self.top_level)
        if not isinstance(data, dict):
            self.problems.append(
                Problem(doc.name, f"the file must hold a mapping with the lists {allowed}")
            )
            return
        by_key = {kind.list_key: kind for kind in self.top_level}
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
        for kind in self.top_level:
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
            if key not in kind.keys and key != content_translations.KEY:
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

    def referenced(self, kind):
        """{key: {name: row}} for each reference of ``kind`` (a notice's category by slug):
        rows from the files first, then those already in the database."""
        found = {}
        for key, target in kind.references.items():
            known = {i.key: i.obj for i in self.items[target] if i.key is not None}
            wanted = {i.data.get(key) for i in self.items[kind]}
            wanted = {value for value in wanted if isinstance(value, str)} - set(known)
            for chunk in _chunks(wanted):
                for row in target.model._default_manager.filter(**{f"{target.key}__in": chunk}):
                    known[getattr(row, target.key)] = row
            found[key] = known
        return found

    def build(self, kind):
        items = self.items[kind]
        if not items:
            return
        rows = self.existing(kind, items)
        references = self.referenced(kind)
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
            self.apply(item, references)
            if kind.file_key:
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
        for kind in self.kinds:
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

    def apply(self, item, references):
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
                elif key in kind.references:
                    setattr(obj, key, self.reference(kind.references[key], references[key], value))
                elif key == kind.file_key:
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
        if content_translations.KEY in item.data:
            found = content_translations.apply(obj, kind, item.data[content_translations.KEY])
            for message, key in found:
                self.problem(item, message, key)
            for key, message in content_translations.doubts(obj, kind):
                self.warnings.append(Problem(item.doc.name, message, where=item.where, field=key))
        if kind.ordered:
            obj.order = (item.position + 1) * ORDER_STEP

    @staticmethod
    def reference(target, known, value):
        if isinstance(value, str) and value in known:
            return known[value]
        # Only on error: every name an operator could use, not just the ones wanted.
        stored = target.model._default_manager.values_list(target.key, flat=True)
        choices = ", ".join(sorted(set(known) | set(stored))) or "none yet"
        raise ValueError(
            f"there is no {target.model._meta.verbose_name} “{value}”; add it under "
            f"{target.list_key} or use one of: {choices}"
        )

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
                model_field = english_field(type(item.obj), model_field)  # title_en: title
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
        obj, file_key = item.obj, item.kind.file_key
        if item.source is None:
            self.full_clean(item, exclude)
            return
        stored_name = getattr(obj, file_key).name if before else None
        with item.source.open("rb") as opened:
            setattr(obj, file_key, File(opened, name=item.source.name))
            valid = self.full_clean(item, exclude)
            item.checked_kind = getattr(getattr(obj, file_key), CHECKED_KIND, "")
            same_file = False
            if valid and stored_name:
                digest = _sha256(opened)
                try:
                    with getattr(obj, file_key).storage.open(stored_name, "rb") as stored:
                        same_file = _sha256(stored) == digest
                except OSError:
                    same_file = False
            opened.seek(0)
        if not valid:
            return
        if same_file:
            setattr(obj, file_key, stored_name)
            item.source = None  # nothing to store
            item.outcome = "unchanged" if obj.order == before["order"] else "updated"
        else:
            item.outcome = "updated" if before else "created"
        self.counts[item.kind][item.outcome] += 1

    # Writing -----------------------------------------------------------------------------

    def write(self):
        stored, replaced = [], []
        now = timezone.now()
        try:
            with transaction.atomic(using=self.database):
                self.record_baselines()
                for kind in self.kinds:
                    if kind.file_key:
                        self.write_files(kind, stored, replaced)
                        continue
                    created = [i.obj for i in self.items[kind] if i.outcome == "created"]
                    if created:
                        self.create(kind, created)
                    self.update(kind, now)
                transaction.on_commit(
                    lambda: [storage.delete(name) for storage, name in replaced],
                    using=self.database,
                )
                self.record_revisions()
                transaction.on_commit(self.announce, using=self.database)
        except (DatabaseError, OSError) as error:
            for storage, name in stored:
                storage.delete(name)
            raise ContentError(
                [], heading=f"Nothing was imported: the database refused the content: {error}"
            ) from error

    def changed_pages(self):
        """(page model, [(item, ...)]) for each page type the files change."""
        for kind in self.top_level:
            if registry.for_model(kind.model) is not None:  # not a lookup list (categories)
                items = [i for i in self.items[kind] if i.outcome in ("created", "updated")]
                if items:
                    yield kind.model, items

    def record_baselines(self):
        """Pages about to change that have no revision yet keep their state as a baseline."""
        for model, items in self.changed_pages():
            existing = [i.obj.pk for i in items if i.obj.pk is not None]
            fresh = revisions.without_revisions(model, existing)
            if fresh:
                note = "Content as it was before the import."
                revisions.record_many(model, sorted(fresh), Revision.Kind.BASELINE, note=note)

    def record_revisions(self):
        """One revision per imported page, naming the operator and the file."""
        operator = self.author.get_username() if self.author else getpass.getuser()
        for model, items in self.changed_pages():
            by_file = {}
            for item in items:
                by_file.setdefault(item.doc.name, []).append(item.obj.pk)
            for name, pks in by_file.items():
                note = f"Imported from {Path(name).name} by {operator} (manage.py import_content)"
                revisions.record_many(
                    model, pks, Revision.Kind.IMPORT, author=self.author, note=note
                )

    def announce(self):
        """Tell search and caches which pages changed: bulk writes send no post_save."""
        for model, items in self.changed_pages():
            pages_changed.send(sender=model, pks=[item.obj.pk for item in items])

    def create(self, kind, objs):
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
            kind.model._default_manager.bulk_update(objs, fields, batch_size=BATCH)

    def write_files(self, kind, stored, replaced):
        items = self.items[kind]
        storage = kind.model._meta.get_field(kind.file_key).storage
        order_only = [i.obj for i in items if i.outcome == "updated" and i.source is None]
        if order_only and kind.ordered:
            kind.model._default_manager.bulk_update(order_only, ["order"])
        for item in items:
            if item.outcome not in ("created", "updated") or item.source is None:
                continue
            obj = item.obj
            old_name = getattr(obj, kind.file_key).name if obj.pk else None
            setattr(obj, kind.parent, item.parent.obj)  # now saved, with its primary key
            with item.source.open("rb") as opened:
                setattr(obj, kind.file_key, File(opened, name=item.source.name))
                # Checked above: the model's save takes the validator's finding, not again.
                setattr(getattr(obj, kind.file_key), CHECKED_KIND, item.checked_kind)
                obj.save()  # the model's own save: stores the file, its type, size and version
            stored.append((storage, getattr(obj, kind.file_key).name))
            if old_name:
                replaced.append((storage, old_name))
