"""What an import checks across all the items of a list at once, rather than item by item:
the stored rows they match, found for the whole list in a few queries; the rows they
reference, from the files first (an item may name another the same import adds); slugs
that clash with each other or with stored pages; and a parent updated when its parts are.
"""

from .. import slugs
from .checking import format_field
from .items import _chunks, _format_key


class ListChecks:
    """For ``Importer``: ``Checking.build`` calls these for each list."""

    def existing(self, kind, items):
        """Rows already in the database, by (parent's pk or None, own key)."""
        model, manager = kind.model, kind.model._default_manager
        if kind.single:
            row = manager.order_by("pk").first()
            return {} if row is None else {(None, None): row}
        if kind.whole:
            return self.existing_whole(kind)
        if kind.parent is None:
            keys = {item.key for item in items if item.key is not None}
            rows = {}
            for chunk in _chunks(keys):
                for row in manager.filter(**{f"{kind.key_column}__in": chunk}):
                    rows[(None, getattr(row, kind.key_column))] = row
            return rows
        parent_pks = {item.parent.obj.pk for item in items if item.parent.obj.pk is not None}
        rows = {}
        parent_attname = model._meta.get_field(kind.parent).attname
        for chunk in _chunks(parent_pks):
            for row in manager.filter(**{f"{kind.parent}__in": chunk}):
                rows[(getattr(row, parent_attname), getattr(row, kind.key_column))] = row
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
                rows = target.model._default_manager.filter(**{f"{target.key_column}__in": chunk})
                for row in rows:
                    known[getattr(row, target.key_column)] = row
            found[key] = known
        return found

    def check_slugs(self, kind, items):
        """Translated slugs name one page each, in any language: one query for the list
        (Checking.full_clean skips uniqueness, which would cost one per object)."""
        if not slugs.slug_columns(kind.model, kind.key):
            return
        found = slugs.clashes_many([item.obj for item in items if item.obj is not None])
        for item in items:
            for field, message in found.get(id(item.obj), {}).items():
                self.problem(item, str(message), _format_key(format_field(kind.model, field)))

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

    @staticmethod
    def pending_references(item):
        """References to rows this import creates (a new image): their ids are not known
        yet, so they change the row whatever it holds."""
        for key in (*item.kind.references, *item.kind.pages):
            field = item.kind.model._meta.get_field(key)
            target = field.get_cached_value(item.obj, None)
            if target is not None and target.pk is None:
                yield field.fk_field if key in item.kind.pages else f"{key}_id"

    @staticmethod
    def reference(target, known, value):
        if isinstance(value, str) and value in known:
            return known[value]
        # Only on error: every name an operator could use, not just the ones wanted.
        stored = target.model._default_manager.values_list(target.key_column, flat=True)
        choices = ", ".join(sorted(set(known) | set(stored))) or "none yet"
        raise ValueError(
            f"there is no {target.model._meta.verbose_name} “{value}”; add it under "
            f"{target.list_key} or use one of: {choices}"
        )
