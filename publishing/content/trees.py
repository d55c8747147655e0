"""Trees: a top-level list whose key names each object's parent in the same list (a page's
address, "consular-services/passports", names "consular-services").

Objects are checked parents first whatever their order in the files, each placed under
its parent from the files or from the database, and written level by level, so a new
page may sit under a new page. A key's parent is always a shorter key, so a cycle cannot
be written.
"""

from ..translated import columns
from .items import _chunks


class Trees:
    def tree_order(self, kind, items):
        """The items parents first, and the stored rows their parents' keys name."""
        ordered = sorted(items, key=lambda item: kind.depth(item.key))
        wanted = {kind.tree.parent_key(i.key) for i in items if i.key is not None}
        in_files = {i.key for i in items if i.key is not None}
        wanted = {key for key in wanted if key is not None} - in_files
        stored = {}
        for chunk in _chunks(wanted):
            for row in kind.model._default_manager.filter(**{f"{kind.key_column}__in": chunk}):
                stored[getattr(row, kind.key_column)] = row
        self.tree_parents = stored
        return ordered

    def place(self, item):
        """Put the object under its parent; False (and a problem) where there is none."""
        kind = item.kind
        parent_key = kind.tree.parent_key(item.key) if item.key is not None else None
        parent = None
        if parent_key is not None:
            first = self.seen[kind].get((parent_key,))
            parent = first.obj if first is not None else self.tree_parents.get(parent_key)
            if parent is None:
                self.problem(
                    item,
                    f"there is no {kind.model._meta.verbose_name} “{parent_key}” to place it "
                    f"under; add it to {kind.list_key} or correct the {kind.key}",
                    kind.key,
                )
                return False
        setattr(item.obj, kind.tree.parent, parent)
        return True

    def keeps_its_key(self, item):
        """After the row derived its key from its parent and own fields (a page's address
        from its slug), the two must agree: a file says where a page is once."""
        kind = item.kind
        found = getattr(item.obj, kind.key_column)
        if found == item.key:
            return True
        self.problem(
            item,
            f"the {kind.key} made from its parent and its fields is “{found}”, not "
            f"“{item.key}”; make them agree",
            kind.key,
        )
        return False

    def create_levels(self, kind, created):
        """New rows a level at a time: a child's parent has its id when the child is stored."""
        levels = {}
        for item in self.items[kind]:
            if item.outcome == "created":
                levels.setdefault(kind.depth(item.key), []).append(item.obj)
        for depth in sorted(levels):
            self.create(kind, levels[depth])

    def move_the_rest(self, kind):
        """Rows whose key's columns changed (a page's Romanian address, from a new slug)
        hand the change on to the rows under them that the files leave out."""
        moved = set(columns(kind.model, kind.key))
        rows = [
            i.obj for i in self.items[kind] if i.outcome == "updated" and moved & set(i.changed)
        ]
        if rows:
            kind.tree.moved(rows, {i.obj.pk for i in self.items[kind]})
