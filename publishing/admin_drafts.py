"""The change form of a live page edits its draft in memory, when reading and saving alike.

Opening a form writes nothing: the page (or part) the form edits is the draft's unsaved
instance from ``snapshots.cluster``, and the inlines list the draft's parts from its
prefetch cache. Saving an edit of a live page binds the form to the same in-memory version
(the draft's, or the live one's when there is no draft), so the form's keys are the
draft's, and ``form_snapshots`` turns the valid form into the new draft: nothing is written
to the page's tables.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from . import revisions, snapshots


class DraftRowField(forms.ModelChoiceField):
    """An inline row's key, found among the draft's rows in memory: a part the draft added
    is in no table, and one it changed is read as the draft has it."""

    def __init__(self, rows, **kwargs):
        super().__init__(**kwargs)
        self.rows = {str(row.pk): row for row in rows}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.rows[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class DraftFormSet(BaseInlineFormSet):
    """An inline that lists the parts of an in-memory draft, when its page is one."""

    def _in_memory(self):
        if not getattr(self.instance, "_from_revision", False):
            return None
        name = self.fk.remote_field.cache_name
        return self.instance._prefetched_objects_cache.get(name)

    def get_queryset(self):
        cached = self._in_memory()
        return list(cached) if cached is not None else super().get_queryset()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        cached = self._in_memory()
        if cached is not None:
            name = self._pk_field.name
            field = form.fields[name]
            form.fields[name] = DraftRowField(
                list(cached),
                queryset=field.queryset,
                initial=field.initial,
                required=False,
                widget=field.widget,
            )


def _from_revision(cluster, db):
    """Every instance of the cluster is read from the revision, and stands for a stored
    row: its form checks uniqueness against others, not against itself."""
    stack = [cluster]
    while stack:
        each = stack.pop()
        each._from_revision = True
        each._state.adding, each._state.db = False, db
        for rows in each._prefetched_objects_cache.values():
            stack.extend(rows)


def in_memory(page_type, obj, page, data):
    """``obj`` (the page or one of its parts) as the snapshot ``data`` of ``page`` has it,
    unsaved, or None when the snapshot lacks it (a part from another page)."""
    cluster = snapshots.cluster(data, live=page)
    found = (
        cluster if type(obj) is page_type.model else snapshots.part_of(cluster, type(obj), obj.pk)
    )
    if found is not None:
        _from_revision(cluster, page._state.db)
    return found


def draft_version(page_type, obj):
    """(The object as the held draft has it, the draft), or (None, None) without one.

    A draft that no longer fits the models is not opened: the form shows the live version
    and says why (``draft_problems`` in the change form's context)."""
    page = page_type.model._default_manager.filter(pk=page_type.page_id(obj)).first()
    draft = revisions.pending_draft(page) if page is not None else None
    if draft is None or snapshots.problems(draft.data):
        return None, draft
    # A part the draft removed: its own form shows it as it is.
    return in_memory(page_type, obj, page, draft.data), draft
