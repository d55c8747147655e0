import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing import slugs
from publishing.files import CHECKED_KIND
from publishing.models import Publishable, PublishableQuerySet

from .teasers import teaser
from .validators import (
    ALLOWED_DESCRIPTION,
    EXTENSIONS,
    extension_of,
    sniff,
    validate_attachment,
    validate_plain_text,
)

# Paths under /notices/ that a notice's slug must not take.
RESERVED_SLUGS = {"feed", "category"}
SUMMARY_MAX = 400


def attachment_path(instance, filename):
    """A generated name, so an editor's file name never decides where or what is stored."""
    ext = extension_of(filename)
    ext = ext if ext in EXTENSIONS else "bin"
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug_en=slug)  # the English slug, whatever language is active


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    # One per language (notices/translation.py), each unique among categories in any.
    slug = slugs.AddressSlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("notices:category", kwargs={"slug": self.slug})

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        slugs.check(self)

    def natural_key(self):
        return (self.slug_en,)


class NoticeQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug_en=slug)  # the English slug, whatever language is active

    def link_label_without_address(self):
        """Notices whose link has its text but no address, so visitors see no link at all."""
        # In any language; an empty translation is NULL, which exclude() would keep.
        has_label = Q(link_label_en__gt="") | Q(link_label_ro__gt="") | Q(link_label_az__gt="")
        return self.filter(has_label, link_url="")


class Notice(Publishable):
    title = models.CharField(_("title"), max_length=200)
    # One per language (notices/translation.py), each unique among notices in any.
    slug = slugs.AddressSlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the page address.")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="notices", verbose_name=_("category")
    )
    summary = models.TextField(
        _("teaser"),
        max_length=SUMMARY_MAX,
        validators=[MaxLengthValidator(SUMMARY_MAX), validate_plain_text],
        help_text=_(
            "Plain text shown in lists before the “read more” link (up to 400 characters)."
        ),
    )
    body = models.TextField(_("body"), blank=True, default="")
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Optional address of a page with more information.")
    )
    link_label = models.CharField(
        _("link text"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("What the link says, e.g. “Visa regulations on the Ministry’s site”."),
    )
    # Shown at the top of the page; an image in use cannot be deleted (images/usage.py).
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead image"),
        help_text=_("Shown at the top of the page. Choose one from the image library."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned notices stay at the top of the list.")
    )

    objects = NoticeQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-pinned", "-publish_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        permissions = [("publish_notice", _("Can publish, schedule, withdraw notices"))]
        # The lists' own order, so a page of ten is read from an index, not sorted from all.
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["-pinned", "-publish_at", "-id"], name="notices_list_idx"),
            models.Index(
                fields=["category", "-pinned", "-publish_at", "-id"], name="notices_category_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        for name in slugs.slug_columns(Notice):
            if getattr(self, name) in RESERVED_SLUGS:
                errors[slugs.english_field(Notice, name)] = _(
                    "“%(slug)s” is used by the site itself. Choose another."
                ) % {"slug": getattr(self, name)}
        if self.link_url and not self.link_label:
            errors["link_label"] = _("Say what the link leads to, so visitors know.")
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        slugs.check(self)  # each slug, in any language, names this notice alone

    def natural_key(self):
        return (self.slug_en,)

    natural_key.dependencies = ["notices.category"]

    @property
    def teaser(self):
        """The summary as lists show it (see notices.teasers: “…” only where text was cut)."""
        return teaser(self.summary, self.body)


class AttachmentManager(models.Manager):
    def get_by_natural_key(self, notice_slug, title):
        return self.get(notice__slug_en=notice_slug, title=title)


class Attachment(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        validators=[validate_attachment],
        help_text=ALLOWED_DESCRIPTION,
    )
    kind = models.CharField(_("type"), max_length=10, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AttachmentManager()

    class Meta:
        ordering = ["notice", "order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["notice", "title"], name="notices_attachment_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.file.url

    def natural_key(self):
        return (self.notice.slug_en, self.title)

    natural_key.dependencies = ["notices.notice"]


def describe_file(sender, instance, **kwargs):
    """Type and size describe the stored file; they are read from a new upload only.

    A signal, not save(): a held draft of a live notice is built without saving
    (publishing.form_snapshots sends pre_save), and must say the same of its new file."""
    if instance.file and not instance.file._committed:
        # The validator's finding, when the file went through it (admin, import).
        kind = getattr(instance.file, CHECKED_KIND, None)
        instance.kind = kind or sniff(instance.file.file) or ""
        instance.size = instance.file.size


pre_save.connect(describe_file, sender=Attachment, dispatch_uid="notices-attachment-file")
