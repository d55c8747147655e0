"""Dates as the embassy writes them ("1992", "May 2003", "4 May 1994") and as ISO."""

import datetime
import re

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

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

PartialDate = tuple[int | None, int | None, int | None, str]
EMPTY: PartialDate = (None, None, None, "year")
HOW_TO_WRITE = "write it as 1992, May 2003, 4 May 1994 or ISO (1994-05-04)"


def _month(name, text):
    try:
        return MONTHS[name.lower()]
    except KeyError:
        raise ValueError(f"“{name}” in “{text}” is not a month name; {HOW_TO_WRITE}") from None


def _checked(text, year, month=None, day=None) -> PartialDate:
    if not 1 <= year <= 9999:
        raise ValueError(f"“{text}” has no valid year; {HOW_TO_WRITE}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"“{text}” has no month {month}: months run from 1 to 12")
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"“{text}” does not exist: check the day and the month") from None
        return year, month, day, "day"
    return year, month, None, "month" if month else "year"


def parse_partial_date(value) -> PartialDate:
    """(year, month, day, precision) from what a person wrote; ValueError says what is wrong."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a date; {HOW_TO_WRITE}")
    if isinstance(value, datetime.datetime):
        raise ValueError(f"“{value}” is a moment, not a date; {HOW_TO_WRITE}")
    if isinstance(value, datetime.date):  # YAML reads an unquoted 1994-05-04 as a date
        return value.year, value.month, value.day, "day"
    if isinstance(value, int):
        return _checked(str(value), value)
    if not isinstance(value, str):
        raise ValueError(f"“{value}” is not a date; {HOW_TO_WRITE}")
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
    raise ValueError(f"“{value}” is not a date; {HOW_TO_WRITE}")


def format_partial_date(year, month, day, precision) -> str | None:
    """The embassy's own way of writing the date, the inverse of parse_partial_date."""
    if year is None:
        return None
    if precision == "day":
        return f"{day} {MONTH_NAMES[month - 1]} {year}"
    if precision == "month":
        return f"{MONTH_NAMES[month - 1]} {year}"
    return str(year)


def parse_moment(value) -> datetime.datetime | None:
    """An aware datetime from ISO text (or YAML's own timestamp); a bare date means midnight.

    Times without an offset are read in the site's time zone (settings.TIME_ZONE).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str) and not isinstance(value, bool):
        text = value.strip()
        try:
            moment = parse_datetime(text)
            if moment is None and (day := parse_date(text)) is not None:
                moment = datetime.datetime.combine(day, datetime.time())
        except ValueError:
            raise ValueError(f"“{value}” does not exist: check the day, month and time") from None
        if moment is None:
            raise ValueError(
                f"“{value}” is not a date and time; write it as ISO, e.g. "
                "2019-11-15T10:00:00+04:00, or 2019-11-15 for midnight"
            )
    else:
        raise ValueError(f"“{value}” is not a date and time; write it as 2019-11-15T10:00:00+04:00")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def format_moment(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in the site's time zone, with its offset, so a person reads local time."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat()
