"""Reading the notes for visitors (``models.PublicNote``): a page's own, and the latest
change note of many pages at once (a feed) in one query."""

from .models import PublicNote, Status


def of_model(model):
    """Notes of pages of ``model``: joined on the content type by name, so the query count
    never depends on ContentType's process cache."""
    opts = model._meta
    return PublicNote.objects.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name
    )


def notes_of(page):
    """``withdrawn``: the latest withdrawal while the page is withdrawn, else None;
    ``changes``: the change notes, newest first. One query."""
    found = list(of_model(type(page)).filter(object_id=page.pk))
    kinds = PublicNote.Kind
    withdrawn = next((note for note in found if note.kind == kinds.WITHDRAWN), None)
    return {
        "withdrawn": withdrawn if page.status == Status.WITHDRAWN else None,
        "changes": [note for note in found if note.kind == kinds.CHANGED],
    }


def with_latest_change(pages):
    """The pages (of one model) as a list, each with ``latest_change``: its newest change
    note or None."""
    pages = list(pages)
    if not pages:
        return pages
    found = of_model(type(pages[0])).filter(
        object_id__in=[page.pk for page in pages], kind=PublicNote.Kind.CHANGED
    )
    latest = {}
    for note in found:  # newest first (the model's order)
        latest.setdefault(note.object_id, note)
    for page in pages:
        page.latest_change = latest.get(page.pk)
    return pages
