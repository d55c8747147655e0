"""The history of a page and one revision's page, with the buttons that act on it.

Each button is one action of ``publishing.actions``: the view finds the page and the
revision, runs the action, and says what happened or why it was refused. Reading (history,
a revision, the restore confirmation) writes nothing.
"""

import smtplib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from . import actions, revisions, snapshots
from .admin_rules import can_publish
from .diffs import describe
from .models import VISIBLE
from .registry import registry
from .translated import LANGUAGES

PER_PAGE = 20


def when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def note_languages():
    """(code, name in the reader's language) for the change note's fields."""
    return [(lang, get_language_info(lang)["name_translated"]) for lang in LANGUAGES]


class RevisionViews:
    """For ``VersionedAdmin``: the URLs under a page's history, and the page it belongs to."""

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
        revision = revisions.for_page(obj).select_related("author", "reviewed_by")
        revision = revision.filter(pk=revision_id).first()
        if revision is None:
            raise Http404
        return obj, revision

    def can_restore(self, request, obj):
        # Restoring changes what visitors see: a publisher's decision.
        return can_publish(request.user, self.model) and self.has_change_permission(request, obj)

    # Reading -----------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if self.model is not self.page_type.model:
            return HttpResponseRedirect(self.page_admin_url(self.page_of(obj), "history"))
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
            "pending": revisions.waiting(obj),
            "can_restore": self.can_restore(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def _revision_context(self, request, obj, revision, title):
        problems = snapshots.problems(revision.data)
        live = obj.status in VISIBLE
        changes = None
        if not problems:
            changes = describe(snapshots.take(obj), revision.data)
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "revision": revision,
            "changes": changes,
            "problems": problems,
            "page_is_live": live,
            "pending": revisions.waiting(obj),
            "can_publish_page": can_publish(request.user, self.model),
            "can_change_page": self.has_change_permission(request, obj),
            "can_restore": self.can_restore(request, obj) and not problems,
            "note_languages": note_languages(),
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

    # Acting: one action a button ---------------------------------------------------------

    def _act(self, request, action, done, refused_url):
        try:
            result = action.run()
        except actions.Refused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return None, HttpResponseRedirect(refused_url)
        self.message_user(
            request, done if isinstance(done, str) else done(result), messages.SUCCESS
        )
        return result, None

    def restore_view(self, request, object_id, revision_id):
        """GET: the differences, with a confirmation button. POST: restore."""
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not self.can_restore(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            done = _("Restored the revision of %(when)s. Publishing status and dates were kept.")
            done %= {"when": when(revision.created_at)}
            history = self.page_admin_url(obj, "history")
            _result, refused = self._act(
                request, actions.Restore(obj, request.user, revision), done, history
            )
            if refused:
                return refused
            self.log_change(request, obj, _("Restored a revision."))
            return HttpResponseRedirect(self.page_admin_url(obj, "change"))
        title = _("Restore the revision of %(when)s?") % {"when": when(revision.created_at)}
        context = self._revision_context(request, obj, revision, title)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishing/restore.html", context)

    def publish_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not self.can_restore(request, obj):
            raise PermissionDenied
        done = _("Published: visitors see the new version now.")
        history = self.page_admin_url(obj, "history")
        # "What changed", for visitors (optional, English first): publishing.PublicNote.
        public_note = {lang: request.POST.get(f"public_note_{lang}", "") for lang in LANGUAGES}
        action = actions.Publish(obj, request.user, revision=revision, public_note=public_note)
        _result, refused = self._act(request, action, done, history)
        if refused:
            return refused
        self.log_change(request, obj, _("Published a draft."))
        return HttpResponseRedirect(self.page_admin_url(obj, "change"))

    def submit_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        here = self.page_admin_url(obj, "revision", revision.pk)
        try:
            _sent, refused = self._act(
                request,
                actions.Submit(obj, request.user, revision, request),
                lambda sent: (
                    _("Sent for review: %(count)d publisher(s) were emailed.") % {"count": sent}
                ),
                self.page_admin_url(obj, "history"),
            )
        except (smtplib.SMTPException, OSError):
            message = _(
                "The email to the publishers could not be sent, so the draft is not marked "
                "for review. Try again later, or tell a publisher."
            )
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(here)
        return refused or HttpResponseRedirect(self.page_admin_url(obj, "change"))

    def reject_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj, revision = self._page_and_revision(request, object_id, revision_id)
        if not self.can_restore(request, obj):
            raise PermissionDenied
        action = actions.Reject(obj, request.user, revision, request.POST.get("comment", ""))
        done = _("Rejected: the editor sees your comment.")
        here = self.page_admin_url(obj, "revision", revision.pk)
        _result, refused = self._act(request, action, done, here)
        return refused or HttpResponseRedirect(self.page_admin_url(obj, "history"))
