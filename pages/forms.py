"""Admin forms: a menu item's target picked from the registry, hours without overlaps."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from publishing.registry import registry

from .models import MenuItem
from .models.menus import named_views


def page_choices():
    """("type id:pk", "Notice: Visa rules") for every page of every registered type."""
    choices = [("", "---------")]
    for page_type in registry:
        model = page_type.model
        type_id = ContentType.objects.get_for_model(model).pk
        name = model._meta.verbose_name.capitalize()
        pages = [
            (f"{type_id}:{page.pk}", f"{name}: {page}") for page in model._default_manager.all()
        ]
        if pages:
            choices.append((model._meta.verbose_name_plural.capitalize(), pages))
    return choices


class MenuItemForm(forms.ModelForm):
    page = forms.ChoiceField(label=_("page"), required=False, choices=())
    view_name = forms.ChoiceField(label=_("list of the site"), required=False, choices=())

    class Meta:
        model = MenuItem
        fields = ["order", "label", "view_name", "page", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].choices = page_choices()
        self.fields["view_name"].choices = [("", "---------"), *named_views().items()]
        if self.instance.object_id is not None:
            self.initial["page"] = f"{self.instance.content_type_id}:{self.instance.object_id}"

    def clean_page(self):
        value = self.cleaned_data["page"]
        self.instance.content_type, self.instance.object_id = None, None
        if value:
            type_id, pk = value.split(":")
            self.instance.content_type = ContentType.objects.get_for_id(int(type_id))
            self.instance.object_id = int(pk)
        return value


class HoursFormSet(forms.BaseInlineFormSet):
    """No two intervals of one section overlap on the same day (or days)."""

    def spans(self, form):
        data = form.cleaned_data
        days = [data.get("weekday")]
        return data.get("section"), days, data.get("opens"), data.get("closes")

    def clean(self):
        super().clean()
        seen = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            section, days, opens, closes = self.spans(form)
            if None in (section, opens, closes) or None in days:
                continue
            for other_section, other_days, other_opens, other_closes in seen:
                if (
                    section == other_section
                    and set(days) & set(other_days)
                    and opens < other_closes
                    and other_opens < closes
                ):
                    raise ValidationError(
                        _("Two intervals overlap: %(a)s and %(b)s. Merge them or change one.")
                        % {
                            "a": f"{opens:%H:%M}–{closes:%H:%M}",
                            "b": f"{other_opens:%H:%M}–{other_closes:%H:%M}",
                        }
                    )
            seen.append((section, days, opens, closes))


class ExceptionFormSet(HoursFormSet):
    """The same for exceptions, over their dates; a closed day stands alone."""

    def spans(self, form):
        data = form.cleaned_data
        first, last = data.get("first_day"), data.get("last_day") or data.get("first_day")
        if first is None or last is None or last < first:
            return data.get("section"), [None], None, None
        days = [first.toordinal() + n for n in range(last.toordinal() - first.toordinal() + 1)]
        opens, closes = data.get("opens"), data.get("closes")
        if opens is None and closes is None:  # closed all day: overlaps any hours
            from datetime import time

            opens, closes = time.min, time.max
        return data.get("section"), days, opens, closes
