"""A result's date as the ``date`` filter writes it in the two formats the results show.

The filter parses its format for every value: twenty dates a page cost as much as the rest
of the results list. These write the same text straight from the fields, and leave a time
that its zone makes ambiguous to Django, which writes no offset for it.
"""

from django.utils import dateformat, timezone
from django.utils.dates import MONTHS

MACHINE = r"Y-m-d\TH:i:sO"  # <time datetime="...">
HUMAN = "j F Y"  # what the reader sees


def _local(value):
    local = timezone.localtime(value)
    offset = local.utcoffset()
    ambiguous = local.replace(fold=not local.fold).utcoffset() != offset
    return local, offset, ambiguous


def machine(value):
    if value is None:
        return ""
    local, offset, ambiguous = _local(value)
    if ambiguous:
        return dateformat.format(local, MACHINE)
    seconds = offset.days * 86400 + offset.seconds
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}"
        f":{local.second:02d}{sign}{seconds // 3600:02d}{(seconds // 60) % 60:02d}"
    )


def human(value):
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {MONTHS[local.month]} {local.year:04d}"
