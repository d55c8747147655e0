"""The publishing life shared by every page type, and the revisions of pages.

Visibility is a date compared at query time, so scheduling needs no cron job: an item with
status "published" and a future ``publish_at`` appears by itself when its time comes.
A draft has no publish time until someone gives it one; an item published without one gets
the moment it is published (``fill_publish_at``), never the moment its draft was begun.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .languages import LanguagesField

# Kept in a module of its own (what visitors are told), a model of this app all the same;
# it imports nothing of this module, so it loads first, in any order.
from .public_notes import PublicNote  # noqa: F401

# What only publishing changes: a restore or a draft keeps the page's current values.
# ``review_by`` too: a restored old version must not bring back a review date long past.
PUBLISHING_FIELDS = ("status", "publish_at", "expires_at", "review_by")
# Where the page stands, kept by ``publishing.state`` from its revisions; never edited,
# never part of what a revision restores.
STATE_FIELDS = (
    "live_revision",
    "latest_revision",
    "has_unpublished_changes",
    "review_state",
    "first_published_at",
    "last_published_at",
)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    # Kept at its address with a dated banner saying why, out of lists, feeds, search and
    # the sitemap (GOV.UK's withdrawal); only ``actions.Withdraw`` sets it, with a reason.
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Gone from the site: its addresses answer 410 Gone or 301 to a replacement (the
    # addresses app keeps those); the row, parts and revisions stay, so it can be restored.
    # Only ``actions.Remove`` sets it.
    REMOVED = "removed", _("Removed")


# What a visitor may open at its address (published or withdrawn, once its time has come).
VISIBLE = (Status.PUBLISHED, Status.WITHDRAWN)


class ReviewState(models.TextChoices):
    """Where a page stands in review, for new pages and changes to live pages alike."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    REJECTED = "rejected", _("Rejected")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published items whose time has come, expired or not (their URLs keep working)."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now)

    def visible(self, now=None):
        """What answers at its address: published items and withdrawn ones (with a banner)."""
        now = now or timezone.now()
        return self.filter(status__in=VISIBLE, publish_at__lte=now)

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
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to publish at the moment of publishing. Set a future date and time "
            "to schedule publication."
        ),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Optional. After this moment the item leaves lists but keeps its address."),
    )
    # When staff must check the page is still true; a page type may give a default
    # (``publishing.register(..., review_months=6)``), filled in when it is published.
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "The date by which someone must check this page is still true. Leave empty for "
            "the default of its kind, if it has one. The dashboard lists pages past it."
        ),
    )
    # Content, not publishing: a draft that changes it is reviewed, a revision restores it
    # (publishing/languages.py).
    published_languages = LanguagesField(
        _("published in"),
        help_text=_(
            "English is always published. Tick a language when its translation is ready: "
            "until then its visitors read the English."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # State on the row (as Wagtail's DraftStateMixin and RevisionMixin keep it): lists and
    # the dashboard filter on it, no subquery per row.
    live_revision = models.ForeignKey(
        "publishing.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("live revision"),
    )
    latest_revision = models.ForeignKey(
        "publishing.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("latest revision"),
    )
    has_unpublished_changes = models.BooleanField(
        _("has unpublished changes"), default=False, editable=False
    )
    review_state = models.CharField(
        _("review state"),
        max_length=10,
        choices=ReviewState,
        default=ReviewState.DRAFT,
        editable=False,
    )
    first_published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )
    last_published_at = models.DateTimeField(
        _("last published at"), null=True, blank=True, editable=False
    )

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
        self.fill_publish_at()
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            raise ValidationError(
                {"expires_at": _("The expiry must come after the publish time. Move it later.")}
            )

    def fill_publish_at(self):
        """A published item without a publish time is published now."""
        if self.status == Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    @property
    def is_published(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_withdrawn(self):
        return self.status == Status.WITHDRAWN

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()


class Revision(models.Model):
    """A snapshot of a whole page, its parts included, as one JSON document.

    Pages and parts are plain tables holding what visitors see; a revision is a copy of
    a page as it was or as someone wants it to be. ``applied`` says whether its content
    reached the tables (an edit of a draft page, a publish, a restore, an import) or is
    held back (an edit of a live page, waiting for a publisher).
    """

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        EDIT = "edit", _("Saved")
        DRAFT = "draft", _("Draft of a live page")
        PUBLISH = "publish", _("Published")
        WITHDRAW = "withdraw", _("Withdrawn")
        RESTORE = "restore", _("Restored")
        IMPORT = "import", _("Imported")

    class Review(models.TextChoices):
        NONE = "", _("Not submitted")
        SUBMITTED = "submitted", _("Waiting for review")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    applied = models.BooleanField(_("applied"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    review = models.CharField(_("review"), max_length=10, choices=Review, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    data = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="publishing_rev_page_idx"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def author_name(self):
        if self.author is None:
            return _("the system")
        return self.author.get_full_name() or self.author.get_username()


def fill_publish_at(sender, instance, **kwargs):
    # A signal, not save(): loaddata (raw) and the import (bulk writes, which send pre_save
    # themselves) skip save() but not this, so every way of publishing gets a time.
    if isinstance(instance, Publishable):
        instance.fill_publish_at()


pre_save.connect(fill_publish_at, dispatch_uid="publishing-fill-publish-at")
