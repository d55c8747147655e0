"""Content in and out: one nested, human-editable format for every registered page type.

It knows no page type: each page type's lists are a ``Kind`` tree (``kinds``) read from its
registration (``derive``); ``schema`` assembles the site's format from the registry.
Importing is reading (``reader``: files to documents), checking (``checking`` item by item,
``list_checks`` across a list: documents to validated, unsaved rows, every problem
collected) and writing (``writing``: one transaction, with revisions); ``exporter`` writes
the database back out. docs/content-format.md describes it.
"""

from .kinds import DATE_ATTRS, MOMENT_KEYS, Kind

__all__ = ["DATE_ATTRS", "MOMENT_KEYS", "Kind"]
