"""Opening hours read from the contact record: per day, as text, "open now", and when that
line next changes. Every function takes the intervals it reads, and ``now`` where time
matters, so a test picks its instant instead of freezing the clock."""

import datetime
import zoneinfo
from itertools import groupby

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Section

BAKU = zoneinfo.ZoneInfo("Asia/Baku")
A_MONDAY = datetime.date(2024, 1, 1)
LOOK_AHEAD = 14  # days searched for the next opening


def weekday_name(weekday):
    """Monday is 0; the name in the active language, from Django's date formats."""
    return formats.date_format(A_MONDAY + datetime.timedelta(days=weekday), "l")


def clock(value):
    return f"{value.hour}:{value.minute:02d}"


def intervals_text(intervals):
    return ", ".join(f"{clock(opens)}–{clock(closes)}" for opens, closes in intervals)


def weekly(hours, section):
    """{weekday: [(opens, closes), ...]} of one section, every weekday present."""
    week = {day: [] for day in range(7)}
    for row in hours:
        if row.section == section:
            week[row.weekday].append((row.opens, row.closes))
    return {day: sorted(spans) for day, spans in week.items()}


def day_intervals(hours, exceptions, section, day):
    """The intervals of a date, and the exception that decided them (or None)."""
    for exception in exceptions:
        if exception.section == section and exception.covers(day):
            same = [
                e for e in exceptions if e.section == section and e.covers(day) and not e.closed
            ]
            return sorted((e.opens, e.closes) for e in same), exception
    return weekly(hours, section)[day.weekday()], None


def readable(hours, section):
    """["Monday–Friday 9:00–17:00", "Saturday–Sunday closed"]: equal days grouped."""
    week = weekly(hours, section)
    if not any(week.values()):
        return []
    lines = []
    for spans, days in groupby(range(7), key=lambda day: week[day]):
        days = list(days)
        name = weekday_name(days[0])
        if len(days) > 1:
            name = f"{name}–{weekday_name(days[-1])}"
        lines.append(f"{name} {intervals_text(spans) if spans else _('closed')}")
    return lines


def exceptions_text(exceptions, section, today):
    """The exceptions still to come, in date order: (dates, name, hours or "closed")."""
    rows = []
    for exception in exceptions:
        if exception.section != section or exception.last_day < today:
            continue
        dates = formats.date_format(exception.first_day, "DATE_FORMAT")
        if exception.last_day != exception.first_day:
            dates += "–" + formats.date_format(exception.last_day, "DATE_FORMAT")
        when = (
            _("closed")
            if exception.closed
            else intervals_text([(exception.opens, exception.closes)])
        )
        rows.append({"dates": dates, "name": exception.name, "hours": when})
    return rows


def status(hours, exceptions, section, now=None):
    """ "Open now, until 17:00", "Closed now, opens today at 14:00" or "Closed today",
    followed by the next opening; at ``now`` in the embassy's time zone."""
    local = timezone.localtime(now or timezone.now(), BAKU)
    today, time = local.date(), local.time()
    spans, exception = day_intervals(hours, exceptions, section, today)
    for opens, closes in spans:
        if opens <= time < closes:
            return _("Open now, until %(time)s.") % {"time": clock(closes)}
        if time < opens:
            return _("Closed now, opens today at %(time)s.") % {"time": clock(opens)}
    if exception is not None and not spans:
        line = _("Closed today: %(name)s.") % {"name": exception.name}
    else:
        line = _("Closed now.") if spans else _("Closed today.")
    for ahead in range(1, LOOK_AHEAD):
        day = today + datetime.timedelta(days=ahead)
        later, _exception = day_intervals(hours, exceptions, section, day)
        if later:
            values = {"time": clock(later[0][0])}
            if ahead == 1:
                return f"{line} " + _("Opens tomorrow at %(time)s.") % values
            # Mid-sentence, Romanian and Azerbaijani write weekdays in lower case.
            name = weekday_name(day.weekday())
            values["day"] = name if get_language() == "en" else name.lower()
            return f"{line} " + _("Opens on %(day)s at %(time)s.") % values
    return line


def next_change(hours, exceptions, now=None):
    """The next moment any section's "open now" line reads differently: an opening, a
    closing, or midnight in Baku. A cached page must not outlive it."""
    local = timezone.localtime(now or timezone.now(), BAKU)
    moments = [
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(), BAKU)
    ]
    for section in Section.values:
        spans, _exception = day_intervals(hours, exceptions, section, local.date())
        for opens, closes in spans:
            for moment in (opens, closes):
                at = datetime.datetime.combine(local.date(), moment, BAKU)
                if at > local:
                    moments.append(at)
    return min(moments)
