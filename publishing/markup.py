"""Django's ``format_html``, for the markup built on every request (the head, the language
switcher, the pagination): the same output, without the lazy-text machinery around each
value.

Django's escapes each value through ``conditional_escape`` and ``escape``, whose
``keep_lazy`` wrapper first scans the arguments for lazy texts: on a list page's fifty
or so values that was a tenth of the page's own rendering. Here a value that is safe
HTML (``__html__``) goes in as it is, a lazy text is made a string, and everything else is
escaped as ``escape`` does (``html.escape``, quotes included): byte for byte the same.
"""

from html import escape

from django.utils.functional import Promise
from django.utils.safestring import SafeString


def escaped(value):
    """``conditional_escape(value)``, as a plain str."""
    if isinstance(value, Promise):
        value = str(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return escape(str(value))


def format_html(format_string, *args, **kwargs):
    """django.utils.html.format_html: each value escaped unless safe, the result safe."""
    return SafeString(
        format_string.format(
            *[escaped(arg) for arg in args], **{k: escaped(v) for k, v in kwargs.items()}
        )
    )
