"""What the clock alone changes in a piece rendered once and kept (publishing/rendered.py
``kept_until``): a scheduled row appears at its publish_at, a shown one leaves at its
expires_at, and no save announces either.

So such a piece reads the rows published and not yet expired, current or still to come
(a handful more than it shows), keeps those ``current`` at the moment, and is kept until
``next_moment``, past which it is read and rendered again. One rule for every such piece
(the home page's sections, the relations list), the same as ``PublishableQuerySet.current``.
"""

from django.db.models import Q

from .models import Status

TIMES = ("publish_at", "expires_at")


def not_expired(queryset, now):
    """Published and not yet expired: current, or to appear later."""
    return queryset.filter(status=Status.PUBLISHED).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def current(row, now):
    """``PublishableQuerySet.current(now)`` of a row read by ``not_expired``."""
    return row.publish_at is not None and row.publish_at <= now and not expired(row, now)


def expired(row, now):
    return row.expires_at is not None and row.expires_at <= now


def next_moment(rows, now, more=()):
    """The first moment after ``now`` one of ``rows`` appears or leaves (or one of ``more``,
    other times, comes), as a unix time; None if none will."""
    moments = [getattr(row, field) for row in rows for field in TIMES]
    moments += more
    return min((m.timestamp() for m in moments if m is not None and m > now), default=None)
