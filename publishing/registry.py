"""What a page type is, said once: the registry every shared feature is built from.

Each page-type app calls ``publishing.register(Model, parts=[...], ...)`` in its
``AppConfig.ready()``. Roles and permissions, the admin's rules on pages and parts, "page
changed" stamps, sanitising, sitemaps, the editorial dashboard, search documents and the
import/export schema all read this registry, so a new page type is a model, a register
call and its templates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

# Sent with ``sender=<page model>`` and ``page_type=...`` when a page type is registered or
# unregistered. The registry is data: what acts on saves (``publishing.signals``, search)
# subscribes here in its app's ready(), so the registry imports none of it.
registered = Signal()
unregistered = Signal()


@dataclass(frozen=True)
class Content:
    """What the import/export format needs that a model and the parts do not say.

    ``publishing.content.derive`` reads the rest: the list's key (the parent's related name,
    or the model's plural name for a top-level list), its keys (the model's own fields in
    their order, the partial date as ``date``, the publishing fields, then the parts'
    lists), which are required, whether the list's order is stored (an ``order`` field) and
    the tree itself. ``key`` names one object among its siblings ("slug"). ``keys`` and
    ``sort`` are given only where the model's order is not the format's; ``references``
    maps a key to the model of a top-level list it names by key (a notice's category);
    ``file_key`` holds a file's path; ``dates`` is (parse, format) of a partial date.
    ``library`` makes the list one that other lists name rows of (the image library): an
    object with ``used``, ``same_content`` and ``file_path`` (images/content.py). Only the
    rows other content uses are exported, a row found by its key keeps its stored file, and
    a new row whose file is already stored is that stored row.
    ``tree`` makes a top-level list a tree whose key names the parent (a page's address):
    an object with ``parent`` (the foreign key to the same model) and ``parent_key(key)``
    (the parent's key, or None at the top), and ``moved(rows, pks)``, called after rows'
    keys changed, for the rows under them not among ``pks`` (those the files hold); the
    parent need not come first in the files.

    A list outside any page type (``PageType.content_after``: menus, the contact record)
    says more: ``list_key`` (its key in the file, if not the plural name), ``lists`` (the
    ``Part``s listed under its objects: a menu's items), ``single`` (the file holds one
    object there, not a list: the contact record), ``whole`` (a list under an object that
    is the whole list: objects are matched by position, and stored rows beyond the file's
    are removed; no key), ``pages`` (keys naming a page of any page type as
    ``MODEL:KEY``, a generic relation's name: a menu item's ``target``) and ``values``
    ({key: (parse, format)} for a key that is neither text nor a number: a time, a
    weekday).
    """

    key: str
    keys: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    references: dict = field(default_factory=dict, hash=False, compare=False)
    file_key: str | None = None
    dates: tuple = field(default=(), hash=False, compare=False)
    library: object = field(default=None, hash=False, compare=False)
    tree: object = field(default=None, hash=False, compare=False)
    list_key: str | None = None
    lists: tuple = ()
    single: bool = False
    whole: bool = False
    pages: tuple[str, ...] = ()
    values: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Part:
    """A model whose rows belong to one page: a relation's sections, a notice's files.

    ``parent`` is the foreign key to the page, or to a part listed before this one (a
    framework's cycles), so every part row leads to exactly one page.
    """

    model: type
    parent: str
    rich_text: tuple[str, ...] = ()
    # The field that names one row to a reader ("heading"): history and diffs say
    # "Section “Evolution of relations”".
    label: str | None = None
    # In the import/export format, under its parent (``Content``); None: not in it.
    content: Content | None = None

    @property
    def parent_field(self):
        return self.model._meta.get_field(self.parent)


@dataclass(frozen=True)
class Search:
    """What search reads of a page type: weighted fields, and parts that have an anchor.

    ``fields`` maps a field of the page to its weight ("A" counts most, "D" least); an
    attribute that is not a column works too, read in each language (a consular service's
    facts: ``Page.service_facts_text``).
    ``sections`` names a part listed in ``parts`` whose rows become documents of their own,
    so a result links to ``page#anchor``: (model, heading field, anchor field, {field:
    weight}).
    ``prefetch`` lists what such an attribute reads (``prefetch_related`` lookups): the
    index reads it for a batch of pages at once, not once per page.
    """

    fields: dict
    sections: tuple | None = None
    prefetch: tuple = ()


@dataclass(frozen=True)
class Attention:
    """A panel of the admin start page: pages of this type that want a look.

    ``pages`` is called on every visit and returns a queryset of the page model (one query:
    it is shown newest change first). ``id`` is the panel's HTML id.
    """

    id: str
    title: str
    empty_text: str
    pages: Callable


@dataclass
class PageType:
    model: type
    parts: tuple[Part, ...] = ()
    rich_text: tuple[str, ...] = ()
    search: Search | None = None
    # The import/export format: the page's own ``Content`` (its parts bring theirs), and
    # top-level lists it needs read first, {model: Content} (the categories notices name).
    content: Content | None = None
    content_before: dict = field(default_factory=dict)
    # Top-level lists read after every page type's, as they may name any page: {model:
    # Content} (the menus, the contact record).
    content_after: dict = field(default_factory=dict)
    # Models that are neither pages nor parts but belong to the type (categories):
    # publishers manage them, editors read them.
    lookups: tuple[type, ...] = ()
    # The public list of this type ("relations:list"): in the sitemap with its lastmod.
    list_url: str | None = None
    changefreq: str = "weekly"
    # More sitemap sections the app defines itself (per-category lists): {name: Sitemap}.
    sitemaps: dict = field(default_factory=dict)
    # More panels for the editorial dashboard, after drafts, scheduled and expiring.
    attention: tuple[Attention, ...] = ()
    # Months after publishing by which a page of this type must be checked again: its
    # ``review_by`` when published without one, and after "mark checked" (None: no default).
    review_months: int | None = None

    @property
    def label(self):
        return self.model._meta.label_lower

    @property
    def name(self):
        return self.model._meta.model_name

    @property
    def publish_permission(self):
        opts = self.model._meta
        return f"{opts.app_label}.publish_{opts.model_name}"

    def models(self):
        """The page model and its parts, pages first, parents before children."""
        return [self.model, *(part.model for part in self.parts)]

    def part_for(self, model):
        return next((part for part in self.parts if part.model is model), None)

    def parts_below(self, model):
        """The parts under a page or a part, parents first: a framework's cycles."""
        below, found = {model}, []
        for part in self.parts:
            if part.parent_field.related_model in below:
                below.add(part.model)
                found.append(part)
        return found

    def prefetch_lookups(self):
        """What a page's view prefetches to show all its parts: "sections",
        "frameworks__cycles", ... (a query per part model)."""
        paths = {self.model: ""}
        for part in self.parts:
            above = paths[part.parent_field.related_model]
            name = part.parent_field.remote_field.get_accessor_name()
            paths[part.model] = f"{above}__{name}" if above else name
        return [paths[part.model] for part in self.parts]

    def path_to_page(self, model):
        """The lookup from a part's rows to their page: "framework__relation" for cycles."""
        steps = []
        while model is not self.model:
            part = self.part_for(model)
            steps.append(part.parent)
            model = part.parent_field.related_model
        return "__".join(steps)

    def page_id(self, instance):
        """The page's pk for a page or part instance, without loading the page where possible."""
        model = type(instance)
        if model is self.model:
            return instance.pk
        part = self.part_for(model)
        parent_id = getattr(instance, part.parent_field.attname)
        parent_model = part.parent_field.related_model
        if parent_model is self.model or parent_id is None:
            return parent_id
        parent = parent_model._default_manager.filter(pk=parent_id).first()
        return None if parent is None else self.page_id(parent)

    def rich_text_fields(self, model):
        if model is self.model:
            return self.rich_text
        part = self.part_for(model)
        return part.rich_text if part else ()


class Registry:
    def __init__(self):
        self._types = {}
        self._by_model = {}

    def register(self, model, *, parts=(), **options):
        if model in self._by_model:
            raise ImproperlyConfigured(f"{model.__name__} is registered twice with publishing.")
        options["attention"] = tuple(options.get("attention", ()))
        page_type = PageType(model=model, parts=tuple(parts), **options)
        known = {model}
        for part in page_type.parts:
            if part.model in self._by_model or part.model in known:
                raise ImproperlyConfigured(f"{part.model.__name__} is a part of two page types.")
            if part.parent_field.related_model not in known:
                raise ImproperlyConfigured(
                    f"{part.model.__name__}.{part.parent} must lead to {model.__name__} "
                    "or to a part listed before it."
                )
            known.add(part.model)
        self._types[model] = page_type
        for each in known:
            self._by_model[each] = page_type
        registered.send(sender=model, page_type=page_type)
        return page_type

    def unregister(self, model):
        """For tests that register a page type of their own."""
        page_type = self._types.pop(model)
        unregistered.send(sender=model, page_type=page_type)
        for each in page_type.models():
            self._by_model.pop(each, None)

    def __iter__(self):
        return iter(list(self._types.values()))

    def __len__(self):
        return len(self._types)

    def for_model(self, model):
        """The page type a page or part model belongs to, or None."""
        return self._by_model.get(model)

    def is_part(self, model):
        page_type = self.for_model(model)
        return page_type is not None and page_type.model is not model

    def lookups(self):
        return [lookup for page_type in self for lookup in page_type.lookups]


registry = Registry()
