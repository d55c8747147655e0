"""Links to the site's own pages, stored as references (``data-page="notices.notice:42"``).

The editor's picker writes the page's address and its reference; on the way out the
address is replaced by the page's current one in the visitor's language, so a renamed or
moved page keeps its links right. A withdrawn page still answers at its address (with its
banner), so it keeps its link, and the link checker lists it for staff (upkeep/links.py);
a link to a page visitors cannot open (a draft, removed or deleted) shows as its words
alone, never as a broken link. The references of one text are read
with a query per page type, whatever their number.
"""

import re
from html import escape

from django.apps import apps

from .registry import registry

# "app_label.model:pk", as the sanitiser keeps it and the picker writes it.
REFERENCE = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*):([1-9][0-9]{0,9})$")
# An anchor as the sanitiser writes it: every attribute quoted with ", no <a> inside <a>.
_ANCHOR = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)\s*>(.*?)</a>', re.DOTALL)
_ATTRIBUTE = re.compile(r'\s+([a-z-]+)="([^"]*)"')
_PAGE = re.compile(r'\sdata-page="([^"]*)"')


def page_model(label):
    """The registered page model a reference's "app.model" names, or None."""
    app_label, _dot, model_name = label.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    page_type = registry.for_model(model)
    return model if page_type is not None and page_type.model is model else None


def parse(value):
    """(model, pk) of a reference, or None when it names no registered page type."""
    match = REFERENCE.match(value or "")
    if not match:
        return None
    model = page_model(f"{match.group(1)}.{match.group(2)}")
    return None if model is None else (model, int(match.group(3)))


def reference(page):
    return f"{page._meta.label_lower}:{page.pk}"


def references(html):
    """{model: {pk, ...}} of the references in a text."""
    found = {}
    for value in _PAGE.findall(html or ""):
        parsed = parse(value)
        if parsed is not None:
            found.setdefault(parsed[0], set()).add(parsed[1])
    return found


def visible(model):
    """What answers at its address: published pages, and withdrawn ones with their banner."""
    manager = model._default_manager
    return manager.visible() if hasattr(manager, "visible") else manager.all()


def published(model):
    manager = model._default_manager
    return manager.published() if hasattr(manager, "published") else manager.all()


def resolve(wanted):
    """{(model, pk): page} of the pages visitors can see: a query per model."""
    found = {}
    for model, pks in wanted.items():
        for page in visible(model).filter(pk__in=pks):
            found[(model, page.pk)] = page
    return found


def _rewrite(match, pages):
    attributes = _ATTRIBUTE.findall(match.group(1))
    value = dict(attributes).get("data-page")
    if value is None:
        return match.group(0)
    parsed = parse(value)
    page = pages.get(parsed) if parsed else None
    if page is None:
        return match.group(2)  # never a broken link: the words stay, the link goes
    kept = "".join(
        f' {name}="{text}"' for name, text in attributes if name not in ("href", "data-page")
    )
    return f'<a href="{escape(page.get_absolute_url())}"{kept}>{match.group(2)}</a>'


def render(html):
    """A cleaned text with its references turned into the pages' current addresses."""
    if not html or "data-page=" not in html:
        return html or ""
    pages = resolve(references(html))
    return _ANCHOR.sub(lambda match: _rewrite(match, pages), html)
