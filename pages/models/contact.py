"""The embassy's contact details: one record, with its opening hours as data."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def validate_osm_url(value):
    """A link to the map, never an embedded one: only openstreetmap.org over https."""
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not (
        host == "openstreetmap.org" or host.endswith(".openstreetmap.org")
    ):
        raise ValidationError(
            _("Give an https address on openstreetmap.org, such as %(example)s."),
            params={"example": "https://www.openstreetmap.org/?mlat=40.37&mlon=49.84"},
            code="not_osm",
        )


class Section(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULAR = "consular", _("Consular section")


class ContactDetails(models.Model):
    # Always True and unique: the table holds one row at most.
    singleton = models.BooleanField(default=True, editable=False, unique=True)
    address = models.TextField(
        _("address"), blank=True, help_text=_("As it is written on an envelope, one line each.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    emergency_phone = models.CharField(
        _("emergency phone for Romanian citizens"),
        max_length=40,
        blank=True,
        help_text=_("Answered outside opening hours, for emergencies only."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    map_url = models.URLField(
        _("location on OpenStreetMap"),
        blank=True,
        validators=[validate_osm_url],
        help_text=_("A link visitors follow; no map is embedded in the site."),
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="contact_details_single")
        ]

    def __str__(self):
        return str(_("Contact details of the embassy"))

    @property
    def is_filled_in(self):
        """Shown to visitors only once the facts staff must give are there."""
        return bool(self.address and self.phone and self.email)


class RegularHours(models.Model):
    """One opening interval of a weekday; a day may have several (9-12 and 14-17)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    contact = models.ForeignKey(ContactDetails, on_delete=models.CASCADE, related_name="hours")
    section = models.CharField(_("for"), max_length=10, choices=Section, default=Section.EMBASSY)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["section", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="hours_open_before_close"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError(
                {"closes": _("The closing time must come after the opening time.")}
            )


class HoursException(models.Model):
    """A day (or days) off the weekly pattern: closed, or open at other hours."""

    contact = models.ForeignKey(ContactDetails, on_delete=models.CASCADE, related_name="exceptions")
    section = models.CharField(_("for"), max_length=10, choices=Section, default=Section.EMBASSY)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("What the day is, e.g. Independence Day.")
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"), blank=True, help_text=_("Empty for one day."))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(
        _("closes"), null=True, blank=True, help_text=_("Leave both times empty when closed.")
    )

    class Meta:
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        ordering = ["first_day", "section", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="exception_days_in_order"
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True) | Q(opens__lt=F("closes")),
                name="exception_open_before_close",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.first_day:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        self.last_day = self.last_day or self.first_day
        super().save(*args, **kwargs)

    @property
    def closed(self):
        return self.opens is None

    def covers(self, day):
        return self.first_day <= day <= self.last_day

    def clean(self):
        errors = {}
        if self.first_day and not self.last_day:
            self.last_day = self.first_day
        if self.first_day and self.last_day and self.last_day < self.first_day:
            errors["last_day"] = _("The last day cannot come before the first.")
        if (self.opens is None) != (self.closes is None):
            errors["closes"] = _("Give both times, or neither when closed all day.")
        elif self.opens is not None and self.opens >= self.closes:
            errors["closes"] = _("The closing time must come after the opening time.")
        if errors:
            raise ValidationError(errors)
