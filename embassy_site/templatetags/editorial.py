"""The admin start page's overview: what waits for a publisher and what changes this week."""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from embassy_site.publishing import Status
from notices.models import Notice
from relations.models import Relation

register = template.Library()

WINDOW = datetime.timedelta(days=7)
LIMIT = 20


def _rows(queryset, date_field):
    opts = queryset.model._meta
    change = f"admin:{opts.app_label}_{opts.model_name}_change"
    return [
        {
            "title": str(obj),
            "kind": opts.verbose_name,
            "when": getattr(obj, date_field),
            "change_url": reverse(change, args=[obj.pk]),
            "preview_url": obj.get_absolute_url(),
        }
        for obj in queryset.only("pk", "title", "slug", date_field)[:LIMIT]
    ]


@register.simple_tag
def editorial_overview(now=None):
    """Five queries: drafts of each kind, notices starting and ending this week, and
    notices whose link has text but no address."""
    now = now or timezone.now()
    soon = now + WINDOW
    drafts = _rows(
        Relation.objects.filter(status=Status.DRAFT).order_by("-updated_at"), "updated_at"
    ) + _rows(Notice.objects.filter(status=Status.DRAFT).order_by("-updated_at"), "updated_at")
    drafts.sort(key=lambda row: row["when"], reverse=True)
    published = Notice.objects.filter(status=Status.PUBLISHED)
    return {
        "drafts": drafts,
        "scheduled": _rows(
            published.filter(publish_at__gt=now, publish_at__lte=soon).order_by("publish_at"),
            "publish_at",
        ),
        "expiring": _rows(
            published.filter(
                publish_at__lte=now, expires_at__gt=now, expires_at__lte=soon
            ).order_by("expires_at"),
            "expires_at",
        ),
        "unlinked": _rows(
            Notice.objects.link_label_without_address().order_by("-updated_at"), "updated_at"
        ),
    }
