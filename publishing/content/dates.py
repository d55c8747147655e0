"""Moments (publish and expiry times) in the content files, as ISO 8601.

Partial dates ("1992", "May 2003", "4 May 1994") are read and written by the functions the
page type gives its ``Kind`` (``dates``: relations' own, which its admin field uses too, so
both accept exactly the same text).
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

__all__ = ["format_moment", "parse_moment"]


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
