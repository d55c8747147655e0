"""Withdrawing asks why first: one page's Withdraw button and the list's bulk action both
show a page with the reason in each language (English required), as Django's delete asks
for confirmation, and only then run ``actions.Withdraw``."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from . import actions
from .actions.publish import NOTE_MAX
from .admin_asking import asked_page, asking_path
from .translated import LANGUAGES, SOURCE

TEMPLATE = "admin/publishing/withdraw.html"


class ReasonForm(forms.Form):
    """The reason visitors read in the banner, one field a language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in LANGUAGES:
            name = get_language_info(lang)["name_translated"]
            self.fields[f"reason_{lang}"] = forms.CharField(
                label=_("Why is it withdrawn? (%(language)s)") % {"language": name},
                required=lang == SOURCE,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                help_text=_("Required: visitors read it on the page.")
                if lang == SOURCE
                else _("Optional: without it, visitors read the English."),
                error_messages={"required": _("Say why in English, so visitors know.")},
            )

    def reason(self):
        return {lang: self.cleaned_data.get(f"reason_{lang}", "") for lang in LANGUAGES}


class WithdrawViews:
    def get_urls(self):
        return [asking_path(self, "withdraw", self.withdraw_view), *super().get_urls()]

    def withdraw_view(self, request, object_id):
        obj, back = asked_page(self, request, object_id)
        form = ReasonForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            if self._withdraw_all(request, [obj], form.reason()):
                return HttpResponseRedirect(back)
        return self._ask(request, form, [obj], back)

    def withdraw_selected(self, request, queryset):
        """The bulk action: the first call shows the form, its POST (``post``) withdraws."""
        pages = list(queryset)
        back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if not pages:
            self.message_user(request, _("None of them is published."), messages.WARNING)
            return None
        form = ReasonForm(request.POST if request.POST.get("post") else None)
        if request.POST.get("post") and form.is_valid():
            self._withdraw_all(request, pages, form.reason())
            return None
        return self._ask(request, form, pages, back, bulk=True)

    def _withdraw_all(self, request, pages, reason):
        done = 0
        for page in pages:
            try:
                actions.Withdraw(page, request.user, reason=reason).run()
            except actions.Refused as refusal:
                self.message_user(request, f"“{page}”: {refusal.message}", messages.ERROR)
                continue
            self.log_change(request, page, [{"changed": {"fields": ["status"]}}])
            done += 1
        if done:
            self.message_user(
                request,
                _("%(count)d withdrawn: they keep their addresses with a banner saying why.")
                % {"count": done},
                messages.SUCCESS,
            )
        return done

    def _ask(self, request, form, pages, back, bulk=False):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw, saying why"),
            "opts": self.opts,
            "pages": pages,
            "form": form,
            "back_url": back,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, TEMPLATE, context)
