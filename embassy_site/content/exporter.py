"""Exporting: all content in the import format, in an order that never changes.

Lists are written in the order the site shows them (position is what import turns into
``order``), with the key of each object as a tie-breaker, so export, import into an empty
database and export again give the same bytes. Fields the database keeps for itself are
left out: ids, ``order`` numbers, ``created_at``/``updated_at``, the derived ``date`` and an
attachment's stored name, type and size.
"""

import json
from pathlib import PurePosixPath

import yaml
from django.db.models import Prefetch
from django.utils.text import slugify

from notices.models import Attachment, Category, Notice
from relations.models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

from .dates import format_moment, format_partial_date
from .schema import CATEGORIES, MOMENT_KEYS, NOTICES, RELATIONS, Kind


def _value(obj, key):
    if key == "date":
        return format_partial_date(obj.year, obj.month, obj.day, obj.precision)
    if key in MOMENT_KEYS:
        return format_moment(getattr(obj, key))
    if key == "category":
        return obj.category.slug
    return getattr(obj, key)


def _plain(obj, kind: Kind, skip=()):
    return {key: _value(obj, key) for key in kind.keys if key not in skip}


def relations():
    queryset = Relation.objects.order_by("title", "slug").prefetch_related(
        Prefetch("sections", Section.objects.order_by("order", "anchor")),
        Prefetch(
            "frameworks",
            Framework.objects.order_by("order", "slug").prefetch_related(
                Prefetch("cycles", Cycle.objects.order_by("start_year"))
            ),
        ),
        Prefetch("areas", CooperationArea.objects.order_by("order", "slug")),
        Prefetch("milestones", Milestone.objects.order_by("date", "slug")),
    )
    children = {child.list_key: child for child in RELATIONS.children}
    frameworks = children["frameworks"]
    cycles = frameworks.children[0]
    for relation in queryset:
        entry = _plain(relation, RELATIONS, skip=children)
        entry["sections"] = [_plain(s, children["sections"]) for s in relation.sections.all()]
        entry["frameworks"] = [
            {
                **_plain(framework, frameworks, skip={"cycles"}),
                "cycles": [_plain(cycle, cycles) for cycle in framework.cycles.all()],
            }
            for framework in relation.frameworks.all()
        ]
        entry["areas"] = [_plain(area, children["areas"]) for area in relation.areas.all()]
        entry["milestones"] = [
            _plain(milestone, children["milestones"]) for milestone in relation.milestones.all()
        ]
        yield entry


def attachment_path(folder, notice, position, attachment):
    """Where an attachment is written: from the notice, its position and title, not from ids."""
    suffix = PurePosixPath(attachment.file.name).suffix.lower()
    stem = slugify(attachment.title)[:60].strip("-") or "file"
    return str(PurePosixPath(folder, notice.slug, f"{position:02d}-{stem}{suffix}"))


def export(files_folder="files"):
    """(data, files): the content as plain data, and (stored name, relative path) to copy."""
    files = []
    categories = [
        _plain(category, CATEGORIES) for category in Category.objects.order_by("order", "slug")
    ]
    notices = []
    queryset = (
        Notice.objects.order_by("-publish_at", "slug")
        .select_related("category")
        .prefetch_related(Prefetch("attachments", Attachment.objects.order_by("order", "title")))
    )
    for notice in queryset:
        entry = _plain(notice, NOTICES, skip={"attachments"})
        entry["attachments"] = []
        for position, attachment in enumerate(notice.attachments.all(), 1):
            path = attachment_path(files_folder, notice, position, attachment)
            files.append((attachment.file.name, path))
            entry["attachments"].append({"title": attachment.title, "file": path})
        notices.append(entry)
    data = {"relations": list(relations()), "categories": categories, "notices": notices}
    return data, files


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Multi-line text as a literal block, so a body reads as it is written."""


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(data, fmt):
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # No line folding: a folded long line is easy to break when editing by hand.
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, indent=2
    )
