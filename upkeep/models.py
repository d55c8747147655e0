"""What the last link checks found, one row per link of a published page, and the lock
that keeps two runs of ``check_links`` apart."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    OK = "ok", _("Works")
    WARNING = "warning", _("Check it")
    BROKEN = "broken", _("Broken")


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
        return str(self.status) if self.status else self.error


class RunLock(models.Model):
    """A row per command; a run holds it until ``held_until`` (a crashed run's expires)."""

    name = models.CharField(max_length=50, primary_key=True)
    held_until = models.DateTimeField()

    def __str__(self):
        return self.name
