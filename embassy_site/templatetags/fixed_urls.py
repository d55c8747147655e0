"""Addresses every page names and no page changes: worked out once per process.

``{% static %}`` asks the manifest storage (a lookup, a join and a quote) and ``{% url %}``
walks the resolver on every page for the same answer; here each is kept the first time, per
language and script prefix for a named address. A changed setting (a test's override)
forgets them all.
"""

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()
_kept = {}


@register.simple_tag
def static_file(path):
    """``{% static path %}``, kept."""
    key = ("static", path)
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = static(path)
    return found


@register.simple_tag
def fixed_url(name):
    """``{% url name %}`` of an address without arguments, kept per language."""
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = reverse(name)
    return found


def _forget(**_kwargs):
    _kept.clear()


setting_changed.connect(_forget, dispatch_uid="fixed-urls")
