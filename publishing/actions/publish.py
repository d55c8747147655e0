"""Publish a draft (now or at a time) and withdraw a page: what changes what visitors see."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import revisions, snapshots
from ..models import Revision, Status
from .base import Action, Refused


class Publish(Action):
    """Make ``revision`` (the waiting draft) what visitors see, or, without one, publish the
    page as it is. ``values`` may set ``publish_at`` (a future time schedules it) and
    ``expires_at``. The page row is locked first, so one draft is published once."""

    def __init__(self, page, user, revision=None, values=None, note=None):
        super().__init__(page, user)
        self.revision, self.values, self.note = revision, dict(values or {}), note

    def check(self):
        self.may_publish()
        if self.revision is not None:
            self.is_waiting(self.revision)
            if found := snapshots.problems(self.revision.data):
                raise Refused(" ".join(found))
        publish_at = self.values.get("publish_at", self.page.publish_at) or timezone.now()
        expires_at = self.values.get("expires_at", self.page.expires_at)
        if expires_at is not None and expires_at <= publish_at:
            raise Refused(_("The expiry must come after the publish time. Move it later."))

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            if self.revision is not None:
                # Checked again under the lock: a second publisher finds it published.
                waiting = locked.has_unpublished_changes
                if not waiting or locked.latest_revision_id != self.revision.pk:
                    raise Refused(_("This draft was published or replaced a moment ago."))
                if not self.revision.applied:
                    snapshots.apply(locked, self.revision.data)
                locked = model._default_manager.get(pk=self.page.pk)
            for name, value in self.values.items():
                setattr(locked, name, value)
            locked.status = Status.PUBLISHED
            if locked.publish_at is None:
                locked.publish_at = timezone.now()
            locked.save()
            if self.revision is not None:
                self.revision.review = Revision.Review.PUBLISHED
                self.revision.reviewed_by = self.user
                self.revision.save(update_fields=["review", "reviewed_by"])
            note = self.note
            if note is None and self.revision is not None:
                note = _("Published the changes of %(author)s.") % {
                    "author": self.revision.author_name
                }
            record = revisions.record(
                locked, Revision.Kind.PUBLISH, author=self.user, note=note or ""
            )
        self.page.refresh_from_db()
        return record


class Withdraw(Action):
    """Take a published (or scheduled) page offline now; its content stays as it is."""

    def check(self):
        self.may_publish()
        if self.page.status != Status.PUBLISHED:
            raise Refused(_("This page is not published, so there is nothing to withdraw."))

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            if locked.status != Status.PUBLISHED:
                raise Refused(_("This page was withdrawn a moment ago."))
            locked.status = Status.DRAFT
            locked.save()
            note = _("Withdrawn: visitors no longer see it.")
            record = revisions.record(locked, Revision.Kind.WITHDRAW, author=self.user, note=note)
        self.page.refresh_from_db()
        return record
