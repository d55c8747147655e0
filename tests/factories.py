"""Small helpers that build valid content with sensible defaults."""

from django.utils import timezone

from publishing.models import Status
from relations.models import Milestone, Relation, Section


def make_relation(**kwargs):
    kwargs.setdefault("title", "NATO – Testland relations")
    kwargs.setdefault("slug", "nato-testland")
    kwargs.setdefault("summary", "How NATO and Testland cooperate.")
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - timezone.timedelta(days=1))
    return Relation.objects.create(**kwargs)


def make_section(relation, **kwargs):
    kwargs.setdefault("heading", "Evolution of relations")
    kwargs.setdefault("anchor", "evolution")
    kwargs.setdefault("body", "<p>It began.</p>")
    return Section.objects.create(relation=relation, **kwargs)


def make_milestone(relation, **kwargs):
    kwargs.setdefault("year", 1992)
    kwargs.setdefault("slug", f"m-{Milestone.objects.count()}")
    kwargs.setdefault("text", "Something happened.")
    return Milestone.objects.create(relation=relation, **kwargs)
