"""Where a page stands, kept on its row and derived from its revisions in one place.

Every action (``publishing.actions``) and every write outside them (loaddata, the ORM,
imports: ``revisions.follow_tables``) ends by calling ``refresh``, so the row's state is a
function of the page's visibility and its revisions, never a second truth to keep in step.
The row is written with ``update()``: no save signal runs again.

- ``latest_revision``: the newest revision; ``live_revision``: the newest one that reached
  the tables while the page is published (what visitors see), else none.
- ``has_unpublished_changes``: the latest revision is a draft held back, or the page is
  not visible at all (a new page, or one withdrawn and changed since).
- ``review_state``: submitted or rejected when its latest revision is; withdrawn when that
  was the last thing done; scheduled or published when nothing waits; else draft.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import STATE_FIELDS, VISIBLE, ReviewState, Revision, Status


def derive(page, latest, live):
    """The state fields for ``page`` (as stored now) with these revisions."""
    published = page.status == Status.PUBLISHED
    # A withdrawn page is still read at its address: its edits are held like a live one's.
    visible = page.status in VISIBLE
    withdrawn = latest is not None and latest.kind == Revision.Kind.WITHDRAW
    unpublished = latest is not None and not withdrawn and (not latest.applied or not visible)
    if latest is not None and latest.review == Revision.Review.SUBMITTED:
        review = ReviewState.SUBMITTED
    elif latest is not None and latest.review == Revision.Review.REJECTED:
        review = ReviewState.REJECTED
    elif page.status == Status.WITHDRAWN or (withdrawn and not published):
        review = ReviewState.WITHDRAWN
    elif published and not unpublished:
        future = page.publish_at is not None and page.publish_at > timezone.now()
        review = ReviewState.SCHEDULED if future else ReviewState.PUBLISHED
    else:
        review = ReviewState.DRAFT
    last = page.last_published_at
    if published:
        last = live.created_at if live is not None else page.publish_at
        if page.publish_at is not None and (last is None or page.publish_at > last):
            last = page.publish_at  # scheduled: visitors see it from then
    first = page.first_published_at or (last if published else None)
    return {
        "latest_revision": latest,
        "live_revision": live if visible else None,
        "has_unpublished_changes": unpublished,
        "review_state": review,
        "first_published_at": first,
        "last_published_at": last,
    }


def refresh(page):
    """Write the page's state from its revisions; ``page`` may be a stale instance."""
    found = refresh_many(type(page), [page.pk])
    current = found.get(page.pk)
    if current is not None:
        for name in STATE_FIELDS:
            attname = type(page)._meta.get_field(name).attname
            setattr(page, attname, getattr(current, attname))
    return current


def refresh_many(model, pks):
    """The same for many pages of one type (an import) in a fixed number of queries."""
    pages = {page.pk: page for page in model._default_manager.filter(pk__in=pks)}
    if not pages:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    rows = Revision.objects.filter(content_type=content_type, object_id__in=list(pages))
    rows = rows.only("id", "object_id", "kind", "applied", "review", "created_at")
    latest, live = {}, {}
    for revision in rows.order_by("-created_at", "-id").iterator(chunk_size=2000):
        latest.setdefault(revision.object_id, revision)
        if revision.applied:
            live.setdefault(revision.object_id, revision)
    for pk, page in pages.items():
        for name, value in derive(page, latest.get(pk), live.get(pk)).items():
            setattr(page, name, value)
    model._default_manager.bulk_update(list(pages.values()), STATE_FIELDS, batch_size=200)
    return pages


def refresh_unknown(model):
    """After migrate: rows whose state was never written (older content, bulk writes)."""
    pks = list(
        model._default_manager.filter(latest_revision__isnull=True).values_list("pk", flat=True)
    )
    for start in range(0, len(pks), 500):
        refresh_many(model, pks[start : start + 500])


def _labels():
    """Every label as a whole sentence, so each language phrases each combination itself
    (not "%(state)s, with %(changes)s", which read "Live, with rejected")."""
    return {
        ("draft", None): _("Draft"),
        ("draft", ReviewState.SUBMITTED): _("Draft, waiting for review"),
        ("draft", ReviewState.REJECTED): _("Draft, rejected by a publisher"),
        ("live", None): _("Live"),
        ("live", "changed"): _("Live, with unpublished changes"),
        ("live", ReviewState.SUBMITTED): _("Live, with changes waiting for review"),
        ("live", ReviewState.REJECTED): _("Live, with changes a publisher rejected"),
        ("expired", None): _("Expired"),
        ("expired", "changed"): _("Expired, with unpublished changes"),
        ("expired", ReviewState.SUBMITTED): _("Expired, with changes waiting for review"),
        ("expired", ReviewState.REJECTED): _("Expired, with changes a publisher rejected"),
        ("scheduled", None): _("Scheduled for %(when)s"),
        ("scheduled", "changed"): _("Scheduled for %(when)s, with unpublished changes"),
        ("scheduled", ReviewState.SUBMITTED): _(
            "Scheduled for %(when)s, with changes waiting for review"
        ),
        ("scheduled", ReviewState.REJECTED): _(
            "Scheduled for %(when)s, with changes a publisher rejected"
        ),
    }


def label(page):
    """What staff read about a page in lists: its visibility and what waits."""
    now = timezone.now()
    review = page.review_state
    waiting = review if review in (ReviewState.SUBMITTED, ReviewState.REJECTED) else None
    if page.status == Status.REMOVED:
        return _("Removed")
    if page.status != Status.PUBLISHED:
        if review == ReviewState.WITHDRAWN:
            return _("Withdrawn")
        return _labels()[("draft", waiting)]
    when = None
    if page.publish_at and page.publish_at > now:
        shown = "scheduled"
        when = date_format(timezone.localtime(page.publish_at), "DATETIME_FORMAT")
    elif page.expires_at and page.expires_at <= now:
        shown = "expired"
    else:
        shown = "live"
    changes = (waiting or "changed") if page.has_unpublished_changes else None
    text = _labels()[(shown, changes)]
    return text % {"when": when} if when else text
