"""How a page type appears in the import/export format: a tree of ``Kind``s.

Each page type's tree is read from its registration (``derive``: the registry's parts and
their small ``Content``); the import and export commands read it from there. Most keys are
the model's own field names. Three are special: ``date`` (a partial date, stored as year,
month, day and precision), a key in ``references`` (the key of a row of another top-level
list, such as a notice's category slug) and ``file_key`` (a path relative to the content
file). A list's order is the objects' order on the site when ``ordered``: ``order`` is not
written, it is the position in the list.
"""

from dataclasses import dataclass, field

from django.db.models import F

from ..translated import SOURCE, column, columns, translated_fields

DATE_ATTRS = ("year", "month", "day", "precision", "date")
MOMENT_KEYS = frozenset({"publish_at", "expires_at"})
# A page's published translations, a list of codes (publishing/languages.py).
LANGUAGES_KEY = "published_languages"


@dataclass(frozen=True)
class Kind:
    list_key: str  # the list's key in the file: "milestones"
    model: type
    key: str | None  # the key naming one object among its siblings: "slug" (None: whole)
    keys: tuple[str, ...]  # every key an object may have, in export order
    required: frozenset[str]
    parent: str | None = None  # the model's foreign key to the object it is listed under
    ordered: bool = False  # whether the list position is stored as ``order``
    children: tuple["Kind", ...] = field(default=())
    # key -> the top-level Kind whose ``key`` it names ("category" -> categories by slug)
    references: dict = field(default_factory=dict, hash=False, compare=False)
    file_key: str | None = None  # the key holding a file's path ("file")
    sort: tuple[str, ...] = ()  # export order of the list (besides ``order``)
    # (parse, format) of the ``date`` key, from the page type that has partial dates:
    # parse(text) -> (year, month, day, precision); format(year, month, day, precision).
    dates: tuple = field(default=(), hash=False, compare=False)
    # A list other lists refer to by key, whose files are kept (``registry.Content``).
    library: object = field(default=None, hash=False, compare=False)
    rich_text: tuple[str, ...] = ()  # HTML keys, whose <img> name library rows by key
    # A list whose key names each object's parent in the same list (``registry.Content``).
    tree: object = field(default=None, hash=False, compare=False)
    single: bool = False  # one object, not a list (the contact record)
    whole: bool = False  # the whole list, matched by position (a menu's items)
    pages: tuple[str, ...] = ()  # keys naming a page of any page type: "page:contact"
    # key -> (parse, format) of a value that is neither text nor a number (a time)
    values: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self):
        return str(self.model._meta.verbose_name_plural)

    @property
    def key_column(self):
        """The column of the key: "slug_en" for a translated slug (the format's own keys are
        the English), whatever language is active."""
        if self.key is None:
            return "pk"  # no key: matched by position, written in the list's order
        translated = self.key in translated_fields(self.model)
        return column(self.key, SOURCE) if translated else self.key

    def ordering(self):
        """The list's order on the site: how it is exported, and how a whole list's stored
        rows are matched with the file's by position."""
        found = []
        for key in (*self.sort, self.key_column):
            # Drafts have no publish time: SQLite and PostgreSQL put them at opposite ends.
            expression = F(key.lstrip("-"))
            found.append(
                expression.desc(nulls_last=True)
                if key.startswith("-")
                else expression.asc(nulls_last=True)
            )
        return found

    def child_keys(self):
        return {child.list_key for child in self.children}

    def attnames(self):
        """The model attributes the format sets, for comparing and bulk updates."""
        names = []
        for key in self.keys:
            if key == "date":
                names.extend(DATE_ATTRS)
            elif key in self.references:
                names.append(f"{key}_id")
            elif key in self.pages:  # a generic relation: its two columns
                relation = self.model._meta.get_field(key)
                names.extend((f"{relation.ct_field}_id", relation.fk_field))
            elif key == self.file_key or key in self.child_keys():
                continue
            else:
                names.extend(columns(self.model, key))  # every language of a translated key
        if self.ordered:
            names.append("order")
        return names

    def depth(self, key):
        """How many ancestors a tree's key names: parents are checked and written first."""
        found = 0
        while key is not None and (key := self.tree.parent_key(key)) is not None:
            found += 1
        return found

    def walk(self):
        """This kind and every kind below it, parents before children."""
        yield self
        for child in self.children:
            yield from child.walk()
