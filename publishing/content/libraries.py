"""Lists other lists refer to by key, with a file each (the image library): checking and
writing them (``registry.Content.library``).

A row found by its key keeps its stored file: the file given is checked all the same, so a
bad one is named, but a stored picture never changes (pages and revisions show it). A new
row whose file is already stored is that stored row, so nothing is stored twice. A new row
is saved by the model's own ``save``, which cleans the file as an admin upload does.
"""

import dataclasses
import re
import secrets
from contextlib import contextmanager

from django.core.files import File

from .. import content_translations, sanitize
from ..translated import columns

# How rich text in a content file names a library row: <img src="image:KEY"> for the
# original, <img src="image:KEY/960w.jpg"> for one of its renditions.
_REFERENCE = re.compile(
    r"""(<img\b[^>]*?\ssrc=)(["'])([a-z]+):([A-Za-z0-9_-]+)(?:/([A-Za-z0-9_.-]+))?\2""",
    re.IGNORECASE,
)


class Libraries:
    @contextmanager
    def pending_images(self):
        """While checking, rich text may show an image the import is about to store: the
        sanitiser sees it at a stand-in address only this import uses, and judges its alt
        text as it will the stored one's. ``resolve_pending`` puts the real address in."""
        self.pending = {}
        # Under the library's own path, as the sanitiser wants, and like no stored name.
        self.stand_in = f"{sanitize.IMAGE_PATH}import-{secrets.token_hex(8)}-"
        finder = self.pending_finder
        sanitize.IMAGE_FINDERS.insert(0, finder)
        try:
            yield
        finally:
            sanitize.IMAGE_FINDERS.remove(finder)

    def pending_finder(self, path):
        found = self.pending.get(path)
        return found[0] if found else None

    def library_rows(self, kind):
        """{key: row} of a library: rows from the files first, then stored ones."""
        if kind not in self.rows_by_key:
            rows = {i.key: i.obj for i in self.items[kind] if i.key is not None and i.obj}
            self.rows_by_key[kind] = rows
        return self.rows_by_key[kind]

    def library_row(self, kind, key):
        rows = self.library_rows(kind)
        if key not in rows:
            rows[key] = kind.model._default_manager.filter(**{kind.key: key}).first()
        return rows[key]

    def with_references(self, item, key, html):
        """Rich text from a file with each ``image:KEY`` replaced by the row's address."""
        if not isinstance(html, str) or ":" not in html:
            return html
        libraries = {kind.library.scheme: kind for kind in self.top_level if kind.library}

        def swap(match):
            library = libraries.get(match.group(3).lower())
            if library is None:
                return match.group(0)  # not ours: the sanitiser judges it
            wanted_key, wanted = match.group(4), match.group(5) or ""
            row = self.library_row(library, wanted_key)
            if row is None:
                name = library.model._meta.verbose_name
                self.problem(
                    item, f"there is no {name} “{wanted_key}”; add it under {library.list_key}", key
                )
                return match.group(0)
            if row.pk is None:
                path = f"{self.stand_in}{len(self.pending)}.img"
                self.pending[path] = (row, wanted, library)
            else:
                path = library.library.path_of(row, wanted)
            if path is None:
                self.problem(
                    item,
                    f"the {library.model._meta.verbose_name} “{wanted_key}” has no rendition "
                    f"{wanted}; write {library.library.scheme}:{wanted_key} for the original",
                    key,
                )
                return match.group(0)
            return f'{match.group(1)}"{path}"'

        return _REFERENCE.sub(swap, html)

    def translations_with_references(self, item):
        """The object's ``translations``, their rich text with ``image:KEY`` replaced."""
        translations = item.data[content_translations.KEY]
        if not isinstance(translations, dict) or not item.kind.rich_text:
            return translations  # content_translations says what is wrong with it
        found = {}
        for language, texts in translations.items():
            if isinstance(texts, dict):
                texts = {
                    key: self.with_references(item, key, value)
                    if key in item.kind.rich_text
                    else value
                    for key, value in texts.items()
                }
            found[language] = texts
        return found

    def resolve_pending(self, kind):
        """After the library's new rows are stored: their real addresses in rich text."""
        if not self.pending or not kind.rich_text:
            return
        for item in self.items[kind]:
            if item.outcome not in ("created", "updated"):
                continue
            for key in kind.rich_text:
                for name in columns(kind.model, key):
                    html = getattr(item.obj, name)
                    if not html or self.stand_in not in html:
                        continue
                    for path, (row, wanted, library) in self.pending.items():
                        if path in html:
                            real = library.library.path_of(row, wanted) or library.library.path_of(
                                row, ""
                            )
                            html = html.replace(path, real)
                    setattr(item.obj, name, html)

    def check_library_file(self, item, exclude, before, attnames):
        obj, kind = item.obj, item.kind
        stored_name = getattr(obj, kind.file_key).name if before else None
        reused = None
        if item.source is None:  # no file given, or one that is not there (already said)
            valid = self.full_clean(item, exclude)
        else:
            with item.source.open("rb") as opened:
                setattr(obj, kind.file_key, File(opened, name=item.source.name))
                valid = self.full_clean(item, exclude)
                if valid and before is None:
                    reused = kind.library.same_content(opened, obj, self.same_files)
        if not valid:
            if item.source is not None:
                self.name_the_file(item)
            return
        if reused is not None:
            item.obj, item.source, item.outcome = reused, None, "unchanged"
        elif before is not None:
            setattr(obj, kind.file_key, stored_name)
            item.source = None
            item.changed = tuple(a for a in attnames if getattr(obj, a) != before[a])
            item.outcome = "updated" if item.changed else "unchanged"
        else:
            item.outcome = "created"
        self.counts[kind][item.outcome] += 1

    def name_the_file(self, item):
        """A refused file's message says which file, besides the object and the field."""
        value = item.data.get(item.kind.file_key)
        for index, problem in enumerate(self.problems):
            if problem.where == item.where and problem.field == item.kind.file_key:
                if problem.file == item.doc.name and isinstance(value, str):
                    message = f"the file {value}: {problem.message}"
                    self.problems[index] = dataclasses.replace(problem, message=message)

    def write_library(self, kind, stored, now):
        self.update(kind, now)  # the words of rows found by their keys
        for item in self.items[kind]:
            if item.outcome != "created":
                continue
            obj = item.obj
            with item.source.open("rb") as opened:
                setattr(obj, kind.file_key, File(opened, name=item.source.name))
                obj.uploaded_by = self.author
                obj.save()  # the model's own save: cleaned as an upload, renditions made
            field = getattr(obj, kind.file_key)
            stored.append((field.storage, field.name))
