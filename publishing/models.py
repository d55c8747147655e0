"""The publishing life shared by relations and notices.

Visibility is a date compared at query time, so scheduling needs no cron job: an item with
status "published" and a future ``publish_at`` appears by itself when its time comes.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published items whose time has come, expired or not (their URLs keep working)."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now)

    def current(self, now=None):
        """Published and not expired: what lists, feeds and the home page show."""
        now = now or timezone.now()
        return self.published(now).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class Publishable(models.Model):
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=_("Drafts are seen only by staff. Published items appear at their publish time."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("Set a future date and time to schedule publication."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Optional. After this moment the item leaves lists but keeps its address."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["status", "publish_at"], name="%(app_label)s_%(class)s_pub_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(expires_at__gt=models.F("publish_at")),
                name="%(app_label)s_%(class)s_expires_after_publish",
            ),
        ]

    def clean(self):
        super().clean()
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            raise ValidationError(
                {"expires_at": _("The expiry must come after the publish time. Move it later.")}
            )

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()
