"""What text fields of registered page types, parts and lookups may hold.

Single-line text (every ``CharField``: titles, slugs, addresses, labels) holds no control
character: a line break in a title ends up in an email subject, an HTTP header, a feed's
attribute. TAB is refused too: a browser's text box cannot type one, so it only arrives
pasted or imported, and it prints as a space anyway. Rich text (the registry's
``rich_text`` fields) is at most ``RICH_TEXT_MAX`` characters of stored HTML.

The validators are added to the model fields themselves when a page type is registered,
so the admin (a ModelForm runs the model's validators and shows the message next to the
field) and the import (``full_clean``, naming file, object and field) refuse alike, and a
new page type is covered without a list here. They are added to ``field.validators``, not
to the field's arguments, so migrations do not see them (Django adds ``max_length``'s
validator the same way).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .control_characters import CONTROL
from .sanitize import clean_html
from .signals import registered

# About 40 printed pages; the longest shipped text is under 3,000 characters.
RICH_TEXT_MAX = 200_000

_NAMES = {
    "\n": _("a line break"),
    "\r": _("a line break"),
    "\t": _("a tab"),
    "\x00": _("a NUL character"),
}


class SingleLineValidator:
    code = "control_character"

    def __call__(self, value):
        found = CONTROL.search(value) if isinstance(value, str) else None
        if found is None:
            return
        character = found.group()
        raise ValidationError(
            _(
                "This field is one line of text and cannot hold %(what)s (U+%(code)s, "
                "character %(position)d). Remove it, or put a space instead."
            ),
            code=self.code,
            params={
                "what": _NAMES.get(character, _("a control character")),
                "code": f"{ord(character):04X}",
                "position": found.start() + 1,
            },
        )


class RichTextLimitValidator:
    """Refuses a text that is too long before it is sanitised (30 MB are not cleaned only to
    be refused), then checks the cleaned HTML, which is what is stored and can be longer."""

    code = "rich_text_too_long"

    def __init__(self, limit=RICH_TEXT_MAX):
        self.limit = limit

    def __call__(self, value):
        if not isinstance(value, str):
            return
        length = len(value)
        if length <= self.limit:
            length = len(clean_html(value))
        if length > self.limit:
            raise ValidationError(
                _(
                    "This text is too long: %(length)s characters of HTML, at most "
                    "%(limit)s. Shorten it, or split it into several pages."
                ),
                code=self.code,
                params={
                    "length": number_format(length, force_grouping=True),
                    "limit": number_format(self.limit, force_grouping=True),
                },
            )


def _add(model_field, validator_class, *args):
    if not any(isinstance(v, validator_class) for v in model_field.validators):
        model_field.validators.append(validator_class(*args))


def apply(page_type):
    """Adds the rules to every field of the page type's models and its lookups (once)."""
    for model in [*page_type.models(), *page_type.lookups]:
        rich_text = set(page_type.rich_text_fields(model))
        for model_field in model._meta.concrete_fields:
            if model_field.name in rich_text:
                _add(model_field, RichTextLimitValidator)
            elif isinstance(model_field, models.CharField):
                _add(model_field, SingleLineValidator)


def _registered(sender=None, page_type=None, **kwargs):
    apply(page_type)


def connect(registry):
    """From publishing's ready(): the types registered so far, and any registered later."""
    registered.connect(_registered, dispatch_uid="publishing-text-rules")
    for page_type in registry:
        apply(page_type)
