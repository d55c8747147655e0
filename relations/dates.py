"""Dates known to a year, a month or a day, printed the way the embassy writes them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("Year (1992)")
    MONTH = "month", _("Month (May 2003)")
    DAY = "day", _("Day (4 May 1994)")


FORMATS = {Precision.YEAR: "Y", Precision.MONTH: "F Y", Precision.DAY: "j F Y"}


class PartialDate(models.Model):
    """A year, with a month and day only where they are known.

    ``date`` is derived before every save (first day of the period) so that ordering and
    ``<time datetime>`` work the same on SQLite and PostgreSQL.
    """

    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("1 to 12. Leave empty if not known.")
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision,
        default=Precision.YEAR,
        help_text=_("How much of the date is known: it is printed exactly that way."),
    )
    date = models.DateField(editable=False, null=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.validate_partial_date()

    def validate_partial_date(self):
        if self.year is None:
            if self.month or self.day:
                raise ValidationError({"year": _("Enter the year, or clear the month and day.")})
            return
        if self.precision == Precision.DAY and not (self.month and self.day):
            raise ValidationError(
                {"day": _("A day-precision date needs a year, a month and a day.")}
            )
        if self.precision == Precision.MONTH and not self.month:
            raise ValidationError({"month": _("A month-precision date needs a month.")})
        if self.precision == Precision.YEAR and (self.month or self.day):
            raise ValidationError(
                {"precision": _("The date has a month or day: choose month or day precision.")}
            )
        if self.precision == Precision.MONTH and self.day:
            raise ValidationError({"precision": _("The date has a day: choose day precision.")})
        try:
            self.compute_date()
        except ValueError:
            raise ValidationError(
                {"day": _("This date does not exist. Check the day and the month.")}
            ) from None

    def compute_date(self):
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def date_display(self):
        """'1992', 'May 2003' or '4 May 1994'."""
        if self.date is None:
            return ""
        return date_format(self.date, FORMATS[Precision(self.precision)])

    @property
    def date_iso(self):
        """The machine-readable form for <time datetime>: 1992, 2003-05 or 1994-05-04."""
        if self.date is None:
            return ""
        return self.date.isoformat()[: {"year": 4, "month": 7, "day": 10}[self.precision]]


def derive_date(sender, instance, **kwargs):
    # A signal, not save(): loaddata saves raw and would skip an overridden save().
    if isinstance(instance, PartialDate):
        instance.date = instance.compute_date()


pre_save.connect(derive_date, dispatch_uid="relations-partial-date")
