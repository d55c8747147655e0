"""Importing content files: check everything first, then write it all in one transaction.

Every object is checked with the model's own ``full_clean`` before anything is written, and
every problem in every file is collected, so an operator fixes a file in one pass. Rows are
found by their natural keys (a relation's slug, a milestone's relation and slug, ...) in a
few queries per model, and written with ``bulk_create``/``bulk_update``.

Import adds and changes; it never deletes. A key left out of an object keeps the current
value of an existing row (a new row gets the model's default); write ``null`` or ``""`` to
clear a value.
"""

from collections import Counter

from django.db import router

from . import reader
from .checking import Checking
from .collecting import Collecting
from .items import OUTCOMES, ContentError, Item
from .libraries import Libraries
from .list_checks import ListChecks
from .reader import Problem
from .schema import all_kinds, top_level
from .trees import Trees
from .wholes import Wholes
from .writing import Writing

__all__ = ["OUTCOMES", "ContentError", "Importer", "Item"]


class Importer(Collecting, Checking, ListChecks, Libraries, Trees, Wholes, Writing):
    """Reads (``reader``, ``Collecting``), checks (``Checking`` item by item, ``ListChecks``
    across a list's items, ``Libraries``) and writes (``Writing``); ``Trees`` places
    objects under parents of the same list; ``Wholes`` matches whole lists by position and
    resolves page targets."""

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
        self.removed = {kind: [] for kind in self.kinds}  # rows beyond a whole list's
        self.rows_by_key = {}  # library rows by key, for rich text naming them
        self.pending = {}  # stand-in addresses of images this import stores
        self.same_files = {}  # digest -> library row, so a file is stored once
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
        with self.pending_images():
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
