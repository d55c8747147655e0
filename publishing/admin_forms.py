"""The change form of every registered page or part: declared once, applied once per admin.

``VersionedAdmin`` puts ``PageForm`` under its admin's own form when the admin class is
created, and ``EditorPageForm`` beside it for users who may not publish; a request only
chooses between the two. What differs per request is read from the form itself: the
instance it edits, and the revision the form was opened on (posted with it).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import revisions
from .admin_revisions import when
from .admin_rules import ONLY_PUBLISHERS
from .models import Status
from .registry import registry

NOT_LIVE_DATES = gettext_lazy(
    "Visitors do not read this page now: its dates change when it is published again."
)


class PageForm(forms.ModelForm):
    """Refuses a save based on a version someone else has replaced since; offers
    "Withdrawn" only to a page already withdrawn (the Withdraw button asks for a reason)."""

    only_draft = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is None:
            return
        if self.only_draft:
            status.choices = [(Status.DRAFT, Status.DRAFT.label)]
            status.error_messages["invalid_choice"] = ONLY_PUBLISHERS
            status.help_text = gettext_lazy(
                "Drafts are seen only by staff. A publisher reviews and publishes them."
            )
        else:
            # Withdrawing needs a reason and removing keeps addresses: the status list offers
            # either only to a page already in it (the Withdraw and Remove actions ask first).
            asked = {Status.WITHDRAWN, Status.REMOVED} - {self.instance.status}
            status.choices = [c for c in status.choices if c[0] not in asked]
        if self.instance.status in (Status.WITHDRAWN, Status.REMOVED):
            # A date changed on a live page is published at once; on a withdrawn or removed
            # page that would bring it back, so its dates wait for it to be published again.
            for name in ("publish_at", "expires_at"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = NOT_LIVE_DATES

    def clean(self):
        cleaned = super().clean()
        if self.only_draft and cleaned.get("status", Status.DRAFT) != Status.DRAFT:
            self.add_error("status", ONLY_PUBLISHERS)
        self._refuse_stale()
        return cleaned

    def _refuse_stale(self):
        opened = self.data.get("revision_token") if self.is_bound else None
        page_type = registry.for_model(type(self.instance))
        if opened is None or page_type is None or self.instance.pk is None:
            return
        page_id = page_type.page_id(self.instance)
        if page_id is None:
            return
        newer = revisions.for_page(page_type.model(pk=page_id)).filter(author__isnull=False)
        newer = newer.filter(pk__gt=int(opened) if opened.isdigit() else 0)
        newest = newer.select_related("author").first()
        if newest is not None:
            raise ValidationError(
                _(
                    "%(name)s saved this page at %(when)s, after you opened it. "
                    "Nothing of yours was saved, so their changes are kept. Your "
                    "text is still in the form below: copy what you need, then "
                    "reload the page to see their version."
                )
                % {"name": newest.author_name, "when": when(newest.created_at)},
                code="stale",
            )


class EditorPageForm(PageForm):
    """For a user who may not publish: offers "Draft" only, and refuses anything else
    posted with a message."""

    only_draft = True


def page_forms(form):
    """(The form for publishers, the form for editors) over an admin's own ``form``."""
    if not issubclass(form, PageForm):
        form = type(form.__name__, (PageForm, form), {"__module__": form.__module__})
    editor = type(form.__name__, (EditorPageForm, form), {"__module__": form.__module__})
    return form, editor
