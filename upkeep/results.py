"""Keeps what a run found: one row per link of a page, updated in place on every run."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .checker import tier
from .models import LinkCheck, RunLock


class Busy(Exception):
    pass


@transaction.atomic
def store(found, results, now=None):
    """Rows for links still on their pages get the new result; the rest are removed.

    ``first_seen`` is when the link's current result was first seen: "broken since".
    Links the run had no time for keep their last result.
    """
    now = now or timezone.now()
    existing = {(r.page_type_id, r.page_id, r.url): r for r in LinkCheck.objects.all()}
    wanted = {(ct, pk, url) for (ct, pk), urls in found.items() for url in urls}
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    LinkCheck.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for key in sorted(wanted):
        if key[2] not in results:
            continue
        status, error = results[key[2]]
        result = tier(status, error)
        signature = f"{result}:{status or ''}"
        row = existing.get(key)
        if row is None:
            row = LinkCheck(page_type_id=key[0], page_id=key[1], url=key[2], first_seen=now)
            new.append(row)
        else:
            changed.append(row)
            if row.signature != signature:
                row.first_seen = now
        row.status, row.error, row.tier = status, error, result
        row.signature, row.last_checked = signature, now
    LinkCheck.objects.bulk_create(new, batch_size=500)
    fields = ["status", "error", "tier", "signature", "first_seen", "last_checked"]
    LinkCheck.objects.bulk_update(changed, fields, batch_size=500)
    return new, changed, stale


class lock:
    """Held by one run at a time, whatever the machine; a crashed run's hold expires."""

    def __init__(self, name, seconds):
        self.name, self.seconds, self.until = name, seconds, None

    def __enter__(self):
        now = timezone.now()
        RunLock.objects.get_or_create(name=self.name, defaults={"held_until": now})
        self.until = now + timedelta(seconds=self.seconds)
        taken = RunLock.objects.filter(name=self.name, held_until__lte=now).update(
            held_until=self.until
        )
        if not taken:
            raise Busy(self.name)
        return self

    def __exit__(self, *exc):
        RunLock.objects.filter(name=self.name, held_until=self.until).update(
            held_until=timezone.now()
        )
