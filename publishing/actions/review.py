"""Send a draft for review, and reject it with a comment: the editor's and the publisher's
half of the review (GOV.UK's 2i), for new pages and changes to live pages alike."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import state
from ..control_characters import one_line
from ..models import Revision
from .base import Action, Refused


def review_subject(page):
    """The subject of the email asking for review: built here only, on one line whatever
    the title holds (a header break would make the mail unsendable)."""
    return one_line(_("Review requested: %(page)s") % {"page": page})


def publishers(page_type):
    # The model backend holds the groups' permissions (django-axes adds a second backend).
    users = get_user_model()._default_manager.with_perm(
        page_type.publish_permission, backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_active=True).exclude(email="")


class Submit(Action):
    """Mark the waiting draft for review and email the publishers. If the email cannot be
    sent the mark is undone and the error raised, so it can be sent again."""

    def __init__(self, page, user, revision, request=None):
        super().__init__(page, user)
        self.revision, self.request = revision, request

    def check(self):
        self.may_change()
        self.is_waiting(self.revision)
        if self.revision.review == Revision.Review.SUBMITTED:
            raise Refused(_("These changes are already waiting for review."))

    def execute(self):
        with transaction.atomic():
            self.revision.review = Revision.Review.SUBMITTED
            self.revision.save(update_fields=["review"])
            state.refresh(self.page)
            return self._email()

    def _email(self):
        opts = self.page_type.model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_revision",
            args=[self.page.pk, self.revision.pk],
        )
        if self.request is not None:
            url = self.request.build_absolute_uri(url)
        recipients = list(publishers(self.page_type).values_list("email", flat=True))
        if recipients:
            name = self.user.get_full_name() or self.user.get_username()
            body = _(
                "%(author)s asks a publisher to review changes to “%(page)s”.\n\n"
                "Review, publish or reject them here:\n%(url)s\n"
            ) % {"author": name, "page": self.page, "url": url}
            send_mail(review_subject(self.page), body, settings.DEFAULT_FROM_EMAIL, recipients)
        return len(recipients)


class Reject(Action):
    def __init__(self, page, user, revision, comment):
        super().__init__(page, user)
        self.revision, self.comment = revision, (comment or "").strip()

    def check(self):
        self.may_publish()
        self.is_waiting(self.revision)
        if not self.comment:
            raise Refused(_("Say why, so the editor knows what to change."))

    def execute(self):
        with transaction.atomic():
            self.revision.review = Revision.Review.REJECTED
            self.revision.reviewed_by = self.user
            self.revision.review_comment = self.comment
            self.revision.save(update_fields=["review", "reviewed_by", "review_comment"])
            state.refresh(self.page)
        return self.revision
