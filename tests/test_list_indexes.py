"""Lists read a page of ten from an index in their own order, however large the archive."""

import pytest
from django.db import connection
from django.utils import timezone

from notices.models import Category, Notice
from publishing.models import Status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's planner"),
]


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute(*queryset.query.sql_with_params())  # warm, then explain
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_notice_lists_use_their_indexes():
    categories = [Category.objects.create(name=f"C{n}", slug=f"c{n}") for n in range(5)]
    now = timezone.now()
    Notice.objects.bulk_create(
        Notice(
            title=f"Notice {n}",
            slug=f"notice-{n}",
            summary="Teaser.",
            category=categories[n % 5],
            status=Status.PUBLISHED,
            publish_at=now - timezone.timedelta(minutes=n + 1),
        )
        for n in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notices_notice")
    listing = plan(Notice.objects.current().select_related("category")[:10])
    assert "notices_list_idx" in listing, listing
    in_category = plan(Notice.objects.current().filter(category=categories[2])[:10])
    assert "notices_category_idx" in in_category, in_category
