"""Revisions in the admin: drafts of live pages, history, review, publish and restore.

Every admin of a registered page or part is a ``VersionedAdmin`` (``publishing.checks``
makes sure). Its change form edits a working copy: the live tables with the page's draft
applied, inside a savepoint. When the page is live, the saved result is taken as a
snapshot and the savepoint is rolled back, so visitors keep the live version and the
snapshot becomes a draft revision; otherwise the save stays and is recorded as a revision.
"""

import smtplib

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import router, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import revisions, snapshots
from .admin_rules import can_publish
from .diffs import describe
from .models import PUBLISHING_FIELDS, Revision
from .registry import registry

PER_PAGE = 20
DRAFT_SAVED = _(
    "Saved as a draft. Visitors still see the published version until a publisher "
    "publishes your changes."
)


def when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class VersionedAdmin(admin.ModelAdmin):
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/history.html"

    # The page behind this admin's rows ----------------------------------------------------

    @property
    def page_type(self):
        return registry.for_model(self.model)

    def page_of(self, obj):
        page_id = self.page_type.page_id(obj)
        return self.page_type.model._default_manager.filter(pk=page_id).first()

    def page_admin_url(self, page, name, *args):
        opts = page._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=[page.pk, *args],
        )

    # URLs --------------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        views = [
            ("", self.revision_view, "revision"),
            ("restore/", self.restore_view, "restore"),
            ("publish/", self.publish_view, "publish_revision"),
            ("submit/", self.submit_view, "submit"),
            ("reject/", self.reject_view, "reject"),
        ]
        urls = [
            path(
                f"<path:object_id>/history/<int:revision_id>/{suffix}",
                self.admin_site.admin_view(view),
                name="{}_{}_{}".format(*info, name),
            )
            for suffix, view, name in views
        ]
        return urls + super().get_urls()

    def _page_and_revision(self, request, object_id, revision_id):
        """The page and one of its revisions, for a user who may see the page; or 404."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or self.model is not self.page_type.model:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        revision = revisions.for_page(obj).select_related("author").filter(pk=revision_id)
        revision = revision.first()
        if revision is None:
            raise Http404
        return obj, revision

    # The change form: a working copy, held back as a draft when the page is live ---------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_saveasnew" in request.POST:
            object_id = None  # Django adds a new object, as it does itself: no page is open
        page = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            page = self.page_of(obj) if obj is not None else None
        state = request._publishing = {"page": page}
        # The version the form was opened on, before this request records anything.
        state["token"] = revisions.token(page) if page is not None else None
        if (
            page is not None
            and request.method == "POST"
            and self.has_change_permission(request, obj)
        ):
            revisions.ensure_baseline(page)  # before the first change, whatever made the page
        draft = revisions.pending_draft(page) if page is not None else None
        state["live"] = page is not None and revisions.is_live(page)
        context = {
            "pending_draft": draft,
            "page_is_live": state["live"],
            "revision_token": state["token"],
            "can_publish_page": can_publish(request.user, self.model),
            "page_history_url": page and self.page_admin_url(page, "history"),
            **(extra_context or {}),
        }
        with transaction.atomic(using=router.db_for_write(self.model)):
            savepoint = transaction.savepoint()
            if draft is not None:
                snapshots.apply(page, draft.data)
            response = super().changeform_view(request, object_id, form_url, context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # now, while the working copy is in the tables
            if state.get("saved") is not None and "held" not in state:
                transaction.savepoint_commit(savepoint)
            else:
                transaction.savepoint_rollback(savepoint)
        if "held" in state:
            self._keep_draft(request, state)
        elif state.get("saved") is not None:
            note = request.POST.get("revision_note", "")
            revisions.record(state["saved"], Revision.Kind.EDIT, author=request.user, note=note)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        state = getattr(request, "_publishing", None)
        opened = request.POST.get("revision_token") if request.method == "POST" else None
        if state is None or state.get("page") is None or opened is None:
            return form
        page = state["page"]

        class SameVersionForm(form):
            """Refuses a save based on a version someone else has replaced since."""

            def clean(self):
                cleaned = super().clean()
                if opened != state["token"]:
                    newest = revisions.for_page(page).select_related("author").first()
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        state = getattr(request, "_publishing", None)
        if state is None:
            return
        page = self.page_of(form.instance)
        state["saved"] = page
        new_page = self.model is self.page_type.model and not change
        live = state["live"] if state["page"] is not None else revisions.is_live(page)
        if page is not None and state["page"] is not None and page.pk != state["page"].pk:
            # A part moved to another page (a framework's own form names its relation):
            # held back if that page is live too, or a draft's part goes live unreviewed.
            live = live or revisions.is_live(page)
        if page is None or new_page or not live:
            return
        state["held"] = snapshots.take(page)
        if self.model is self.page_type.model and can_publish(request.user, self.model):
            # A publisher's change of status or dates is a publishing act: it goes live now.
            changed = [name for name in PUBLISHING_FIELDS if name in form.changed_data]
            state["publishing"] = {name: getattr(form.instance, name) for name in changed}

    def _keep_draft(self, request, state):
        page = state["saved"]
        if state.get("publishing"):
            live = type(page)._default_manager.get(pk=page.pk)
            for name, value in state["publishing"].items():
                setattr(live, name, value)
            live.save()
            note = _("Changed the publishing status or dates.")
            revisions.record(live, Revision.Kind.PUBLISH, author=request.user, note=note)
        note = request.POST.get("revision_note", "")
        draft = revisions.record(
            page,
            Revision.Kind.DRAFT,
            author=request.user,
            note=note,
            applied=False,
            data=state["held"],
        )
        self.log_change(request, page, _("Saved a draft of the live page."))
        if "_publish" in request.POST and can_publish(request.user, self.model):
            revisions.publish(page, draft, request.user)
            state["published_now"] = True

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        state = getattr(request, "_publishing", None) or {}
        if "held" in state and level == messages.SUCCESS:
            if "_publish" in request.POST and can_publish(request.user, self.model):
                message = _("Saved and published: visitors see the new version now.")
            else:
                message = DRAFT_SAVED
        super().message_user(request, message, level, *args, **kwargs)

    def delete_model(self, request, obj):
        page = None if self.model is self.page_type.model else self.page_of(obj)
        if page is not None:
            revisions.ensure_baseline(page)
        super().delete_model(request, obj)
        if page is not None:
            note = _("Deleted %(part)s.") % {"part": obj}
            revisions.record(page, Revision.Kind.EDIT, author=request.user, note=note)

    # History and revisions ---------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if self.model is not self.page_type.model:
            return HttpResponseRedirect(self.page_admin_url(self.page_of(obj), "history"))
        # Reading writes nothing: a page no revision knows yet gets its baseline when it is
        # first saved (``changeform_view``, ``delete_model``), and shows an empty history.
        paginator = Paginator(revisions.for_page(obj).select_related("author"), PER_PAGE)
        page_number = request.GET.get("p", "1")
        if not page_number.isascii() or not page_number.isdigit():
            raise Http404
        try:
            listed = paginator.page(int(page_number))
        except Exception:
            raise Http404 from None
        rows = list(listed.object_list)
        # Each revision against the one before it: one more revision than is shown.
        before = revisions.for_page(obj).exclude(pk__in=[r.pk for r in rows])
        older = before.filter(created_at__lte=rows[-1].created_at).first() if rows else None
        for revision, previous in zip(rows, [*rows[1:], older][: len(rows)], strict=True):
            revision.changes = describe(previous.data, revision.data) if previous else None
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%(page)s”") % {"page": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "page_obj": listed,
            "revisions": rows,
            "pending": revisions.pending_draft(obj),
            "can_restore": self.can_restore(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def can_restore(self, request, obj):
        # Restoring changes what visitors see: a publisher's decision.
        return can_publish(request.user, self.model) and self.has_change_permission(request, obj)

    def _revision_context(self, request, obj, revision, title):
        live = snapshots.take(obj)
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "revision": revision,
            "changes": describe(live, revision.data),
            "pending": revisions.pending_draft(obj),
            "can_publish_page": can_publish(request.user, self.model),
            "can_change_page": self.has_change_permission(request, obj),
            "can_restore": self.can_restore(request, obj),
        }

    def revision_view(self, request, object_id, revision_id):
        """Read-only: what the revision holds, against what visitors see now."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        title = _("Revision of %(when)s") % {"when": when(revision.created_at)}
        context = self._revision_context(request, obj, revision, title)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishing/revision.html", context)

    def restore_view(self, request, object_id, revision_id):
        """GET: the differences, with a confirmation button. POST: restore."""
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not self.can_restore(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            revisions.restore(obj, revision, request.user)
            self.log_change(request, obj, _("Restored a revision."))
            self.message_user(
                request,
                _("Restored the revision of %(when)s. Publishing status and dates were kept.")
                % {"when": when(revision.created_at)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.page_admin_url(obj, "change"))
        title = _("Restore the revision of %(when)s?") % {"when": when(revision.created_at)}
        context = self._revision_context(request, obj, revision, title)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishing/restore.html", context)

    def _waiting_draft(self, request, object_id, revision_id, allowed):
        """(page, draft, None) for a POST by a user ``allowed`` to act on the page's waiting
        draft, or (None, None, response) saying why not."""
        if request.method != "POST":
            return None, None, HttpResponseNotAllowed(["POST"])
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not allowed(request, obj):
            raise PermissionDenied
        if revision.applied or revisions.pending_draft(obj) != revision:
            message = _("This draft is no longer waiting: a newer revision exists.")
            self.message_user(request, message, messages.ERROR)
            return None, None, HttpResponseRedirect(self.page_admin_url(obj, "history"))
        return obj, revision, None

    def publish_view(self, request, object_id, revision_id):
        obj, revision, refused = self._waiting_draft(
            request, object_id, revision_id, self.can_restore
        )
        if refused:
            return refused
        revisions.publish(obj, revision, request.user)
        self.log_change(request, obj, _("Published a draft."))
        self.message_user(request, _("Published: visitors see the new version now."))
        return HttpResponseRedirect(self.page_admin_url(obj, "change"))

    def submit_view(self, request, object_id, revision_id):
        obj, revision, refused = self._waiting_draft(
            request, object_id, revision_id, self.has_change_permission
        )
        if refused:
            return refused
        try:
            sent = revisions.submit(obj, revision, request.user, request)
        except (smtplib.SMTPException, OSError):
            message = _(
                "The email to the publishers could not be sent, so the draft is not marked "
                "for review. Try again later, or tell a publisher."
            )
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(self.page_admin_url(obj, "revision", revision.pk))
        self.message_user(
            request,
            _("Sent for review: %(count)d publisher(s) were emailed.") % {"count": sent},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.page_admin_url(obj, "change"))

    def reject_view(self, request, object_id, revision_id):
        obj, revision, refused = self._waiting_draft(
            request, object_id, revision_id, self.can_restore
        )
        if refused:
            return refused
        comment = request.POST.get("comment", "").strip()
        if not comment:
            self.message_user(
                request, _("Say why, so the editor knows what to change."), messages.ERROR
            )
            return HttpResponseRedirect(self.page_admin_url(obj, "revision", revision.pk))
        revisions.reject(revision, request.user, comment)
        self.message_user(request, _("Rejected: the editor sees your comment."), messages.SUCCESS)
        return HttpResponseRedirect(self.page_admin_url(obj, "history"))
