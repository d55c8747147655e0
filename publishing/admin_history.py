"""Revisions in the admin: the change form of a page or part, and what a Save means.

Every admin of a registered page or part is a ``VersionedAdmin`` (``publishing.checks``
makes sure). What a Save does is decided before anything is written, from the page as
stored: a page that is not live is saved to the tables and recorded; an edit of a live
page is held: Django's form machinery saves it inside a savepoint, the result is taken as
a snapshot and rolled back, and then the actions run (``SaveDraft``, and for a publisher
``Withdraw`` or ``Publish``). Opening a form writes nothing: a held draft is read from its
revision in memory (``admin_drafts``).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import actions, revisions, snapshots
from .admin_drafts import draft_version
from .admin_revisions import RevisionViews, when
from .admin_rules import can_publish
from .models import PUBLISHING_FIELDS, Revision, Status

DRAFT_SAVED = _(
    "Saved as a draft. Visitors still see the published version until a publisher "
    "publishes your changes."
)


def is_held(page):
    """Edits of a page with a live revision (published or scheduled) wait for a publisher."""
    return page is not None and page.live_revision_id is not None


def publishing_values(page):
    return {name: getattr(page, name) for name in PUBLISHING_FIELDS}


class VersionedAdmin(RevisionViews, admin.ModelAdmin):
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/history.html"

    # Reading: the held draft in memory ---------------------------------------------------

    def _is_change_form(self, request):
        match = request.resolver_match
        name = f"{self.opts.app_label}_{self.opts.model_name}_change"
        return match is not None and match.url_name == name

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or request.method not in ("GET", "HEAD"):
            return obj
        if not self._is_change_form(request):
            return obj
        return draft_version(self.page_type, obj)[0] or obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        page = self.page_of(obj) if obj is not None and obj.pk is not None else None
        draft = revisions.pending_draft(page) if page is not None else None
        waiting = revisions.waiting(page) if page is not None else None
        token = revisions.token(page) if page is not None else None
        if request.method == "POST" and "revision_token" in request.POST:
            # A refused form keeps the version it was opened on: a second Save is refused too.
            token = request.POST["revision_token"]
        context.update(
            {
                "pending_draft": draft,
                "waiting": waiting,
                "waiting_url": waiting and self.page_admin_url(page, "revision", waiting.pk),
                "draft_problems": draft is not None and snapshots.problems(draft.data),
                "page_is_live": is_held(page),
                "revision_token": token,
                "can_publish_page": can_publish(request.user, self.model),
                "page_history_url": page and self.page_admin_url(page, "history"),
                "draft_url": draft and self.page_admin_url(page, "revision", draft.pk),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        opened = request.POST.get("revision_token") if request.method == "POST" else None
        page = self.page_of(obj) if obj is not None else None
        if page is None or opened is None:
            return form
        return _refusing_stale(form, page, opened)

    # Writing: the plan is made before the form is saved ----------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if "_saveasnew" in request.POST:
            object_id = None  # Django adds a new object, as it does itself: no page is open
        page = self._page_posted(request, object_id)
        if page is not None and self.has_change_permission(request):
            revisions.ensure_baseline(page)  # before the first change, whatever made the page
            page.refresh_from_db()
        if not is_held(page):
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self._hold(request, page, object_id, form_url, extra_context)

    def _page_posted(self, request, object_id):
        """The page a POST changes: the object's; a part's form may name another parent (a
        framework moved into a live relation), and a live page among them is the one held."""
        pages = []
        if object_id is not None:
            obj = super().get_object(request, unquote(object_id))
            pages.append(self.page_of(obj) if obj is not None else None)
        part = self.page_type.part_for(self.model)
        value = request.POST.get(part.parent, "") if part is not None else ""
        if value.isascii() and value.isdigit():  # else the form says what is wrong with it
            parent = part.parent_field.related_model._default_manager.filter(pk=value).first()
            if parent is not None:
                pages.insert(0, self.page_of(parent))
        pages = [page for page in pages if page is not None]
        # As stored (a page without revisions yet has no live revision until its baseline).
        live = [page for page in pages if is_held(page) or page.status == Status.PUBLISHED]
        return next(iter(live), pages[0] if pages else None)

    def _hold(self, request, page, object_id, form_url, extra_context):
        draft = revisions.pending_draft(page)
        if draft is not None and snapshots.problems(draft.data):
            draft = None  # a draft that no longer fits is replaced, never applied half
        base = draft.data if draft is not None else snapshots.take(page)
        live = publishing_values(page)
        with transaction.atomic(using=router.db_for_write(self.model)):
            savepoint = transaction.savepoint()
            if draft is not None:
                snapshots.apply(page, draft.data)  # the form's keys are the draft's
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            saved = response.status_code == 302
            if saved:
                data = snapshots.take(page)
                after = publishing_values(type(page)._default_manager.get(pk=page.pk))
            transaction.savepoint_rollback(savepoint)
        if saved:
            changed = {name: value for name, value in after.items() if value != live[name]}
            self._held_saved(request, page, draft, base, data, changed)
        return response

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
            try:
                actions.Publish(page, user, revision=waiting).run()
            except actions.Refused as refusal:
                return self._say(request, [*said, refusal.message], messages.ERROR)
            said.append(_("Saved and published: visitors see the new version now."))
        elif content:
            said.append(DRAFT_SAVED)
        if not said:
            said.append(_("Nothing was changed."))
        return self._say(request, said)

    def _say(self, request, said, level=messages.SUCCESS):
        self.message_user(request, " ".join(str(s) for s in said), level)

    def _record_save(self, request, obj, created):
        page = self.page_of(obj)
        if page is None:
            return
        note = request.POST.get("revision_note", "") or (_("Created.") if created else "")
        revisions.record(page, Revision.Kind.EDIT, author=request.user, note=note)

    def response_add(self, request, obj, post_url_continue=None):
        if is_held(self.page_of(obj)):
            return self._redirect_held(request, obj)
        self._record_save(request, obj, created=self.model is self.page_type.model)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if is_held(self.page_of(obj)):
            return self._redirect_held(request, obj)
        self._record_save(request, obj, created=False)
        return super().response_change(request, obj)

    def _redirect_held(self, request, obj):
        """Where Django would go, without its "changed successfully": the actions say what
        happened once the savepoint is rolled back."""
        opts = self.opts
        if "_addanother" in request.POST:
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        if "_continue" in request.POST or "_publish" in request.POST:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            return HttpResponseRedirect(url)
        return self.response_post_save_change(request, obj)

    def delete_model(self, request, obj):
        page = None if self.model is self.page_type.model else self.page_of(obj)
        if page is not None:
            revisions.ensure_baseline(page)
        super().delete_model(request, obj)
        if page is not None:
            note = _("Deleted %(part)s.") % {"part": obj}
            revisions.record(page, Revision.Kind.EDIT, author=request.user, note=note)


def _refusing_stale(form, page, opened):
    class SameVersionForm(form):
        """Refuses a save based on a version someone else has replaced since."""

        def clean(self):
            cleaned = super().clean()
            newer = revisions.for_page(page).filter(author__isnull=False)
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
            return cleaned

    SameVersionForm.__name__ = form.__name__
    return SameVersionForm
