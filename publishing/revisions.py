"""Revisions of pages: record them, and find the one that waits.

What staff do with them (publish, restore, review) are the actions in
``publishing.actions``; this module only writes and reads revisions.

Every page has a baseline: the first revision, taken from the tables however the page got
there (admin, import, loaddata, the ORM). Until someone edits the page through the site,
the baseline follows the tables (a fixture loads a page row by row); from the first edit
on, it stays as it was, so "restore the baseline" gives back what was loaded.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from . import snapshots, state
from .models import Revision


def for_page(page):
    content_type = ContentType.objects.get_for_model(type(page))
    return Revision.objects.filter(content_type=content_type, object_id=page.pk)


def pending_draft(page):
    """The newest revision, when it is a draft held back from a live page: what the change
    form and staff previews show instead of the tables."""
    newest = for_page(page).select_related("author", "reviewed_by").first()
    return newest if newest is not None and not newest.applied else None


def waiting(page):
    """The revision a publisher would publish: the latest, while the page (as stored) has
    unpublished changes. A new page's latest save waits too, as a live page's draft does."""
    stored = (
        type(page)
        ._default_manager.filter(pk=page.pk)
        .values("latest_revision_id", "has_unpublished_changes")
    )
    stored = stored.first()
    if not stored or not stored["has_unpublished_changes"]:
        return None
    latest = for_page(page).select_related("author", "reviewed_by").first()
    return latest if latest is not None and latest.pk == stored["latest_revision_id"] else None


def token(page):
    """What a form opened now saw: a later save of the page makes it stale."""
    stored = (
        type(page)._default_manager.filter(pk=page.pk).values_list("latest_revision_id", flat=True)
    )
    return str(stored.first() or 0)


def record(page, kind, *, author=None, note="", applied=True, data=None):
    """A new revision of the page. The first one is its baseline when the system takes it;
    a page made by a person starts with what they saved."""
    if data is None:
        data = snapshots.take(page)
    if author is None and not for_page(page).exists():
        kind = Revision.Kind.BASELINE
    revision = Revision.objects.create(
        content_type=ContentType.objects.get_for_model(type(page)),
        object_id=page.pk,
        kind=kind,
        author=author,
        note=note[:300],
        applied=applied,
        data=data,
    )
    state.refresh(page)
    return revision


def record_many(model, pks, kind, *, author=None, note=""):
    """One revision for each of many pages of one type (an import), in a few queries."""
    content_type = ContentType.objects.get_for_model(model)
    known = set(
        Revision.objects.filter(content_type=content_type, object_id__in=pks).values_list(
            "object_id", flat=True
        )
    )
    Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=pk,
            kind=kind if pk in known else Revision.Kind.BASELINE,
            author=author,
            note=note[:300],
            data=data,
        )
        for pk, data in snapshots.take_many(model, pks).items()
    )
    state.refresh_many(model, pks)


def without_revisions(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    known = Revision.objects.filter(content_type=content_type, object_id__in=pks)
    return set(pks) - set(known.values_list("object_id", flat=True))


def ensure_baseline(page):
    if not for_page(page).exists():
        record(page, Revision.Kind.BASELINE, note=_("Content as it was before the first edit."))


def follow_tables(page_type, page_id):
    """After a write outside the revision system: give the page its baseline, or keep the
    automatic baseline equal to the tables while it is the page's only revision."""
    page = page_type.model._default_manager.filter(pk=page_id).first()
    if page is None:
        return
    revisions = list(for_page(page)[:2])
    if not revisions:
        ensure_baseline(page)
        return
    if len(revisions) == 1 and revisions[0].author_id is None:
        baseline = revisions[0]
        if baseline.kind == Revision.Kind.BASELINE:
            baseline.data = snapshots.take(page)
            baseline.save(update_fields=["data"])
    state.refresh(page)  # status or dates may have changed outside the actions
