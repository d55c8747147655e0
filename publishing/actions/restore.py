"""Restore an earlier revision: the page and its parts become equal to it, whole or not."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import revisions, snapshots
from ..models import Revision
from .base import Action, Refused


class Restore(Action):
    def __init__(self, page, user, revision):
        super().__init__(page, user)
        self.revision = revision

    def check(self):
        self.may_publish()  # restoring changes what visitors see: a publisher's decision
        if found := snapshots.problems(self.revision.data):
            # django-reversion's RevertError, as a sentence: nothing is applied half.
            raise Refused(
                _("Nothing was restored: this revision no longer fits the site. %(why)s")
                % {"why": " ".join(found)}
            )

    def execute(self):
        when = timezone.localtime(self.revision.created_at)
        note = _("Restored the revision of %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"}
        with transaction.atomic():
            snapshots.apply(self.page, self.revision.data)
            return revisions.record(self.page, Revision.Kind.RESTORE, author=self.user, note=note)
