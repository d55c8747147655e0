"""Remove a page: its addresses answer 410 Gone, or 301 to the page that replaces it.

The row is kept with the status "removed" (not deleted): its parts, files and revisions
stay, so a publisher can bring it back by publishing it again, and nothing that names it
(a revision, a redirect to it, a link check) is left pointing at nothing. Publishing knows
no addresses: ``page_removed`` is sent inside the action's transaction, and the addresses
app answers it by keeping the gone records or redirects (all or nothing, with the page).
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from .. import revisions
from ..models import Revision, Status
from ..registry import registry
from .base import Action, Refused

# Sent with ``sender=<page model>``, ``page`` and ``replacement`` (a live page or None).
page_removed = Signal()

REMOVABLE = (Status.PUBLISHED, Status.WITHDRAWN)


def is_live(page):
    return page is not None and page.status == Status.PUBLISHED and page.is_published


class Remove(Action):
    def __init__(self, page, user, replacement=None):
        super().__init__(page, user)
        self.replacement = replacement

    def check(self):
        self.may_publish()
        if self.page.status not in REMOVABLE:
            raise Refused(_("Only a published or withdrawn page can be removed."))
        if self.replacement is not None:
            same = type(self.replacement) is type(self.page) and self.replacement.pk == self.page.pk
            if same:
                raise Refused(_("A page cannot replace itself. Choose another page, or none."))
            if registry.for_model(type(self.replacement)) is None or not is_live(self.replacement):
                raise Refused(_("The replacement must be a page visitors can read now."))

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            if locked.status not in REMOVABLE:
                raise Refused(_("This page was removed a moment ago."))
            locked.status = Status.REMOVED
            locked.save()
            page_removed.send(sender=model, page=locked, replacement=self.replacement)
            if self.replacement is None:
                note = _("Removed: its addresses answer “gone” (410).")
            else:
                note = _("Removed: visitors are sent to “%(page)s”.") % {"page": self.replacement}
            # A withdrawal's kind: nothing waits for a publisher (see ``state.derive``).
            record = revisions.record(
                locked, Revision.Kind.WITHDRAW, author=self.user, note=note[:300]
            )
        self.page.refresh_from_db()
        return record
