"""The change form reads a live page's held draft from its revision, in memory.

Opening a form writes nothing: the page (or part) the form edits is the draft's unsaved
instance from ``snapshots.cluster``, and the inlines list the draft's parts from its
prefetch cache, so no draft is applied to the tables to be shown.
"""

from django.forms.models import BaseInlineFormSet

from . import revisions, snapshots


class DraftFormSet(BaseInlineFormSet):
    """An inline that lists the parts of an in-memory draft, when its page is one."""

    def get_queryset(self):
        if not self.is_bound and getattr(self.instance, "_from_revision", False):
            name = self.fk.remote_field.cache_name
            cached = self.instance._prefetched_objects_cache.get(name)
            if cached is not None:
                return list(cached)
        return super().get_queryset()


def draft_version(page_type, obj):
    """(The object as the held draft has it, the draft), or (None, None) without one.

    A draft that no longer fits the models is not opened: the form shows the live version
    and says why (``draft_problems`` in the change form's context)."""
    page = page_type.model._default_manager.filter(pk=page_type.page_id(obj)).first()
    draft = revisions.pending_draft(page) if page is not None else None
    if draft is None or snapshots.problems(draft.data):
        return None, draft
    cluster = snapshots.cluster(draft.data, live=page)
    found = (
        cluster if type(obj) is page_type.model else snapshots.part_of(cluster, type(obj), obj.pk)
    )
    if found is None:
        return None, draft  # a part the draft removed: its own form shows it as it is
    stack = [cluster]
    while stack:  # every instance of the cluster is read from the revision
        each = stack.pop()
        each._from_revision = True
        for rows in each._prefetched_objects_cache.values():
            stack.extend(rows)
    return found, draft
