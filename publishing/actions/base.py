"""The shape every action has, and the checks several share."""

from django.utils.translation import gettext as _

from .. import revisions
from ..registry import registry


class Refused(Exception):
    """Why an action may not be done now, in a sentence for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Action:
    def __init__(self, page, user):
        self.page = page
        self.user = user
        self.page_type = registry.for_model(type(page))

    def check(self):
        """Raise ``Refused`` unless this user may do this to the page now."""

    def execute(self):
        raise NotImplementedError

    def run(self):
        self.check()
        return self.execute()

    # Shared checks ------------------------------------------------------------------------

    def may_change(self):
        opts = self.page_type.model._meta
        if not self.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise Refused(_("You may not change this page."))

    def may_publish(self):
        self.may_change()
        if not self.user.has_perm(self.page_type.publish_permission):
            raise Refused(_("Only a publisher can do this."))

    def is_waiting(self, revision):
        """The revision is what waits for review: the page's latest, not yet published."""
        if revision is None or revisions.waiting(self.page) != revision:
            raise Refused(_("This draft is no longer waiting: a newer revision exists."))
