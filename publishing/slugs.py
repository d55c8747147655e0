"""Page addresses per language: a slug in each language, found and checked the same way.

A translated ``slug`` has a column per language (``slug_en``, ``slug_ro``, ``slug_az``);
English is required, the others optional. A language without its own slug uses the
English one, so a page in Romanian answers at its Romanian slug when it has one and at the
English slug otherwise (``TranslatedSlugMixin``). Every slug of a page, in whichever language, names
that page alone among the pages of its type (``clashes``): ``/ro/notices/x/`` can never
mean two pages, and an old address in any language leads to one page only.

Slugs are written in Latin letters a–z, digits and hyphens. A Romanian or Azerbaijani
letter (ș, ț, ă, â, î, ə, ğ, ı, ö, ü, ç, ş) is refused with the slug as it should be
written, rather than changed silently: the editor sees the address visitors will get.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .translated import LANGUAGES, column, english_field, translated_fields

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# As the addresses app's redirects: a browser keeps a 301 an hour at most.
MOVED_MAX_AGE = 3600
# The letters of Romanian and Azerbaijani (and their capitals) that slugify would drop or
# keep: ı and ə have no decomposition, the others lose their marks.
LETTERS = str.maketrans(
    {
        "ș": "s", "ş": "s", "ț": "t", "ţ": "t", "ă": "a", "â": "a", "î": "i", "ı": "i",
        "ə": "e", "ğ": "g", "ö": "o", "ü": "u", "ç": "c",
        "Ș": "s", "Ş": "s", "Ț": "t", "Ţ": "t", "Ă": "a", "Â": "a", "Î": "i", "I": "i",
        "İ": "i", "Ə": "e", "Ğ": "g", "Ö": "o", "Ü": "u", "Ç": "c",
    }
)  # fmt: skip


def suggestion(value):
    """How the slug is written in an address: "vize-în-românia" -> "vize-in-romania"."""
    return slugify(str(value).translate(LETTERS))


def validate_address_slug(value):
    if SLUG.fullmatch(value or ""):
        return
    suggested = suggestion(value)
    if suggested:
        message = _(
            "An address uses only Latin letters without accents, digits and hyphens: write "
            "“%(suggestion)s” for “%(value)s”."
        )
    else:
        message = _(
            "An address uses only Latin letters without accents, digits and hyphens, e.g. "
            "“visa-regulations”."
        )
    raise ValidationError(message, code="invalid", params={"value": value, "suggestion": suggested})


class AddressSlugFormField(forms.CharField):
    default_validators = [validate_address_slug]


class AddressSlugField(models.SlugField):
    """A page's slug: the same as SlugField, with a message that says how to write it."""

    default_validators = [validate_address_slug]

    def formfield(self, **kwargs):
        # CharField's, not SlugField's: that one passes allow_unicode to its own form field.
        return models.CharField.formfield(self, **{"form_class": AddressSlugFormField, **kwargs})


def slug_columns(model, name="slug"):
    """["slug_en", "slug_ro", "slug_az"], or [] where the slug is not translated."""
    if name not in translated_fields(model):
        return []
    return [column(name, language) for language in LANGUAGES]


def clashes(obj, name="slug"):
    """{field: message} for each slug of ``obj`` another page of its type already has, in
    any language (one query)."""
    return clashes_many([obj], name).get(id(obj), {})


def clashes_many(objs, name="slug"):
    """{id(obj): {field: message}} for many unsaved or changed pages of one type at once
    (an import): one query for all, and the pages compared with each other too."""
    objs = list(objs)
    if not objs:
        return {}
    model = type(objs[0])
    names = slug_columns(model, name)
    mine = {
        id(obj): {each: getattr(obj, each) for each in names if getattr(obj, each)} for obj in objs
    }
    values = {value for slugs in mine.values() for value in slugs.values()}
    if not values:
        return {}
    taken = Q()
    for each in names:
        taken |= Q(**{f"{each}__in": values})
    ours = {obj.pk for obj in objs if obj.pk is not None}
    owners = {}  # slug -> the keys of the pages that have it
    for row in model._default_manager.filter(taken).exclude(pk__in=ours).values("pk", *names):
        for value in filter(None, (row[each] for each in names)):
            owners.setdefault(value, set()).add(("row", row["pk"]))
    for obj in objs:
        for value in set(mine[id(obj)].values()):
            owners.setdefault(value, set()).add(("obj", id(obj)))
    found = {}
    for obj in objs:
        for each, value in mine[id(obj)].items():
            where = english_field(model, each)  # "slug" for slug_en, as forms name it
            if len(owners[value]) > 1 and where not in found.get(id(obj), {}):
                found.setdefault(id(obj), {})[where] = _(
                    "“%(slug)s” is already the address of another page, in one of its "
                    "languages. Choose another."
                ) % {"slug": value}
    return found


def check(obj, name="slug"):
    """Raise the clashes as a ValidationError (for a model's clean())."""
    found = clashes(obj, name)
    if found:
        raise ValidationError(found)


class Moved(Exception):
    """The page asked for answers at another address in this language."""

    def __init__(self, obj, permanent):
        super().__init__(obj)
        self.obj, self.permanent = obj, permanent


def find(candidates, value):
    """The row answering at slug ``value`` in the active language, by the slug it shows
    there (its own, or the English where it has none or the language is not yet published,
    publishing/languages.py). A slug of the row in another language raises ``Moved``: 301
    from its English slug, 302 from any other (which may go live later). 404 otherwise.

    ``candidates`` is a queryset, searched by the database, or rows already read (a list
    kept in memory), searched here by the same rule."""
    if isinstance(candidates, models.QuerySet):
        names = _slug_names(candidates.model)
        anywhere = Q()
        for name in names:
            anywhere |= Q(**{name: value})
        # One row at most (slugs never clash): no ORDER BY, which first() would add (the
        # model's ordering) and which costs more to compile than the rest of the lookup.
        obj = next(iter(candidates.filter(anywhere).order_by()[:1]), None)
    else:
        obj = names = None
        for row in candidates:
            names = _slug_names(type(row))
            if value in (getattr(row, name) for name in names):
                obj = row
                break
    if obj is None:
        raise Http404
    if obj.slug != value:  # the slug it shows in the active language
        raise Moved(obj, permanent=getattr(obj, names[0]) == value)
    return obj


def _slug_names(model):
    """The columns a slug is looked for in, English first."""
    return slug_columns(model) or ["slug"]


def moved(request, url, permanent):
    """The redirect to ``url``, the query kept."""
    query = request.META.get("QUERY_STRING", "")
    response = redirect(url + ("?" + query if query else ""), permanent=permanent)
    patch_cache_control(response, max_age=MOVED_MAX_AGE)
    return response


class TranslatedSlugMixin:
    """For a view of a page with a translated slug: found by ``find``, and sent on to its
    address in this language when asked for by another of its slugs."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return find(queryset, self.kwargs[self.slug_url_kwarg])

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Moved as error:
            return moved(request, error.obj.get_absolute_url(), error.permanent)
