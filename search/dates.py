"""A result's date in the two formats the results show, as the ``date`` filter writes it.

The filter is ``dateformat.format(value, get_format(format))`` on the local time; this calls
the same, but looks the format up once per language: ``get_format`` does not keep a format
that is not a setting's name, so it would search the language's format modules per date.
"""

import functools

from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format

MACHINE = r"Y-m-d\TH:i:sO"  # <time datetime="...">
HUMAN = "j F Y"  # what the reader sees


@functools.cache
def _format(format_type, language):
    return get_format(format_type, lang=language)


def _write(value, format_type):
    if value in (None, ""):
        return ""
    local = timezone.template_localtime(value)  # as the template does for the filter
    return dateformat.format(local, _format(format_type, translation.get_language()))


def machine(value):
    return _write(value, MACHINE)


def human(value):
    return _write(value, HUMAN)
