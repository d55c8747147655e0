"""Admin forms for dated parts: one box for the date, typed the way the embassy writes it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .dates import format_partial_date, parse_partial_date

SLUG_WORDS = 4


class PartialDateField(forms.CharField):
    """ "1992", "May 2003" or "4 May 1994" in, (year, month, day, precision) out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("date"))
        kwargs.setdefault(
            "help_text", _("As it is known: 1992, May 2003 or 4 May 1994. It is printed that way.")
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 14}))
        super().__init__(max_length=40, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_partial_date(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


class PartialDateForm(forms.ModelForm):
    """For models with ``relations.dates.PartialDate``: ``date_text`` stands for the four
    year, month, day and precision fields, which the form sets from what was typed."""

    date_text = PartialDateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["date_text"]
        field.required = not self._meta.model._meta.get_field("year").blank
        instance = self.instance
        if instance.year is not None:
            # As initial (not as data), so an untouched row of an inline is left alone.
            self.initial.setdefault(
                "date_text",
                format_partial_date(
                    instance.year, instance.month, instance.day, instance.precision
                ),
            )

    def clean(self):
        cleaned = super().clean()
        if "date_text" in cleaned:
            instance = self.instance
            instance.year, instance.month, instance.day, instance.precision = cleaned["date_text"]
        return cleaned


class MilestoneForm(PartialDateForm):
    """A milestone's key is made from its year and first words unless the editor gives one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = _("Leave empty to make one from the year and the text, e.g. 1994-pfp.")

    def clean(self):
        cleaned = super().clean()
        year, text = self.instance.year, cleaned.get("text")
        if not cleaned.get("slug") and year and text:
            cleaned["slug"] = self.derived_slug(year, text)
        return cleaned

    def derived_slug(self, year, text):
        words = "-".join(slugify(text).split("-")[:SLUG_WORDS])
        base = f"{year}-{words}"[:72].strip("-")
        siblings = (
            type(self.instance)
            ._default_manager.filter(relation_id=self.instance.relation_id)
            .exclude(pk=self.instance.pk)
        )
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug
