"""The import/export format of the whole site, assembled from the registered page types.

Each page type's lists are read from its registration (``derive``: its parts and their
``Content``); see ``publishing.content.Kind`` for what a list may hold.
"""

from ..registry import registry
from .derive import after_kinds, page_kinds
from .kinds import DATE_ATTRS, MOMENT_KEYS, Kind

# Gaps of ten leave room for an editor to slot an item in between in the admin.
ORDER_STEP = 10

__all__ = ["DATE_ATTRS", "MOMENT_KEYS", "ORDER_STEP", "Kind", "all_kinds", "top_level"]


def top_level():
    """Top-level lists in the order they are read and written: a list before its users."""
    lists, tops = [], {}
    for page_type in registry:
        before, tree = page_kinds(page_type, tops)
        for kind in (*before, tree):
            if kind is not None and kind not in lists:
                lists.append(kind)
    for page_type in registry:  # menus and the like name pages of every type: read last
        lists.extend(after_kinds(page_type, tops))
    return tuple(lists)


def all_kinds():
    """Every kind, parents before children: the order rows are written and summaries printed."""
    return tuple(kind for top in top_level() for kind in top.walk())
