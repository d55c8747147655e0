"""Checking: every item becomes an unsaved row, checked by the model's own full_clean, and
every problem in every file is collected before anything is written. The checks across a
list's items are in ``list_checks``."""

import datetime
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db.models.signals import pre_save

from .. import content_translations, languages
from ..files import CHECKED_KIND
from ..translated import LANGUAGES, SOURCE, column, english_field, translated_fields
from .dates import parse_moment
from .items import SCALARS, _format_key, _sha256
from .kinds import LANGUAGES_KEY
from .reader import Problem
from .schema import MOMENT_KEYS, ORDER_STEP


class Checking:
    """Item by item: each row built from its file and checked by the model's full_clean.
    What spans a list's items (its stored rows, references, slugs) is ``ListChecks``."""

    def build(self, kind):
        items = self.items[kind]
        if not items:
            return
        if kind.tree is not None:
            items = self.tree_order(kind, items)
        rows = self.existing(kind, items)
        references = self.referenced(kind)
        if kind.pages:  # the pages its keys name, kept with the first such key
            references[kind.pages[0]] = self.referenced_pages(kind)
        attnames = kind.attnames()
        exclude = [f.name for f in kind.model._meta.concrete_fields if f.is_relation]
        for item in items:
            parent_pk = item.parent.obj.pk if item.parent is not None else None
            if kind.single or kind.whole:  # the one record; the n-th of a whole list
                at = (None, None) if kind.single else (parent_pk, item.position)
                row = None if item.duplicate else rows.get(at)
            else:
                matchable = item.key is not None and not item.duplicate
                row = rows.get((parent_pk, item.key)) if matchable else None
            item.obj = row if row is not None else kind.model()
            if kind.whole and row is not None:
                # The n-th row is no particular object (a new item shifts the rest): it is
                # rebuilt from the file, so what the file leaves out is empty, not kept.
                item.obj = kind.model(pk=row.pk)
            if row is None or kind.whole:  # an existing row keeps the values of keys left out
                for key in sorted(kind.required - set(item.data)):
                    self.problem(item, "this field is required", key)
            before = {name: getattr(row, name) for name in attnames} if row else None
            if kind.parent is not None:
                setattr(item.obj, kind.parent, item.parent.obj)
            if kind.tree is not None and not self.place(item):
                continue
            self.apply(item, references)
            if kind.library is not None:
                self.check_library_file(item, exclude, before, attnames)
                continue
            if kind.file_key:
                self.check_attachment(item, exclude, before)
                continue
            if not self.full_clean(item, exclude):
                continue
            self.derive(item.obj)
            if kind.tree is not None and not self.keeps_its_key(item):
                continue
            if row is None:
                item.outcome = "created"
            else:
                changed = [a for a in attnames if getattr(item.obj, a) != before[a]]
                item.changed = tuple(dict.fromkeys([*changed, *self.pending_references(item)]))
                item.outcome = "updated" if item.changed else "unchanged"
            self.counts[kind][item.outcome] += 1
        self.check_slugs(kind, items)

    def apply(self, item, references):
        obj, kind = item.obj, item.kind
        for key in kind.keys:
            if key not in item.data or key in item.bad_fields:
                continue
            value = item.data[key]
            if any(key == child.list_key for child in kind.children):
                continue
            try:
                if key == "date":
                    obj.year, obj.month, obj.day, obj.precision = item.kind.dates[0](value)
                elif key in kind.values:
                    setattr(obj, key, kind.values[key][0](value))
                elif key in kind.pages:
                    self.point_at(item, key, value, references[kind.pages[0]])
                elif key in MOMENT_KEYS:
                    setattr(obj, key, parse_moment(value))
                elif key in kind.references and value in (None, "") and self.optional(kind, key):
                    setattr(obj, key, None)  # no lead image
                elif key in kind.references:
                    setattr(obj, key, self.reference(kind.references[key], references[key], value))
                elif key == kind.file_key:
                    self.find_file(item, value)
                elif key == LANGUAGES_KEY:
                    obj.published_languages = published_languages(value)
                elif isinstance(value, datetime.date):  # YAML reads 2026-11-02 as a day
                    setattr(obj, key, value)
                elif not isinstance(value, SCALARS):
                    raise ValueError("must be a single value, not a list or an object")
                elif key in kind.rich_text:
                    setattr(obj, key, self.with_references(item, key, value))
                else:
                    model_field = kind.model._meta.get_field(key)
                    if value is None and not model_field.null and model_field.empty_strings_allowed:
                        value = ""
                    setattr(obj, model_field.attname, value)
            except ValueError as error:
                self.problem(item, str(error), key)
        if content_translations.KEY in item.data:
            translations = self.translations_with_references(item)
            found = content_translations.apply(obj, kind, translations)
            for message, key in found:
                self.problem(item, message, key)
            for key, message in content_translations.doubts(obj, kind):
                self.warnings.append(Problem(item.doc.name, message, where=item.where, field=key))
        if LANGUAGES_KEY in kind.keys and LANGUAGES_KEY not in item.data and obj.pk is None:
            # A new page from a file written before the key: as the migration counted pages.
            obj.published_languages = languages.initial(obj)
        if kind.ordered:
            obj.order = (item.position + 1) * ORDER_STEP

    @staticmethod
    def optional(kind, key):
        return kind.model._meta.get_field(key).null

    def find_file(self, item, value):
        """The attachment's file, which must lie in the content file's folder or below it.

        Symlinks are followed before the check, and the message names the path as written
        whatever is there: an import must not read, publish or reveal files elsewhere.
        """
        if not isinstance(value, str):
            raise ValueError("must be a path to a file, relative to this content file")
        folder = item.doc.path.parent.resolve()
        outside = ValueError(
            f"“{value}” is not in the folder of this content file or below it; "
            "attachments must be, given by a relative path such as files/form.pdf"
        )
        if "\x00" in value or Path(value).is_absolute():
            raise outside
        try:
            source = (folder / value).resolve()
        except (OSError, RuntimeError):  # a symlink loop
            raise outside from None
        if not source.is_relative_to(folder):
            raise outside
        if not source.is_file():
            raise ValueError(f"there is no file “{value}” next to this content file")
        item.source = source

    def full_clean(self, item, exclude):
        # Relations are resolved by natural key above; checking them again would cost a query
        # per object. Uniqueness is the natural-key matching itself, for the same reason.
        try:
            item.obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for model_field, messages in error.message_dict.items():
                if model_field == NON_FIELD_ERRORS and set(item.kind.pages) & item.bad_fields:
                    continue  # "choose a target": the target given is refused already
                model_field = format_field(type(item.obj), model_field)  # title_en: title
                key = "" if model_field == NON_FIELD_ERRORS else _format_key(model_field)
                self.problem(item, " ".join(messages), key)
            return False
        return True

    def derive(self, obj):
        # bulk_create/bulk_update skip save() and its signals, so what the models derive on
        # the way in (the partial date's ``date``, sanitised HTML) is derived here, the same
        # way, before comparing with the stored row.
        pre_save.send(
            sender=type(obj), instance=obj, raw=False, using=self.database, update_fields=None
        )

    def check_attachment(self, item, exclude, before):
        obj, file_key = item.obj, item.kind.file_key
        if item.source is None:
            self.full_clean(item, exclude)
            return
        stored_name = getattr(obj, file_key).name if before else None
        with item.source.open("rb") as opened:
            setattr(obj, file_key, File(opened, name=item.source.name))
            valid = self.full_clean(item, exclude)
            item.checked_kind = getattr(getattr(obj, file_key), CHECKED_KIND, "")
            same_file = False
            if valid and stored_name:
                digest = _sha256(opened)
                try:
                    with getattr(obj, file_key).storage.open(stored_name, "rb") as stored:
                        same_file = _sha256(stored) == digest
                except OSError:
                    same_file = False
            opened.seek(0)
        if not valid:
            return
        if same_file:
            setattr(obj, file_key, stored_name)
            item.source = None  # nothing to store
            item.outcome = "unchanged" if obj.order == before["order"] else "updated"
        else:
            item.outcome = "updated" if before else "created"
        self.counts[item.kind][item.outcome] += 1


def published_languages(value):
    """The translations a page is published in: a list of their codes, [] for none."""
    if value is None:
        return []
    if not isinstance(value, list) or any(code not in languages.TRANSLATIONS for code in value):
        raise ValueError(
            f"must list the published translations among: {', '.join(languages.TRANSLATIONS)}"
        )
    return [code for code in languages.TRANSLATIONS if code in value]


def format_field(model, name):
    """Where the format holds a column: "title" for title_en, "translations.ro.slug" for
    slug_ro, so a message names the key the operator wrote."""
    for field in translated_fields(model):
        for language in LANGUAGES:
            if name == column(field, language) and language != SOURCE:
                return f"{content_translations.KEY}.{language}.{field}"
    return english_field(model, name)
