"""Exporting: all content in the import format, in an order that never changes.

Lists are written in the order the site shows them (position is what import turns into
``order``), with the key of each object as a tie-breaker, so export, import into an empty
database and export again give the same bytes. Fields the database keeps for itself are
left out: ids, ``order`` numbers, ``created_at``/``updated_at``, the derived ``date`` and an
attachment's stored name, type and size.
"""

import datetime
import json
from pathlib import PurePosixPath

import yaml
from django.db.models import Prefetch
from django.utils.text import slugify

from .. import content_translations
from .dates import format_moment
from .schema import MOMENT_KEYS, Kind, top_level


def _value(obj, kind, key):
    if key == "date":
        return kind.dates[1](obj.year, obj.month, obj.day, obj.precision)
    if key in MOMENT_KEYS:
        return format_moment(getattr(obj, key))
    if key in kind.values:
        return kind.values[key][1](getattr(obj, key))
    if key in kind.pages:
        return _page_name(getattr(obj, key))
    if key in kind.references:
        target = getattr(obj, key)
        return None if target is None else getattr(target, kind.references[key].key_column)
    if key == kind.key:
        return getattr(obj, kind.key_column)  # the English, whatever language is active
    value = getattr(obj, key)
    # A day (a service's "last checked") as text: JSON has no dates, and both formats agree.
    return value.isoformat() if isinstance(value, datetime.date) else value


def _page_name(page):
    """``MODEL:KEY`` of a page a generic relation leads to (a menu item's target)."""
    if page is None:
        return None
    kind = next((k for k in top_level() if k.model is type(page) and k.parent is None), None)
    if kind is None:
        return None  # not a page of the format: the admin shows it, a file cannot say it
    return f"{page._meta.model_name}:{getattr(page, kind.key_column)}"


def _parents_first(kind, rows):
    """A tree's rows depth first, each parent before the pages under it, siblings in the
    list's order: the file reads as the site's outline."""
    rows = list(rows)
    keys = {getattr(row, kind.key_column) for row in rows}
    below = {}
    for row in rows:
        above = kind.tree.parent_key(getattr(row, kind.key_column))
        below.setdefault(above if above in keys else None, []).append(row)
    found, stack = [], list(reversed(below.get(None, [])))
    while stack:
        row = stack.pop()
        found.append(row)
        stack.extend(reversed(below.get(getattr(row, kind.key_column), [])))
    return found


def _queryset(kind: Kind):
    """The rows of a kind in export order, with every list below them prefetched."""
    queryset = kind.model._default_manager.order_by(*kind.ordering())
    if kind.references:
        queryset = queryset.select_related(*kind.references)
    if kind.pages:  # one query per page type the rows lead to
        queryset = queryset.prefetch_related(*kind.pages)
    for child in kind.children:
        related = _related_name(child)
        queryset = queryset.prefetch_related(Prefetch(related, _queryset(child)))
    return queryset


def _related_name(child: Kind):
    return child.model._meta.get_field(child.parent).remote_field.get_accessor_name()


def file_path(folder, owner, position, title, stored_name):
    """Where a file is written: from its owner's key, its position and title, not from ids."""
    suffix = PurePosixPath(stored_name).suffix.lower()
    stem = slugify(title)[:60].strip("-") or "file"
    return str(PurePosixPath(folder, owner, f"{position:02d}-{stem}{suffix}"))


def _references(html, used):
    """Rich text with the library rows it shows named by key (``<img src="image:KEY">``)."""
    for library, (pks, found) in used.items():
        html, shown = library.library.to_references(html, found)
        pks.update(shown)
    return html


def _unnamed_page(kind, obj):
    """Why ``obj`` cannot be written, or None: it leads to a page (a menu item's target)
    that a file cannot name, so its entry would say ``target: null``, which the import
    refuses (an item leads somewhere). The site shows no such item either."""
    for key in kind.pages:
        relation = kind.model._meta.get_field(key)
        if getattr(obj, relation.fk_field) is None:
            continue  # it leads to a list or an address instead
        page = getattr(obj, key)
        if page is None:
            return "the page it leads to was deleted"
        if _page_name(page) is None:
            return f"a {page._meta.verbose_name} cannot be named in a file"
    return None


def _writable(kind, rows, left_out, above):
    """The rows a file can hold; each one left out is said in ``left_out``, so the rest of
    the export still imports, here or elsewhere."""
    kept = []
    for obj in rows:
        why = _unnamed_page(kind, obj) if kind.pages else None
        if why is None:
            kept.append(obj)
            continue
        where = f" of the {above._meta.verbose_name} “{above}”" if above is not None else ""
        left_out.append(f"The {kind.model._meta.verbose_name} “{obj}”{where} is left out: {why}.")
    return kept


def _entries(kind, rows, folder, files, used, left_out, owner=None, above=None):
    entries = []
    rows = _writable(kind, rows, left_out, above)
    for position, obj in enumerate(rows, 1):
        for key, target in kind.references.items():
            if target.library is not None and getattr(obj, f"{key}_id") is not None:
                used[target][0].add(getattr(obj, f"{key}_id"))
        entry = {}
        translations = content_translations.export(obj, kind)
        for texts in (translations or {}).values():
            for key in set(texts) & set(kind.rich_text):
                texts[key] = _references(texts[key], used)
        for key in kind.keys:
            child = next((c for c in kind.children if c.list_key == key), None)
            if child is not None and translations:  # after the object's own texts
                entry[content_translations.KEY], translations = translations, None
            if child is not None:
                below = getattr(obj, _related_name(child)).all()
                owner_key = getattr(obj, kind.key_column)
                entry[key] = _entries(
                    child, below, folder, files, used, left_out, owner_key, above=obj
                )
            elif key == kind.file_key:
                stored = getattr(obj, key).name
                if kind.library is not None:
                    path = kind.library.file_path(folder, obj)
                else:
                    path = file_path(folder, owner, position, getattr(obj, kind.key_column), stored)
                files.append((kind.model._meta.get_field(key).storage, stored, path))
                entry[key] = path
            elif key in kind.rich_text:
                entry[key] = _references(getattr(obj, key), used)
            else:
                entry[key] = _value(obj, kind, key)
        if translations:
            entry[content_translations.KEY] = translations
        entries.append(entry)
    return entries


def export(files_folder="files"):
    """(data, files, left out): the content as plain data, (storage, stored name, relative
    path) for each file to copy, and a sentence for each row no file can hold (a menu item
    whose page was deleted), which the data leaves out."""
    kinds = top_level()
    # Per library: the ids of the rows other lists use, and what its texts' addresses show.
    files, used = [], {kind: (set(), {}) for kind in kinds if kind.library is not None}
    left_out = []
    # Libraries (images) last: only the rows the other lists use are written, once each.
    found = {}
    for kind in kinds:
        if kind.library is None:
            rows = _queryset(kind)
            rows = rows if kind.tree is None else _parents_first(kind, rows)
            found[kind.list_key] = _entries(kind, rows, files_folder, files, used, left_out)
            if kind.single:  # the one record, or null while there is none
                found[kind.list_key] = (found[kind.list_key] or [None])[0]
    for kind in kinds:
        if kind.library is not None:
            rows = kind.library.used(_queryset(kind), sorted(used[kind][0]))
            found[kind.list_key] = _entries(kind, rows, files_folder, files, used, left_out)
    return {kind.list_key: found[kind.list_key] for kind in kinds}, files, left_out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Multi-line text as a literal block, so a body reads as it is written."""


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(data, fmt):
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # No line folding: a folded long line is easy to break when editing by hand.
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, indent=2
    )
