"""Reading: documents from the files become items, each with its kind, key and parent."""

from django.core.exceptions import ValidationError

from .. import content_translations
from .items import SCALARS, Item
from .reader import Problem


class Collecting:
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
        if kind.single:
            self.collect_single(doc, kind, container, entries)
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

    def collect_single(self, doc, kind, container, data):
        """One object under its key (the contact record): given once in all the files."""
        if not isinstance(data, dict):
            self.problems.append(
                Problem(
                    doc.name,
                    "must be an object with named fields (key: value)",
                    field=kind.list_key,
                    line=doc.line_of(container, kind.list_key),
                )
            )
            return
        item = Item(kind, doc, data, kind.list_key, 0, None)
        for first in self.items[kind]:
            elsewhere = "" if first.doc is doc else f" in {first.doc.name}"
            self.problem(item, f"is already given{elsewhere}; give it once", kind.list_key)
            item.duplicate = True
        self.check_keys(item)
        self.items[kind].append(item)
        for child in kind.children:
            if child.list_key in data:
                self.collect(doc, child, data, f"{kind.list_key}.{child.list_key}", item)

    def check_keys(self, item):
        kind = item.kind
        raw = item.data.get(kind.key) if kind.key is not None else None
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
