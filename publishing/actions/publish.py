"""Publish a draft (now or at a time) and withdraw a page: what changes what visitors see."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import revisions, snapshots
from ..models import PublicNote, Revision, Status
from ..translated import LANGUAGES, SOURCE, column
from .base import Action, Refused

NOTE_MAX = 1000


def note_texts(texts):
    """``{"en": ..., "ro": ...}`` cleaned: stripped, empty languages left out."""
    return {lang: (texts or {}).get(lang, "").strip() for lang in LANGUAGES}


def note_problem(texts):
    if any(len(text) > NOTE_MAX for text in texts.values()):
        return _("Keep the note under %(max)d characters.") % {"max": NOTE_MAX}
    return None


def add_note(page, user, kind, texts):
    """A note for visitors, in every language given (English is the one required)."""
    values = {column("text", lang): text or None for lang, text in texts.items()}
    values[column("text", SOURCE)] = texts[SOURCE]
    return PublicNote.objects.create(
        content_type=ContentType.objects.get_for_model(type(page)),
        object_id=page.pk,
        kind=kind,
        author=user,
        **values,
    )


class Publish(Action):
    """Make ``revision`` (the waiting draft) what visitors see, or, without one, publish the
    page as it is. ``values`` may set ``publish_at`` (a future time schedules it) and
    ``expires_at``. The page row is locked first, so one draft is published once."""

    def __init__(self, page, user, revision=None, values=None, note=None, public_note=None):
        super().__init__(page, user)
        self.revision, self.values, self.note = revision, dict(values or {}), note
        # "What changed", for visitors: only of a change to a page they already read.
        self.public_note = note_texts(public_note)

    def check(self):
        self.may_publish()
        if any(self.public_note.values()):
            if self.page.status == Status.DRAFT:
                raise Refused(_("A change note is for a page visitors already read."))
            if not self.public_note[SOURCE]:
                raise Refused(_("Write the change note in English; other languages may wait."))
            if problem := note_problem(self.public_note):
                raise Refused(problem)
        shown = self.page
        if self.revision is not None:
            self.is_waiting(self.revision)
            if found := snapshots.problems(self.revision.data):
                raise Refused(" ".join(found))
            shown = snapshots.cluster(self.revision.data, live=self.page)
        # A page type may say what keeps a page from going out (facts still to complete);
        # asked of the version that would be published, from every button and list action.
        if found := getattr(shown, "publish_problems", lambda: [])():
            raise Refused(" ".join(map(str, found)))
        publish_at = self.values.get("publish_at", self.page.publish_at) or timezone.now()
        expires_at = self.values.get("expires_at", self.page.expires_at)
        if expires_at is not None and expires_at <= publish_at:
            raise Refused(_("The expiry must come after the publish time. Move it later."))

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            if self.revision is not None:
                # Checked again under the lock: a second publisher finds it published.
                waiting = locked.has_unpublished_changes
                if not waiting or locked.latest_revision_id != self.revision.pk:
                    raise Refused(_("This draft was published or replaced a moment ago."))
                if not self.revision.applied:
                    snapshots.apply(locked, self.revision.data)
                locked = model._default_manager.get(pk=self.page.pk)
            for name, value in self.values.items():
                setattr(locked, name, value)
            locked.status = Status.PUBLISHED
            if locked.publish_at is None:
                locked.publish_at = timezone.now()
            locked.save()
            if self.revision is not None:
                self.revision.review = Revision.Review.PUBLISHED
                self.revision.reviewed_by = self.user
                self.revision.save(update_fields=["review", "reviewed_by"])
            note = self.note
            if note is None and self.revision is not None:
                note = _("Published the changes of %(author)s.") % {
                    "author": self.revision.author_name
                }
            if self.public_note[SOURCE]:
                add_note(locked, self.user, PublicNote.Kind.CHANGED, self.public_note)
                note = (
                    (note or "")
                    + " "
                    + _("Change note: %(text)s") % {"text": self.public_note[SOURCE]}
                )
            record = revisions.record(
                locked, Revision.Kind.PUBLISH, author=self.user, note=(note or "").strip()[:300]
            )
        self.page.refresh_from_db()
        return record


class Withdraw(Action):
    """Withdraw a published page: it keeps its address and content, with a dated banner
    giving ``reason`` (``{"en": ..., "ro": ..., "az": ...}``, English required), and
    leaves lists, feeds, search and the sitemap."""

    def __init__(self, page, user, reason=None):
        super().__init__(page, user)
        self.reason = note_texts(reason)

    def check(self):
        self.may_publish()
        if self.page.status != Status.PUBLISHED:
            raise Refused(_("This page is not published, so there is nothing to withdraw."))
        if not self.reason[SOURCE]:
            raise Refused(
                _("Nothing was withdrawn: say why in English, so visitors know what changed.")
            )
        if problem := note_problem(self.reason):
            raise Refused(problem)

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            if locked.status != Status.PUBLISHED:
                raise Refused(_("This page was withdrawn a moment ago."))
            add_note(locked, self.user, PublicNote.Kind.WITHDRAWN, self.reason)
            locked.status = Status.WITHDRAWN
            locked.save()
            note = _("Withdrawn: %(reason)s") % {"reason": self.reason[SOURCE]}
            record = revisions.record(
                locked, Revision.Kind.WITHDRAW, author=self.user, note=note[:300]
            )
        self.page.refresh_from_db()
        return record


class Unpublish(Action):
    """Back to draft: visitors get a 404, as before it was published. What the change form
    does when a publisher sets a live page's status to draft; ``Withdraw`` keeps it."""

    def check(self):
        self.may_publish()
        if self.page.status == Status.DRAFT:
            raise Refused(_("This page is not published, so there is nothing to withdraw."))

    def execute(self):
        model = type(self.page)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=self.page.pk)
            locked.status = Status.DRAFT
            locked.save()
            note = _("Withdrawn: visitors no longer see it.")
            record = revisions.record(locked, Revision.Kind.WITHDRAW, author=self.user, note=note)
        self.page.refresh_from_db()
        return record
