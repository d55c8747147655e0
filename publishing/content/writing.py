"""Writing: every checked row in one transaction, files stored, revisions recorded."""

import getpass
from pathlib import Path

from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone

from .. import content_version, revisions
from ..files import CHECKED_KIND
from ..models import Publishable, Revision
from ..registry import registry
from ..signals import pages_changed
from .items import BATCH, ContentError


class Writing:
    # Writing -----------------------------------------------------------------------------

    def write(self):
        stored = []
        now = timezone.now()
        try:
            with transaction.atomic(using=self.database):
                self.record_baselines()
                for kind in self.kinds:
                    if kind.library is not None:
                        self.write_library(kind, stored, now)
                        continue
                    if kind.file_key:
                        self.write_files(kind, stored)
                        continue
                    self.resolve_pending(kind)
                    self.resolve_pages(kind)
                    created = [i.obj for i in self.items[kind] if i.outcome == "created"]
                    if created and kind.tree is not None:
                        self.create_levels(kind, created)
                    elif created:
                        self.create(kind, created)
                    self.update(kind, now)
                    if kind.tree is not None:
                        self.move_the_rest(kind)
                    if self.removed[kind]:
                        kind.model._default_manager.filter(pk__in=self.removed[kind]).delete()
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
        # Every page shows the menus and the contact record: a change to them is one to all.
        for kind in self.top_level:
            if (
                registry.for_model(kind.model) is None
                and self.counts[kind]["updated"] + self.counts[kind]["created"]
            ):
                content_version.bump()
                return

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
            if not fields and not stamped:
                continue  # a list under it changed, nothing of its own (a menu's items)
            if stamped:
                fields.append("updated_at")
                for obj in objs:
                    obj.updated_at = now
            kind.model._default_manager.bulk_update(objs, fields, batch_size=BATCH)

    def write_files(self, kind, stored):
        """A replaced file is never deleted here: earlier revisions name it, and the name
        read from the row may be the source's own after checking. ``prune_media`` deletes
        files that no row and no revision names."""
        items = self.items[kind]
        storage = kind.model._meta.get_field(kind.file_key).storage
        order_only = [i.obj for i in items if i.outcome == "updated" and i.source is None]
        if order_only and kind.ordered:
            kind.model._default_manager.bulk_update(order_only, ["order"])
        for item in items:
            if item.outcome not in ("created", "updated") or item.source is None:
                continue
            obj = item.obj
            setattr(obj, kind.parent, item.parent.obj)  # now saved, with its primary key
            with item.source.open("rb") as opened:
                setattr(obj, kind.file_key, File(opened, name=item.source.name))
                # Checked above: the model's save takes the validator's finding, not again.
                setattr(getattr(obj, kind.file_key), CHECKED_KIND, item.checked_kind)
                obj.save()  # the model's own save: stores the file, its type, size and version
            stored.append((storage, getattr(obj, kind.file_key).name))
