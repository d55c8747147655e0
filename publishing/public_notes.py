"""What visitors read about a page's history: the notes of withdrawals and changes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicNote(models.Model):
    """What visitors read about a page's history: why it was withdrawn, what changed.

    A row of its own (keyed like a revision, by content type and id), not fields on each
    page type: publishing knows no page type, a page gathers many change notes over time,
    and one model registered once with modeltranslation (publishing/translation.py) gives
    every page type, present and future, the same translated text. A restore or a draft
    never touches it: it is what was said to visitors, not part of the page.
    """

    class Kind(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Withdrawal")
        CHANGED = "changed", _("Change note")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=1000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("public note")
        verbose_name_plural = _("public notes")
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="publishing_note_page_idx"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
