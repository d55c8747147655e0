"""Dates known to a year, a month or a day, read and printed the way the embassy writes them.

The admin's date field and the content import read the same text with ``parse_partial_date``
("1992", "May 2003", "4 May 1994" or ISO); ``format_partial_date`` writes it back.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
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


# English names on purpose: the file format must not change with the active language.
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)})
MONTHS["sept"] = 9

YEAR = re.compile(r"(\d{1,4})")
ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MONTH_YEAR = re.compile(r"([A-Za-z]+)\.? +(\d{1,4})")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) +([A-Za-z]+)\.? +(\d{1,4})")
MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? +(\d{1,2}),? +(\d{1,4})")

DateParts = tuple[int | None, int | None, int | None, str]
EMPTY: DateParts = (None, None, None, "year")


def _how_to_write():
    return gettext("write it as 1992, May 2003, 4 May 1994 or ISO (1994-05-04)")


def _not_a_date(value):
    return ValueError(
        gettext("“%(value)s” is not a date; %(how)s") % {"value": value, "how": _how_to_write()}
    )


def _month(name, text):
    try:
        return MONTHS[name.lower()]
    except KeyError:
        message = gettext("“%(name)s” in “%(text)s” is not a month name; %(how)s")
        raise ValueError(message % {"name": name, "text": text, "how": _how_to_write()}) from None


def _checked(text, year, month=None, day=None) -> DateParts:
    if not 1 <= year <= 9999:
        message = gettext("“%(text)s” has no valid year; %(how)s")
        raise ValueError(message % {"text": text, "how": _how_to_write()})
    if month is not None and not 1 <= month <= 12:
        message = gettext("“%(text)s” has no month %(month)s: months run from 1 to 12")
        raise ValueError(message % {"text": text, "month": month})
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            message = gettext("“%(text)s” does not exist: check the day and the month")
            raise ValueError(message % {"text": text}) from None
        return year, month, day, "day"
    return year, month, None, "month" if month else "year"


def parse_partial_date(value) -> DateParts:
    """(year, month, day, precision) from what a person wrote; ValueError says what is wrong."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, datetime.datetime):
        message = gettext("“%(value)s” is a moment, not a date; %(how)s")
        raise ValueError(message % {"value": value, "how": _how_to_write()})
    if isinstance(value, datetime.date):  # YAML reads an unquoted 1994-05-04 as a date
        return value.year, value.month, value.day, "day"
    if isinstance(value, int):
        return _checked(str(value), value)
    if not isinstance(value, str):
        raise _not_a_date(value)
    text = " ".join(value.split())
    if match := YEAR.fullmatch(text):
        return _checked(text, int(match[1]))
    if match := ISO_DAY.fullmatch(text):
        return _checked(text, int(match[1]), int(match[2]), int(match[3]))
    if match := ISO_MONTH.fullmatch(text):
        return _checked(text, int(match[1]), int(match[2]))
    if match := DAY_MONTH_YEAR.fullmatch(text):
        return _checked(text, int(match[3]), _month(match[2], text), int(match[1]))
    if match := MONTH_DAY_YEAR.fullmatch(text):
        return _checked(text, int(match[3]), _month(match[1], text), int(match[2]))
    if match := MONTH_YEAR.fullmatch(text):
        return _checked(text, int(match[2]), _month(match[1], text))
    raise _not_a_date(value)


def format_partial_date(year, month, day, precision) -> str | None:
    """The embassy's own way of writing the date, the inverse of parse_partial_date."""
    if year is None:
        return None
    if precision == "day":
        return f"{day} {MONTH_NAMES[month - 1]} {year}"
    if precision == "month":
        return f"{MONTH_NAMES[month - 1]} {year}"
    return str(year)


def derive_date(sender, instance, **kwargs):
    # A signal, not save(): loaddata saves raw and would skip an overridden save().
    if isinstance(instance, PartialDate):
        instance.date = instance.compute_date()


pre_save.connect(derive_date, dispatch_uid="relations-partial-date")
