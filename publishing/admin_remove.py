"""Removing asks first: one page's address ``<id>/remove/`` and the list's bulk action show
what happens to the addresses, and a choice of replacement, then run ``actions.Remove``.

The replacement is chosen from a list of the live pages of every registered type (its
value "<content type id>:<id>"), so nothing but a page visitors can read is accepted.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions
from .actions.remove import REMOVABLE
from .admin_asking import asked_page, asking_path
from .registry import registry

TEMPLATE = "admin/publishing/remove.html"


def live_pages(excluding=()):
    """[(value, label)] of every page visitors can read now, by type then title."""
    choices = []
    skip = {(type(page), page.pk) for page in excluding}
    for page_type in sorted(registry, key=lambda each: str(each.model._meta.verbose_name)):
        model = page_type.model
        content_type = ContentType.objects.get_for_model(model)
        kind = str(model._meta.verbose_name).capitalize()
        for page in model._default_manager.current():
            if (model, page.pk) not in skip:
                choices.append((f"{content_type.pk}:{page.pk}", f"{kind}: {page}"))
    return sorted(choices, key=lambda choice: choice[1].casefold())


class RemoveForm(forms.Form):
    replacement = forms.ChoiceField(required=False)

    def __init__(self, *args, pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["replacement"]
        field.label = _("Replacement")
        field.help_text = _(
            "Visitors who follow an old link are sent there (301). Leave “none” to answer "
            "“gone” (410)."
        )
        field.choices = [("", _("None: the page is gone")), *live_pages(excluding=pages)]
        field.error_messages["invalid_choice"] = _("Choose a page visitors can read now, or none.")

    def replacement_page(self):
        value = self.cleaned_data.get("replacement")
        if not value:
            return None
        type_id, pk = value.split(":")
        model = ContentType.objects.get_for_id(int(type_id)).model_class()
        return model._default_manager.filter(pk=int(pk)).first()


class RemoveViews:
    def get_urls(self):
        return [asking_path(self, "remove", self.remove_view), *super().get_urls()]

    def remove_view(self, request, object_id):
        obj, back = asked_page(self, request, object_id)
        form = RemoveForm(request.POST if request.method == "POST" else None, pages=[obj])
        if request.method == "POST" and form.is_valid():
            if self._remove_all(request, [obj], form.replacement_page()):
                return HttpResponseRedirect(back)
        return self._ask_remove(request, form, [obj], back)

    @admin.action(
        permissions=["publish"],
        description=gettext_lazy("Remove the selected %(verbose_name_plural)s…"),
    )
    def remove(self, request, queryset):
        """The bulk action: the first call asks, its POST (``post``) removes."""
        pages = list(queryset.filter(status__in=REMOVABLE))
        back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if not pages:
            self.message_user(
                request, _("None of them is published or withdrawn."), messages.WARNING
            )
            return None
        posted = request.POST.get("post")
        form = RemoveForm(request.POST if posted else None, pages=pages)
        if posted and form.is_valid():
            self._remove_all(request, pages, form.replacement_page())
            return None
        return self._ask_remove(request, form, pages, back, bulk=True)

    def _remove_all(self, request, pages, replacement):
        done = 0
        for page in pages:
            try:
                actions.Remove(page, request.user, replacement=replacement).run()
            except actions.Refused as refusal:
                self.message_user(request, f"“{page}”: {refusal.message}", messages.ERROR)
                continue
            self.log_change(request, page, [{"changed": {"fields": ["status"]}}])
            done += 1
        if done and replacement is None:
            text = _("%(count)d removed: their addresses answer “gone” (410).")
        else:
            text = _("%(count)d removed: visitors are sent to “%(page)s”.")
        if done:
            self.message_user(
                request, text % {"count": done, "page": replacement}, messages.SUCCESS
            )
        return done

    def _ask_remove(self, request, form, pages, back, bulk=False):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Remove from the site"),
            "opts": self.opts,
            "pages": pages,
            "form": form,
            "back_url": back,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, TEMPLATE, context)
