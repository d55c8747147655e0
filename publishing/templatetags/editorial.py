"""The admin start page's overview: what waits for a publisher and what changes this week.

Built from the registry, so every page type appears without code here.
"""

import datetime

from django import template
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from publishing.registry import registry
from publishing.state import label as state_label

register = template.Library()

WINDOW = datetime.timedelta(days=7)
LIMIT = 20


def _last_saved(obj):
    # The moment someone saved it, not the content's own date (a 2019 fixture's updated_at).
    latest = obj.latest_revision
    return latest.created_at if latest is not None else obj.updated_at


def _rows(queryset, date_field):
    opts = queryset.model._meta
    change = f"admin:{opts.app_label}_{opts.model_name}_change"
    return [
        {
            "title": str(obj),
            "state": state_label(obj),
            "kind": opts.verbose_name,
            "when": date_field(obj) if callable(date_field) else getattr(obj, date_field),
            "change_url": reverse(change, args=[obj.pk]),
            "preview_url": obj.get_absolute_url(),
        }
        for obj in queryset[:LIMIT]
    ]


def _newest_first(rows, reverse_order=True):
    return sorted(rows, key=lambda row: row["when"], reverse=reverse_order)[:LIMIT]


@register.simple_tag
def editorial_overview(now=None):
    """Three queries a page type: its drafts, what starts and what ends this week; and one
    for each of its ``attention`` panels (notices whose link has text but no address)."""
    now = now or timezone.now()
    soon = now + WINDOW
    drafts, scheduled, expiring, attention = [], [], [], []
    for page_type in registry:
        manager = page_type.model._default_manager
        # Draft pages, and live pages with changes waiting to go live: state on the row.
        waiting = manager.filter(Q(status=Status.DRAFT) | Q(has_unpublished_changes=True))
        waiting = waiting.select_related("latest_revision").order_by(
            F("latest_revision__created_at").desc(nulls_last=True), "-updated_at"
        )
        drafts += _rows(waiting, _last_saved)
        published = manager.filter(status=Status.PUBLISHED)
        scheduled += _rows(
            published.filter(publish_at__gt=now, publish_at__lte=soon).order_by("publish_at"),
            "publish_at",
        )
        expiring += _rows(
            published.filter(
                publish_at__lte=now, expires_at__gt=now, expires_at__lte=soon
            ).order_by("expires_at"),
            "expires_at",
        )
        attention += [
            {
                "id": panel.id,
                "title": panel.title,
                "empty_text": panel.empty_text,
                "rows": _rows(panel.pages().order_by("-updated_at"), "updated_at"),
            }
            for panel in page_type.attention
        ]
    return {
        "drafts": _newest_first(drafts),
        "scheduled": _newest_first(scheduled, reverse_order=False),
        "expiring": _newest_first(expiring, reverse_order=False),
        "attention": attention,
    }
