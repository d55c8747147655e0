"""A page type's ``Kind`` tree, read from its registration: the parts make the tree.

A page type declares its parts once (``publishing.registry.Part``); each part that is in
the format carries a small ``Content`` (its natural key, and what else its model cannot
say). Everything else is read here from the models: the list's key, its keys in the
model's field order (the partial date's fields as one ``date``, the publishing fields
after the content, the parts' lists last), which keys are required (a field that may not
be blank and has no default), whether the position is stored (an ``order`` field), the
parent key, and the children.
"""

from django.db.models import NOT_PROVIDED
from django.utils.translation import override

from ..models import PUBLISHING_FIELDS, STATE_FIELDS
from ..translated import LANGUAGES, SOURCE, column, translated_fields
from .kinds import DATE_ATTRS, Kind

ORDER = "order"
# Publishable's own content field, written after the publishing fields (as documented).
LAST = ("published_languages",)
# Kept by the site, not carried: a review date is set when a page is published and moved
# when staff check it (publishing/review_dates.py).
NOT_CARRIED = ("review_by",)


def _key_of(field):
    return "date" if field.name in DATE_ATTRS else field.name


def _own_keys(model, content, references):
    """The model's keys in the format, in the model's order: content, then publishing."""
    columns = {column(name, lang) for name in translated_fields(model) for lang in LANGUAGES}
    own, publishing = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or field.name in columns:
            continue
        if field.name in STATE_FIELDS or field.name == ORDER:
            continue
        key = _key_of(field)
        if field.is_relation and key not in references:
            continue  # the parent, or a reference the format does not carry (a lead image)
        if key == content.key or key in own or key in publishing:
            continue
        if key in LAST or key in NOT_CARRIED:
            continue
        (publishing if key in PUBLISHING_FIELDS else own).append(key)
    last = [key for key in LAST if any(f.name == key for f in model._meta.concrete_fields)]
    return [key for key in (content.key, *own, *publishing, *last) if key is not None]


def _required(model, keys):
    found = set()
    for field in model._meta.concrete_fields:
        key = _key_of(field)
        if key not in keys or field.name in PUBLISHING_FIELDS:
            continue
        if key == "date" and field.name != "year":
            continue  # a partial date is required when its year is
        if not field.blank and not field.null and field.default is NOT_PROVIDED:
            found.add(key)
    return frozenset(found)


def kind(model, content, tops, parent=None, children=(), list_key=None, rich_text=()):
    """The ``Kind`` of one list; ``tops`` maps a model to its top-level Kind (references)."""
    references = {key: tops[target] for key, target in content.references.items()}
    child_keys = [child.list_key for child in children]
    keys = list(content.keys) or _own_keys(model, content, references)
    keys = tuple(dict.fromkeys([*keys, *child_keys]))
    ordered = any(field.name == ORDER for field in model._meta.concrete_fields)
    list_key = list_key or content.list_key
    if list_key is None:  # a top-level list: the model's plural name, in English
        with override(SOURCE):
            list_key = str(model._meta.verbose_name_plural)
    return Kind(
        list_key,
        model,
        key=content.key,
        keys=keys,
        required=_required(model, keys) | ({content.key} - {None}),
        parent=parent,
        ordered=ordered,
        children=tuple(children),
        references=references,
        file_key=content.file_key,
        sort=content.sort
        or ((ORDER,) if ordered else ()) + ((content.key,) if content.key else ()),
        dates=content.dates,
        library=content.library,
        tree=content.tree,
        rich_text=tuple(rich_text),
        single=content.single,
        whole=content.whole,
        pages=content.pages,
        values=content.values,
    )


def _tree(model, content, tops, parts, rich_text_of, parent=None, list_key=None):
    """A list's Kind with the lists of the ``parts`` under its objects."""
    children = [
        _tree(
            part.model,
            part.content,
            tops,
            parts,
            rich_text_of,
            part.parent,
            part.parent_field.remote_field.get_accessor_name(),
        )
        for part in parts
        if part.content is not None and part.parent_field.related_model is model
    ]
    return kind(model, content, tops, parent, children, list_key, rich_text_of(model))


def page_kinds(page_type, tops):
    """(Top-level lists read first, the page type's tree), or ((), None) outside the format."""
    before = []
    for model, content in page_type.content_before.items():
        tops[model] = tops.get(model) or kind(model, content, tops)
        before.append(tops[model])
    if page_type.content is None:
        return tuple(before), None
    tree = _tree(
        page_type.model, page_type.content, tops, page_type.parts, page_type.rich_text_fields
    )
    return tuple(before), tree


def after_kinds(page_type, tops):
    """The top-level lists a page type adds after every page type's (``content_after``):
    they may name a page of any type. Their rich text is none: they are no page's part."""
    return tuple(
        _tree(model, content, tops, content.lists, lambda model: ())
        for model, content in page_type.content_after.items()
    )
