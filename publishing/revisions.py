"""Revisions of pages: record, find the draft waiting, publish, restore, review.

Every page has a baseline: the first revision, taken from the tables however the page got
there (admin, import, loaddata, the ORM). Until someone edits the page through the site,
the baseline follows the tables (a fixture loads a page row by row); from the first edit
on, it stays as it was, so "restore the baseline" gives back what was loaded.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import snapshots, state
from .models import Revision, Status
from .registry import registry


def for_page(page):
    content_type = ContentType.objects.get_for_model(type(page))
    return Revision.objects.filter(content_type=content_type, object_id=page.pk)


def pending_draft(page):
    """The newest revision, when it is a draft not yet applied: what editors work on."""
    newest = for_page(page).select_related("author").first()
    return newest if newest is not None and not newest.applied else None


def token(page):
    """What a form opened now saw: a later save of the page makes it stale."""
    newest = for_page(page).values_list("pk", flat=True).first()
    return str(newest or 0)


def is_live(page):
    """Published in the database (scheduled included): its edits are held as drafts."""
    manager = type(page)._default_manager
    return manager.filter(pk=page.pk, status=Status.PUBLISHED).exists()


def record(page, kind, *, author=None, note="", applied=True, data=None):
    """A new revision of the page; the first one of a page is always its baseline."""
    if data is None:
        data = snapshots.take(page)
    if not for_page(page).exists():
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


def publish(page, revision, user):
    """Apply a draft to the tables and make the page public, as one change."""
    with transaction.atomic():
        snapshots.apply(page, revision.data)
        page = type(page)._default_manager.get(pk=page.pk)
        page.status = Status.PUBLISHED
        if page.publish_at is None:
            page.publish_at = timezone.now()
        page.save()
        revision.review = Revision.Review.PUBLISHED
        revision.reviewed_by = user
        revision.save(update_fields=["review", "reviewed_by"])
        note = _("Published the changes of %(author)s.") % {"author": revision.author_name}
        return record(page, Revision.Kind.PUBLISH, author=user, note=note)


def restore(page, revision, user):
    """Make the page equal to the revision, parts included; publishing state is kept."""
    with transaction.atomic():
        snapshots.apply(page, revision.data)
        when = timezone.localtime(revision.created_at)
        note = _("Restored the revision of %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"}
        return record(page, Revision.Kind.RESTORE, author=user, note=note)


def publishers(page_type):
    # The model backend holds the groups' permissions (django-axes adds a second backend).
    users = get_user_model()._default_manager.with_perm(
        page_type.publish_permission, backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_active=True).exclude(email="")


def submit(page, revision, user, request=None):
    """An editor asks for review: the revision is marked and publishers are emailed. If the
    email cannot be sent the mark is undone and the error raised, so it can be sent again."""
    with transaction.atomic():
        revision.review = Revision.Review.SUBMITTED
        revision.save(update_fields=["review"])
        return _email_publishers(page, revision, user, request)


def _email_publishers(page, revision, user, request):
    page_type = registry.for_model(type(page))
    opts = page_type.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[page.pk, revision.pk])
    if request is not None:
        url = request.build_absolute_uri(url)
    recipients = list(publishers(page_type).values_list("email", flat=True))
    if recipients:
        send_mail(
            _("Review requested: %(page)s") % {"page": page},
            _(
                "%(author)s asks a publisher to review changes to “%(page)s”.\n\n"
                "Review, publish or reject them here:\n%(url)s\n"
            )
            % {"author": user.get_full_name() or user.get_username(), "page": page, "url": url},
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    return len(recipients)


def reject(revision, user, comment):
    revision.review = Revision.Review.REJECTED
    revision.reviewed_by = user
    revision.review_comment = comment
    revision.save(update_fields=["review", "reviewed_by", "review_comment"])
