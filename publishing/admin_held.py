"""Saving an edit of a live page: it becomes a draft, and the live tables are not touched.

The form and its inlines are bound to the page as the waiting draft has it (or as it is
live, without one), in memory (``admin_drafts.in_memory``). A valid form becomes the
draft's snapshot (``form_snapshots.build``) and then the actions run: ``SaveDraft``, and
for a publisher ``Unpublish`` or ``Publish``. An invalid one is shown again with its
errors, as Django shows it. Nothing here saves a model instance of the page or its parts.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.forms.formsets import all_valid
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions, form_snapshots, revisions, snapshots
from .admin_drafts import in_memory
from .admin_rules import can_publish
from .models import PUBLISHING_FIELDS, Revision, Status
from .signals import english_minor
from .translated import LANGUAGES

DRAFT_SAVED = gettext_lazy(
    "Saved as a draft. Visitors still see the published version until a publisher "
    "publishes your changes."
)

# Django's own titles, translated by its catalogue (named, so ours does not take them).
ADMIN_TITLES = {False: "Change %s", True: "Add %s"}


class HeldSaves:
    """For ``VersionedAdmin``: the POST of a change form whose page is live."""

    def _hold(self, request, page, object_id, form_url, extra_context):
        draft = revisions.pending_draft(page)
        if draft is not None and snapshots.problems(draft.data):
            draft = None  # a draft that no longer fits is replaced, never applied half
        base = draft.data if draft is not None else snapshots.take(page)
        if object_id is None:  # a new part of the live page (added, or saved as new)
            if not self.has_add_permission(request):
                raise PermissionDenied
            stored = obj = None
        else:
            stored = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, stored):
                raise PermissionDenied
            if stored is None:
                return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
            # A part moved in from another page is not in this page's snapshot: as stored.
            obj = in_memory(self.page_type, stored, page, base) or stored
        fieldsets = self.get_fieldsets(request, obj)
        change = obj is not None
        form_class = self.get_form(request, obj, change=change, fields=flatten_fieldsets(fieldsets))
        form = form_class(request.POST, request.FILES, instance=obj)
        formsets, inlines = self._create_formsets(request, form.instance, change=change)
        valid = form.is_valid()
        if not (all_valid(formsets) and valid):
            shown = (form, formsets, inlines, fieldsets)
            return self._show_errors(request, obj, shown, form_url, extra_context)
        using = router.db_for_write(self.model)
        data = form_snapshots.build(base, form, formsets, using)
        live = {name: getattr(page, name) for name in PUBLISHING_FIELDS}
        changed = {}
        if type(form.instance) is type(page):
            after = {name: getattr(form.instance, name) for name in PUBLISHING_FIELDS}
            changed = {n: value for n, value in after.items() if not _same(value, live[n])}
        with transaction.atomic(using=using):
            self._held_saved(request, page, draft, base, data, changed)
        if stored is None:  # the new part has no row yet: its page shows the draft
            return HttpResponseRedirect(self.page_admin_url(page, "change"))
        return self._redirect_held(request, stored)

    def _show_errors(self, request, obj, shown, form_url, extra):
        """The refused form again, with what was typed and why, as Django shows it."""
        form, formsets, inlines, fieldsets = shown
        admin_form = helpers.AdminForm(
            form,
            list(fieldsets),
            self.get_prepopulated_fields(request, obj),
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        media = self.media + admin_form.media
        inline_formsets = self.get_inline_formsets(request, formsets, inlines, obj)
        for inline_formset in inline_formsets:
            media += inline_formset.media
        context = {
            **self.admin_site.each_context(request),
            "title": _(ADMIN_TITLES[obj is None]) % self.opts.verbose_name,
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": obj.pk if obj else None,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": media,
            "inline_admin_formsets": inline_formsets,
            "errors": helpers.AdminErrorList(form, formsets),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra or {}),
        }
        return self.render_change_form(
            request, context, add=obj is None, change=obj is not None, obj=obj, form_url=form_url
        )

    def _held_saved(self, request, page, draft, base, data, changed):
        user, note = request.user, request.POST.get("revision_note", "")
        said = []
        content = not snapshots.same_content(base, data)
        if changed and can_publish(user, self.model):
            if changed.get("status") == Status.DRAFT:
                actions.Unpublish(page, user).run()
                said.append(_("Withdrawn: visitors no longer see it."))
                if content:  # the page is a draft now: its content goes to the tables
                    snapshots.apply(page, data)
                    revisions.record(page, Revision.Kind.EDIT, author=user, note=note)
                return self._say(request, said)
            values = {k: v for k, v in changed.items() if k != "status"}
            if values:
                note_dates = _("Changed the publishing dates.")
                actions.Publish(page, user, values=values, note=note_dates).run()
                said.append(_("The publishing dates are changed for visitors now."))
        new_draft = None
        if content:
            new_draft = actions.SaveDraft(page, user, data, note).run()
            self.log_change(request, page, _("Saved a draft of the live page."))
        waiting = new_draft or revisions.waiting(page)
        if "_publish" in request.POST and can_publish(user, self.model) and waiting:
            if draft is not None and draft.author_id != user.pk:
                url = self.page_admin_url(page, "revision", waiting.pk)
                said.append(
                    _(
                        "Saved as a draft, not published: it includes changes by %(name)s "
                        "that you have not reviewed. See the differences and publish them "
                        "here: %(url)s"
                    )
                    % {"name": draft.author_name, "url": url}
                )
                return self._say(request, said, messages.WARNING)
            public_note = {lang: request.POST.get(f"public_note_{lang}", "") for lang in LANGUAGES}
            before = self._minor_before(request, page)
            try:
                actions.Publish(page, user, revision=waiting, public_note=public_note).run()
            except actions.Refused as refusal:
                return self._say(request, [*said, refusal.message], messages.ERROR)
            if before is not None:
                english_minor.send(sender=type(page), page=page, before=before)
            said.append(_("Saved and published: visitors see the new version now."))
        elif content:
            said.append(DRAFT_SAVED)
        if not said:
            said.append(_("Nothing was changed."))
        return self._say(request, said)

    def _minor_before(self, request, page):
        """The page as it is before a save its publisher calls a minor English change (the
        translations stay up to date, ``signals.english_minor``), else None."""
        if request.POST.get("minor_english") and can_publish(request.user, self.model):
            return snapshots.take(page)
        return None

    def _say(self, request, said, level=messages.SUCCESS):
        self.message_user(request, " ".join(str(s) for s in said), level)


def _same(value, stored):
    """The form shows times to the second: a stored time with microseconds is unchanged."""
    if isinstance(value, datetime) and isinstance(stored, datetime):
        return value.replace(microsecond=0) == stored.replace(microsecond=0)
    return value == stored
