"""Versions of content in the admin: who changed what and when, and a one-step restore.

django-simple-history keeps a history table per model. A relation's version includes its
parts (sections, frameworks, ...): every admin save writes the relation first, then its
parts, so a version of the relation is its row plus the parts as they stood before the next
save of the relation. Restoring brings back text and parts; publishing state stays as it is.
"""

import datetime
import difflib
import html

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_rules import PUBLISHING_FIELDS, can_publish
from .registry import registry

# Bookkeeping that changes on every save and says nothing to a reader.
HIDDEN_FIELDS = {"updated_at", "created_at", "date", "kind_display"}
CONTEXT_WORDS = 6
TICK = datetime.timedelta(microseconds=1)


def _words(value):
    return html.unescape(strip_tags(str(value or ""))).split()


def word_diff(old, new):
    """Words removed in <del>, added in <ins>, long unchanged runs shortened."""
    a, b = _words(old), _words(new)
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    parts = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = n == 0, n == len(opcodes) - 1
            if len(words) > 2 * CONTEXT_WORDS:
                head = [] if first else words[:CONTEXT_WORDS]
                tail = [] if last else words[-CONTEXT_WORDS:]
                words = [*head, "…", *tail]
            parts.append(escape(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # every piece is escaped above


def describe_changes(record, previous):
    """[{"field", "diff"}] between two historical records of one object."""
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    opts = record.instance_type._meta
    changes = []
    for change in delta.changes:
        field = opts.get_field(change.field)
        if isinstance(field, models.ForeignKey):
            continue  # parts never move between relations in the admin
        if field.choices:
            flat = dict(field.flatchoices)
            old, new = flat.get(change.old, change.old), flat.get(change.new, change.new)
        else:
            old, new = change.old, change.new
        if isinstance(field, models.TextField | models.CharField | models.SlugField):
            diff = word_diff(old, new)
        elif _value(old) == _value(new):
            continue  # e.g. seconds dropped by the admin's date and time inputs
        else:
            diff = mark_safe(f"<del>{escape(_value(old))}</del> → <ins>{escape(_value(new))}</ins>")
        changes.append({"field": capfirst(field.verbose_name), "diff": diff})
    return changes


def _value(value):
    if value in (None, ""):
        return _("(empty)")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


class VersionedAdmin(SimpleHistoryAdmin):
    """History list with readable differences (parts included) and a restore button.

    Its parts come from the registry, in save order: (model, foreign key to this admin's
    model or to a part listed before it).
    """

    object_history_template = "admin/versions/object_history.html"
    object_history_list_template = "admin/versions/object_history_list.html"

    @property
    def history_parts(self):
        page_type = registry.for_model(self.model)
        parts = page_type.parts_below(self.model) if page_type else []
        return [(part.model, part.parent) for part in parts]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_restore_permission(self, request, obj=None):
        # Restoring a page or a part changes what visitors see: a publisher's decision.
        return can_publish(request.user, self.model) and self.has_change_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"can_restore": obj is not None and self.has_restore_permission(request, obj)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def revert_disabled(self, request, obj=None):
        # The version page is a read-only view; restoring is the button in the list.
        return True

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        records = list(historical_records)
        if not records:
            return
        object_id = getattr(records[0], self.opts.pk.attname)
        ordered = list(
            self.model.history.filter(**{self.opts.pk.attname: object_id}).order_by(
                "history_date", "history_id"
            )
        )
        previous = dict(zip((r.history_id for r in ordered), [None, *ordered[:-1]], strict=True))
        for record in records:
            record.readable_changes = describe_changes(record, previous.get(record.history_id))
        if self.history_parts:
            self._add_part_changes(object_id, records)

    def _windows(self, object_id):
        """(version, start, end): parts saved in [start, end) belong to that version."""
        dates = list(
            self.model.history.filter(**{self.opts.pk.attname: object_id})
            .order_by("history_date", "history_id")
            .values_list("history_id", "history_date")
        )
        ends = [d for _, d in dates[1:]] + [None]
        return [(hid, start, end) for (hid, start), end in zip(dates, ends, strict=True)]

    def _part_records(self, object_id):
        """Every historical record of every part of the object, oldest first, by model."""
        ids = {self.model: {object_id}}
        result = []
        for model, fk_name in self.history_parts:
            field = model._meta.get_field(fk_name)
            parent_ids = ids.get(field.related_model, set())
            records = list(
                model.history.filter(**{f"{field.attname}__in": parent_ids}).order_by(
                    "history_date", "history_id"
                )
            )
            ids[model] = {getattr(r, model._meta.pk.attname) for r in records}
            result.append((model, records))
        return result

    def _add_part_changes(self, object_id, records):
        windows = {hid: (start, end) for hid, start, end in self._windows(object_id)}
        for model, part_records in self._part_records(object_id):
            last_seen = {}
            for part in part_records:
                before = last_seen.get(part.instance.pk)
                last_seen[part.instance.pk] = part
                label = f"{capfirst(model._meta.verbose_name)} “{part.instance}”"
                if part.history_type == "+":
                    changes = [{"field": label, "diff": mark_safe(_("<ins>added</ins>"))}]
                elif part.history_type == "-":
                    changes = [{"field": label, "diff": mark_safe(_("<del>removed</del>"))}]
                else:
                    changes = [
                        {"field": f"{label}: {c['field']}", "diff": c["diff"]}
                        for c in describe_changes(part, before)
                    ]
                for record in records:
                    start, end = windows.get(record.history_id, (None, None))
                    in_window = start and start <= part.history_date
                    if in_window and (end is None or part.history_date < end):
                        record.readable_changes.extend(changes)
                        break

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_restore_permission(request, obj):
            raise PermissionDenied
        record = self.model.history.filter(
            history_id=version_id, **{self.opts.pk.attname: obj.pk}
        ).first()
        if record is None:
            raise Http404
        with transaction.atomic():
            self.restore_version(request, obj, record)
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        self.message_user(
            request,
            _("Restored the version of %(when)s. Publishing status and dates were kept.")
            % {"when": when},
            messages.SUCCESS,
        )
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:%s_%s_change" % info, args=[obj.pk])
        )

    def restore_version(self, request, obj, record):
        windows = {hid: end for hid, _start, end in self._windows(obj.pk)}
        end = windows.get(record.history_id)
        as_of = (end - TICK) if end else timezone.now()
        restored = record.instance
        for name in PUBLISHING_FIELDS:
            if hasattr(obj, name):
                setattr(restored, name, getattr(obj, name))
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        reason = _("Restored the version of %(when)s") % {"when": when}
        restored._change_reason = reason
        restored.save()
        self.log_change(request, restored, reason)
        ids = {self.model: {obj.pk}}
        for model, fk_name in self.history_parts:
            field = model._meta.get_field(fk_name)
            parent_ids = ids.get(field.related_model, set())
            past = list(model.history.as_of(as_of).filter(**{f"{field.attname}__in": parent_ids}))
            keep = {p.pk for p in past}
            model._default_manager.filter(**{f"{field.attname}__in": parent_ids}).exclude(
                pk__in=keep
            ).delete()
            for part in past:
                part._change_reason = reason
                part.save()
            ids[model] = keep
