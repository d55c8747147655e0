"""Old addresses the site keeps answering: a 301 to where the page went, or 410 Gone.

Every redirect is one hop: saving one that leads to an old address of another redirect
follows it to its end, and redirects that led to this one's old address are pointed at its
new target (A→B and then B→C makes A→C). A redirect that would lead back to its own old
address is refused.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language_from_path, override
from django.utils.translation import gettext_lazy as _


def normalise(value):
    """A path as visitors' browsers send it: a pasted full address keeps only its path."""
    value = (value or "").strip()
    if value.startswith(("http://", "https://")):
        parts = urlsplit(value)
        value = parts.path or "/"
        if parts.query:
            value += "?" + parts.query
    return value


class Redirect(models.Model):
    class Origin(models.TextChoices):
        SYSTEM = "system", _("The site, when a page moved")
        STAFF = "staff", _("Staff")

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The path visitors still ask for, with its language, e.g. “/en/notices/visa/”, "
            "or a path of the old site, e.g. “/visa.html”. A full address keeps only its path."
        ),
    )
    target_path = models.CharField(
        _("new address"),
        max_length=500,
        blank=True,
        help_text=_("Where visitors are sent: a path of this site, or a full address."),
    )
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page type"),
        help_text=_("Or a page, which visitors follow wherever it moves: its type and id."),
    )
    target_id = models.PositiveBigIntegerField(_("page id"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    gone = models.BooleanField(
        _("gone"),
        default=False,
        help_text=_("Removed for good, with no replacement: visitors get “410 Gone”."),
    )
    permanent = models.BooleanField(
        _("permanent"),
        default=True,
        help_text=_("Tell search engines the page moved for good (301). Untick for 302."),
    )
    created_by = models.CharField(
        _("made by"), max_length=10, choices=Origin, default=Origin.STAFF, editable=False
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(gone=True, target_path="", target_type__isnull=True)
                    | models.Q(gone=False, target_type__isnull=True) & ~models.Q(target_path="")
                    | models.Q(gone=False, target_path="", target_type__isnull=False)
                ),
                name="addresses_redirect_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.destination_label()}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.collapse_into()

    def clean(self):
        super().clean()
        self.old_path = normalise(self.old_path)
        self.target_path = normalise(self.target_path)
        errors = {}
        if not self.old_path.startswith("/") or "?" in self.old_path or "#" in self.old_path:
            errors["old_path"] = _(
                "Give the path as it follows the site's name, starting with “/” and without "
                "“?” or “#”, e.g. “/en/notices/visa/”."
            )
        chosen = [bool(self.target_path), self.target_type_id is not None, self.gone]
        if sum(chosen) != 1:
            errors["target_path"] = _(
                "Choose one: a new address, a page (its type and id), or “gone”."
            )
        elif self.target_type_id is not None and self.target is None:
            errors["target_id"] = _("There is no page of that type with this id.")
        elif self.target_path and not self.target_path.startswith(("/", "http://", "https://")):
            errors["target_path"] = _(
                "Give a path of this site starting with “/”, or a full address with https://."
            )
        if errors:
            raise ValidationError(errors)
        self.refuse_live_address()
        self.follow_chain()

    def refuse_live_address(self):
        """A redirect only answers where the site has nothing: refuse one that would hide."""
        from .probe import answer, release

        response = answer(self.old_path)
        release(response)
        status = response.status_code
        ours = Redirect.objects.filter(old_path=self.old_path).exists()
        if 200 <= status < 300 or (300 <= status < 400 and not ours):
            raise ValidationError(
                {
                    "old_path": _(
                        "Visitors already get a page at “%(old)s” (it answers %(status)s), so "
                        "a redirect from it would never be used."
                    )
                    % {"old": self.old_path, "status": status}
                }
            )

    def follow_chain(self):
        """One hop: a target that is itself an old address takes that redirect's end."""
        if self.target_path:
            onward = Redirect.objects.filter(old_path=self.target_path).exclude(pk=self.pk)
            onward = onward.first()
            if onward is not None:
                self.target_path = onward.target_path
                self.target_type_id, self.target_id = onward.target_type_id, onward.target_id
                self.gone = onward.gone
        if self.target_path == self.old_path or self.target_url() == self.old_path:
            raise ValidationError(
                {
                    "target_path": _(
                        "This would send visitors in a circle: the new address leads back "
                        "to “%(old)s”. Choose another address."
                    )
                    % {"old": self.old_path}
                }
            )

    def collapse_into(self):
        """Redirects that led to this one's old address now lead where it leads."""
        Redirect.objects.filter(target_path=self.old_path).exclude(pk=self.pk).update(
            target_path=self.target_path,
            target_type_id=self.target_type_id,
            target_id=self.target_id,
            gone=self.gone,
        )

    def target_url(self):
        """Where visitors go: the path, or the page's address in the old path's language."""
        if self.target_path:
            return self.target_path
        page = self.target
        if page is None:
            return None
        language = get_language_from_path(self.old_path)
        if language is None:
            return page.get_absolute_url()
        with override(language):
            return page.get_absolute_url()

    def destination_label(self):
        if self.gone:
            return _("gone (410)")
        return self.target_url() or _("a page that no longer exists")
