"""Lists outside the page types (``registry.Content``): a whole list, whose stored rows
are matched by position and removed beyond the file's (a menu's items, the week's hours),
and a generic relation naming a page of any type as ``MODEL:KEY`` (a menu item's target).
"""

from ..registry import registry
from .items import _chunks


class Wholes:
    def existing_whole(self, kind):
        """A whole list's stored rows by (parent's pk, position in the site's order), and
        those beyond the file's list, to be removed, for each object that gives the list."""
        parents = {}
        for above in self.kinds:
            if kind in above.children:
                for item in self.items[above]:
                    given = item.data.get(kind.list_key)
                    if isinstance(given, list) and item.obj is not None and item.obj.pk:
                        parents[item.obj.pk] = (item, len(given))
        rows, stored = {}, {}
        parent_attname = kind.model._meta.get_field(kind.parent).attname
        manager = kind.model._default_manager
        for chunk in _chunks(parents):
            for row in manager.filter(**{f"{kind.parent}__in": chunk}).order_by(*kind.ordering()):
                stored.setdefault(getattr(row, parent_attname), []).append(row)
        for parent_pk, found in stored.items():
            parent, given = parents[parent_pk]
            rows.update({(parent_pk, position): row for position, row in enumerate(found)})
            removed = found[given:]
            if removed:
                self.removed[kind].extend(row.pk for row in removed)
                self.counts[kind]["removed"] += len(removed)
                self.stamp(parent)
        return rows

    def referenced_pages(self, kind):
        """{(model name, key): row} of the pages ``kind`` names by ``MODEL:KEY`` (a menu
        item's target): from the files first, then from the database, one query a type."""
        found = {}
        for key in kind.pages:
            wanted = {}
            for item in self.items[kind]:
                value = item.data.get(key)
                if isinstance(value, str) and ":" in value:
                    name, _, page_key = value.partition(":")
                    wanted.setdefault(name, set()).add(page_key)
            for name, keys in wanted.items():
                target = self.page_kinds().get(name)
                if target is None:
                    continue
                for i in self.items[target]:
                    if i.key in keys and not i.duplicate and i.obj is not None:
                        found[name, i.key] = i.obj
                missing = [k for k in keys if (name, k) not in found]
                for chunk in _chunks(missing):
                    rows = target.model._default_manager.filter(
                        **{f"{target.key_column}__in": chunk}
                    )
                    for row in rows:
                        found[name, getattr(row, target.key_column)] = row
        return found

    def page_kinds(self):
        """{model name: top-level Kind} of every page type: what ``MODEL:KEY`` names."""
        return {
            kind.model._meta.model_name: kind
            for kind in self.top_level
            if registry.for_model(kind.model) is not None and kind.parent is None
        }

    def point_at(self, item, key, value, found):
        """Set a generic relation (a menu item's target) to the page ``MODEL:KEY`` names."""
        if value in (None, ""):
            setattr(item.obj, item.kind.model._meta.get_field(key).ct_field, None)
            setattr(item.obj, item.kind.model._meta.get_field(key).fk_field, None)
            return
        kinds = self.page_kinds()
        examples = ", ".join(f"{name}:{kind.key.upper()}" for name, kind in kinds.items())
        name, _, page_key = value.partition(":") if isinstance(value, str) else ("", "", "")
        target = kinds.get(name)
        if target is None or not page_key:
            raise ValueError(f"“{value}” names no page; write one of {examples}")
        row = found.get((name, page_key))
        if row is None:
            raise ValueError(
                f"there is no {target.model._meta.verbose_name} with the {target.key} "
                f"“{page_key}”; add it under {target.list_key} or correct the {key}"
            )
        setattr(item.obj, key, row)  # its type and id, and the page itself, kept for later

    def stamp(self, item):
        """A changed list under an object changes the object (its page shows a new date)."""
        while item.parent is not None:
            item = item.parent
        if item.outcome == "unchanged":
            item.outcome = "updated"
            self.counts[item.kind]["unchanged"] -= 1
            self.counts[item.kind]["updated"] += 1

    def resolve_pages(self, kind):
        """Pages named by ``MODEL:KEY`` that this import creates have their ids now."""
        for item in self.items[kind]:
            for key in kind.pages:
                field = kind.model._meta.get_field(key)
                target = field.get_cached_value(item.obj, None)
                if target is not None:
                    setattr(item.obj, field.fk_field, target.pk)
