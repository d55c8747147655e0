from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    MISSING = "missing", _("Not translated")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    CURRENT = "current", _("Up to date")


class TranslationStamp(models.Model):
    """One translated field of one object in one language: which English it was made from.

    The English is kept as it was when the translation was last written (its hash and its
    text, for the diff), with the page's newest revision then. When the English changes,
    the stamp is out of date until the translation is written again, or a publisher says
    the English change was minor.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    # The page the object belongs to (itself, or a relation for a section), for the lists.
    page_type = models.CharField(_("page type"), max_length=100)
    page_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(_("state"), max_length=12, choices=State)
    source_hash = models.CharField(max_length=64, blank=True)
    source_text = models.TextField(_("English it was translated from"), blank=True)
    source_revision = models.ForeignKey(
        "publishing.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    translation_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation status")
        ordering = ["page_type", "page_id", "content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translations_one_stamp_per_field",
            )
        ]
        indexes = [models.Index(fields=["page_type", "state"], name="translations_state_idx")]

    def __str__(self):
        return f"{self.page_type} {self.page_id} {self.field} [{self.language}]"
