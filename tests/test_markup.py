"""publishing.markup.format_html writes what Django's format_html writes, for every kind of
value the site's tags pass (the head, the language switcher, the pagination)."""

import pytest
from django.utils import html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from publishing import markup

VALUES = [
    "plain",
    "a \"quoted\" <b>bold</b> & 'single'",
    "/en/search/?q=visa&page=2",
    "Azərbaycan dili",
    mark_safe("<em>already safe</em> &amp;"),
    SafeString("x-default"),
    gettext_lazy("Next page"),
    3,
    0,
    None,
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_each_value_is_written_as_django_writes_it(value):
    template = '<a href="{}" title="{}">{}</a>'
    with override("ro"):
        ours = markup.format_html(template, value, value, value)
        djangos = html.format_html(template, value, value, value)
    assert ours == djangos
    assert isinstance(ours, SafeString)


def test_named_values_and_a_safe_result_nested():
    inner = markup.format_html("<li>{name}</li>", name="<Română>")
    outer = markup.format_html("<ul>{}</ul>", inner)
    assert outer == "<ul><li>&lt;Română&gt;</li></ul>"
    assert outer == html.format_html(
        "<ul>{}</ul>", html.format_html("<li>{name}</li>", name="<Română>")
    )
