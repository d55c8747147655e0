"""Revisions in the admin: the change form of a page or part, and what a Save means.

Every admin of a registered page or part is a ``VersionedAdmin`` (``publishing.checks``
makes sure). What a Save does is decided before anything is written, from the page as
stored: a page that is not live is saved to the tables and recorded; an edit of a live
page is held (``admin_held``): the form becomes a draft's snapshot in memory and the
actions run, and the live tables are not written. Opening a form writes nothing: a held
draft is read from its revision in memory (``admin_drafts``).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import revisions, snapshots
from .admin_drafts import draft_version
from .admin_forms import page_forms
from .admin_held import HeldSaves
from .admin_revisions import RevisionViews, note_languages
from .admin_rules import can_publish
from .models import Revision, Status
from .signals import english_minor


def is_held(page):
    """Edits of a page with a live revision (published or scheduled) wait for a publisher."""
    return page is not None and page.live_revision_id is not None


class VersionedAdmin(HeldSaves, RevisionViews, admin.ModelAdmin):
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/history.html"

    def __init_subclass__(cls, **kwargs):
        # Once per admin class, not per request: its form, and the same for editors.
        super().__init_subclass__(**kwargs)
        cls.form, cls.editor_form = page_forms(cls.form)

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
                # The change note for visitors goes with "Save and publish" of the page.
                "note_languages": self.model is self.page_type.model and note_languages(),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

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
            before = self._minor_before(request, page) if page is not None else None
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if before is not None and response.status_code == 302:  # saved to the tables
                english_minor.send(sender=type(page), page=page, before=before)
            return response
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
