"""Review-by dates: when a page must be checked again, from its page type's registration.

A page type says ``review_months`` once (``publishing.register(..., review_months=6)``);
a page of it published without a date gets one that many months on, and "mark checked"
sets the next one the same way. Nothing here knows a page type.
"""

import calendar
import datetime

from django.utils import timezone

from .models import Status

# "Mark checked" on a page whose type declares no period: checked again in a year.
FALLBACK_MONTHS = 12


def add_months(day, months):
    """The same day ``months`` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today():
    return timezone.localdate()


def default_review_by(page_type, on=None):
    """The date a page of this type published ``on`` (today) is to be checked by, or None."""
    months = page_type.review_months if page_type is not None else None
    return add_months(on or today(), months) if months else None


def next_review_by(page_type, on=None):
    """After a check: the type's period, or ``FALLBACK_MONTHS`` for a type without one."""
    months = (page_type.review_months if page_type is not None else None) or FALLBACK_MONTHS
    return add_months(on or today(), months)


def overdue(model, on=None):
    """Published pages of a model whose review-by date has come (today counts)."""
    return model._default_manager.filter(
        status=Status.PUBLISHED, review_by__isnull=False, review_by__lte=on or today()
    )


def fill_review_by(sender, instance, raw=False, **kwargs):
    """A page published without a review-by date takes its type's default, whatever path
    published it (the Publish action, a draft saved as published, an import); loaddata
    (raw) keeps what the fixture says."""
    if raw or getattr(instance, "status", None) != Status.PUBLISHED:
        return
    if instance.review_by is not None:
        return
    from .registry import registry

    page_type = registry.for_model(sender)
    if page_type is not None and page_type.model is sender:
        # From when visitors first read it: a scheduled page's publish time, else now.
        start = max(instance.publish_at or timezone.now(), timezone.now())
        instance.review_by = default_review_by(page_type, timezone.localdate(start))


def connect():
    from django.db.models.signals import pre_save

    pre_save.connect(fill_review_by, dispatch_uid="publishing-fill-review-by")
