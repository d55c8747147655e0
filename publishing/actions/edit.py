"""Save a draft: a change to a live page, held in a revision until a publisher publishes it."""

from django.db import transaction

from .. import revisions
from ..models import Revision
from .base import Action


class SaveDraft(Action):
    """``data`` is the whole page as the editor wants it (a snapshot taken in a savepoint
    that was rolled back): the tables and visitors keep the live version."""

    def __init__(self, page, user, data, note=""):
        super().__init__(page, user)
        self.data, self.note = data, note

    def check(self):
        self.may_change()

    def execute(self):
        with transaction.atomic():
            return revisions.record(
                self.page,
                Revision.Kind.DRAFT,
                author=self.user,
                note=self.note,
                applied=False,
                data=self.data,
            )
