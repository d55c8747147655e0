"""Readable differences between two snapshots of a page: its fields and every part.

Works on the snapshots alone, so a revision whose parts were deleted, renamed or moved
since is still described (never a lookup of a row that may be gone).
"""

import datetime
import difflib
import html
import re

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from .models import STATE_FIELDS
from .registry import registry
from .translated import LANGUAGES, SOURCE, column, translated_fields

# Bookkeeping that changes on every save and says nothing to a reader.
HIDDEN_FIELDS = {"updated_at", "created_at", "date", "order", *STATE_FIELDS}
CONTEXT_WORDS = 6
REWRITTEN = 0.5  # below this share of words in common, a text counts as rewritten


BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h[1-6]|div|blockquote|tr|td|th)\b[^>]*>", re.I)


def _words(value):
    """The words a reader sees: block tags part words, markup and whitespace do not count."""
    text = BLOCK_TAG.sub(" ", str(value or ""))
    return html.unescape(strip_tags(text)).split()


def word_diff(old, new):
    """Words removed in <del>, added in <ins>, long unchanged runs shortened."""
    a, b = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if a and b and max(len(a), len(b)) > 2 * CONTEXT_WORDS and matcher.ratio() < REWRITTEN:
        # A rewrite reads better as before and after than as scattered word changes.
        return mark_safe(f"<del>{escape(' '.join(a))}</del> → <ins>{escape(' '.join(b))}</ins>")
    opcodes = matcher.get_opcodes()
    parts = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = n == 0, n == len(opcodes) - 1
            if len(words) > 2 * CONTEXT_WORDS:
                head = [] if first else words[:CONTEXT_WORDS]
                tail = [] if last else words[-CONTEXT_WORDS:]
                words = [*head, "…", *tail]
            parts.append(escape(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # every piece is escaped above


def _inside_page(field):
    """A key from a part to its page or parent part: parts never move between pages."""
    return field.is_relation and registry.for_model(field.related_model) is not None


def _display(field, value):
    if value in (None, ""):
        return _("(empty)")
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        moment = field.to_python(value)
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(field.to_python(value) or datetime.date.min)
    return str(value)


def _languages(model):
    """{column: (field, language)} of the model's translated fields: "title_ro": ("title",
    "ro")."""
    return {
        column(name, language): (name, language)
        for name in translated_fields(model)
        for language in LANGUAGES
    }


def field_label(model, field):
    """ "Title (Romanian)" for the column title_ro: the field and its language, both in the
    reader's language."""
    name, language = _languages(model).get(field.name, (None, None))
    if name is None:
        return capfirst(field.verbose_name)
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(model._meta.get_field(name).verbose_name),
        "language": get_language_info(language)["name_translated"],
    }


def field_changes(model, old, new):
    """[{"field", "diff"}] for the fields of one row that differ between two snapshots."""
    changes = []
    translated = translated_fields(model)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in HIDDEN_FIELDS or _inside_page(field):
            continue
        english = column(field.name, SOURCE)
        if field.name in translated and (english in old or english in new):
            continue  # the English column says it, with its language
        before, after = old.get(field.name), new.get(field.name)
        if before == after:
            continue
        text = isinstance(field, models.TextField | models.CharField) and not field.choices
        text = text and not field.is_relation
        if text:
            if _words(before) == _words(after):
                continue  # the same words in other markup whitespace: the editor's own HTML
            diff = word_diff(before, after)
        else:
            shown = _display(field, before), _display(field, after)
            if shown[0] == shown[1]:
                continue  # e.g. the same moment written with other seconds
            diff = mark_safe(f"<del>{escape(shown[0])}</del> → <ins>{escape(shown[1])}</ins>")
        changes.append({"field": field_label(model, field), "diff": diff})
    return changes


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None  # a part model removed since: its rows are told by their label only


def _label(model, fields):
    """ "Section “Evolution”": the field the page type's ``Part(label=...)`` names."""
    page_type = registry.for_model(model)
    part = page_type.part_for(model) if page_type is not None else None
    name = part.label if part is not None else None
    if name and fields.get(name) not in (None, ""):
        return f"{capfirst(model._meta.verbose_name)} “{fields[name]}”"
    return capfirst(model._meta.verbose_name)


def describe(old, new):
    """Every change from snapshot ``old`` to snapshot ``new``: page fields, then parts."""
    page_model = apps.get_model(new["page"]["model"])
    changes = field_changes(page_model, old["page"]["fields"], new["page"]["fields"])
    before = {(row["model"], row["pk"]): row for row in old["parts"]}
    after = {(row["model"], row["pk"]): row for row in new["parts"]}
    for key in [*after, *(k for k in before if k not in after)]:
        model = _model(key[0])
        if model is None:
            continue
        if key not in before:
            label, diff = _label(model, after[key]["fields"]), _("<ins>added</ins>")
            changes.append({"field": label, "diff": mark_safe(diff)})
        elif key not in after:
            label, diff = _label(model, before[key]["fields"]), _("<del>removed</del>")
            changes.append({"field": label, "diff": mark_safe(diff)})
        else:
            label = _label(model, after[key]["fields"])
            for change in field_changes(model, before[key]["fields"], after[key]["fields"]):
                changes.append({"field": f"{label}: {change['field']}", "diff": change["diff"]})
    return changes
