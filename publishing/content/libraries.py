"""Lists other lists refer to by key, with a file each (the image library): checking and
writing them (``registry.Content.library``).

A row found by its key keeps its stored file: the file given is checked all the same, so a
bad one is named, but a stored picture never changes (pages and revisions show it). A new
row whose file is already stored is that stored row, so nothing is stored twice. A new row
is saved by the model's own ``save``, which cleans the file as an admin upload does.
"""

import dataclasses

from django.core.files import File


class Libraries:
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
                    reused = kind.library.same_content(opened)
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
                obj.save()  # the model's own save: cleaned as an upload, renditions made
            field = getattr(obj, kind.file_key)
            stored.append((field.storage, field.name))
