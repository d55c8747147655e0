"""What the last link checks found, one row per link of a published page; what staff said
of the other upkeep items ("mark checked", "remind me later"); the review reminders sent;
and the lock that keeps two runs of a command apart."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    OK = "ok", _("Works")
    WARNING = "warning", _("Check it")
    BROKEN = "broken", _("Broken")


# A link the checker did not ask for, and why; stored in English as the other errors are,
# and said in the reader's language by ``LinkCheck.describe``.
NOT_CHECKED = "Not checked"
INTERNAL = "Not checked: internal address"
NOT_WEB = "Not checked: not a web address"
# A link made with the editor's page picker whose page visitors no longer get as published
# (upkeep/links.py): not asked for, listed as broken.
WITHDRAWN_PAGE = "Picked page: withdrawn"
UNPUBLISHED_PAGE = "Picked page: not published"


class LinkQuerySet(models.QuerySet):
    def to_show(self, now=None):
        """Problems staff have neither marked checked (as they are now) nor put off."""
        now = now or timezone.now()
        return (
            self.exclude(tier=Tier.OK)
            .exclude(dismissed=models.F("signature"))
            .filter(models.Q(snoozed_until__isnull=True) | models.Q(snoozed_until__lte=now))
        )


class LinkCheck(models.Model):
    url = models.CharField(_("link"), max_length=2000)
    page_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("page type")
    )
    page_id = models.PositiveBigIntegerField(_("page id"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    tier = models.CharField(_("result"), max_length=10, choices=Tier, default=Tier.OK)
    # "tier:status" of the last result; "mark checked" copies it, so the link shows again
    # only when its result changes.
    signature = models.CharField(max_length=40, blank=True)
    dismissed = models.CharField(max_length=40, blank=True)
    snoozed_until = models.DateTimeField(_("reminder put off until"), null=True, blank=True)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_checked = models.DateTimeField(_("last checked"), null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["page_type", "page_id", "url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.UniqueConstraint(
                fields=["page_type", "page_id", "url"], name="upkeep_link_once_per_page"
            )
        ]
        indexes = [models.Index(fields=["tier"], name="upkeep_link_tier_idx")]

    def __str__(self):
        return self.url

    def describe(self):
        """What went wrong, in words: the status, or the error."""
        if self.status:
            return str(self.status)
        if self.error.startswith(INTERNAL):
            detail = self.error[len(INTERNAL) :].strip(" ()")
            return _(
                "Not checked: internal address (%(detail)s). The link checker asks only for "
                "public addresses; check this link by hand."
            ) % {"detail": detail}
        if self.error == WITHDRAWN_PAGE:
            return _("Links to a withdrawn page. Link to what replaces it, or remove the link.")
        if self.error == UNPUBLISHED_PAGE:
            return _(
                "Links to a page that is not published (a draft, removed or deleted): visitors "
                "see the words without the link."
            )
        if self.error == NOT_WEB:
            return _("Not checked: the link checker asks only for http and https addresses.")
        return self.error


class RunLock(models.Model):
    """A row per command; a run holds it until ``held_until`` (a crashed run's expires)."""

    name = models.CharField(max_length=50, primary_key=True)
    held_until = models.DateTimeField()

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    """The kinds of item in the dashboard's upkeep list, besides links (``LinkCheck``)."""

    REVIEW = "review", _("Review overdue")
    TRANSLATION = "translation", _("Translation out of date")
    ALT_TEXT = "alt_text", _("Image lacks alt text")


class Dismissal(models.Model):
    """ "Remind me later" (``snoozed_until``) and "mark checked" (``checked``: the item's
    signature as it was, so it comes back when it changes) for one item of the list:
    a page (review, translation) or an image (alt text)."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    checked = models.CharField(max_length=64, blank=True)
    snoozed_until = models.DateTimeField(_("reminder put off until"), null=True, blank=True)

    class Meta:
        verbose_name = _("upkeep reminder")
        verbose_name_plural = _("upkeep reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"], name="upkeep_dismissal_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.content_type_id}:{self.object_id}"


class ReviewReminder(models.Model):
    """An e-mail sent about a page past its review-by date: one per page and date, so the
    daily ``send_review_reminders`` never sends it twice."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    review_by = models.DateField(_("review by"))
    sent_to = models.CharField(_("sent to"), max_length=500)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "review_by"], name="upkeep_review_mail_once"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.review_by}"
