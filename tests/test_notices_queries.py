"""Page cost does not grow with content: the same queries for 1 notice, 50 and 10,000."""

from http import HTTPStatus

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status

from .chrome import CHROME_QUERIES
from .factories import make_attachment, make_category, make_notice

pytestmark = pytest.mark.django_db
# publishing.content_version.next_change: each of the three page types' next publication and
# expiry (two queries each), and the consular opening hours' next change (three).
NEXT_CHANGE_QUERIES = 9


@pytest.fixture(
    scope="module", params=[1, 50, 10_000], ids=["1-notice", "50-notices", "10000-notices"]
)
def notices(request, django_db_setup, django_db_blocker):
    """Made once for all the module's tests of one size (10,000 notices take seconds), in a
    transaction rolled back after them; each test's own writes roll back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_notices(request.param)
        transaction.set_rollback(True)


def make_notices(count):
    category = make_category(slug="visas")
    if count > 1000:  # an archive's size, written as an import would
        other = make_category(slug="other")
        now = timezone.now()
        Notice.objects.bulk_create(
            Notice(
                title=f"Archived notice {n}",
                slug=f"archived-{n}",
                summary="An older visa notice.",
                category=category if n % 2 else other,
                status=Status.PUBLISHED,
                publish_at=now - timezone.timedelta(hours=n + 48),
            )
            for n in range(count)
        )
        return [make_notice(category=category)]
    made = [make_notice(category=category if i % 2 else None) for i in range(count)]
    made.append(make_notice(category=category))
    return made


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count, page of notices with categories, the categories (for the navigation)
        (reverse("notices:list"), 3 + CHROME_QUERIES),
        # the categories (the page's among them, and the navigation), count, page
        (reverse("notices:category", kwargs={"slug": "visas"}), 3 + CHROME_QUERIES),
        # the notices with categories, their change notes
        (reverse("notices:feed"), 2),
        (reverse("notices:category_feed", kwargs={"slug": "visas"}), 3),
        # the home page: relations, the latest notices, the consular services page (none)
        (reverse("home"), 3 + CHROME_QUERIES),
        # search: the shown page's results and their (capped) count, in one query; and the
        # next scheduled moment, which its kept results last until (search/kept_results.py)
        (reverse("search") + "?q=visa", 1 + CHROME_QUERIES + NEXT_CHANGE_QUERIES),
    ],
)
def test_list_pages(client, django_assert_num_queries, notices, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == HTTPStatus.OK


def test_detail_with_attachments(client, django_assert_num_queries, notices):
    notice = notices[-1]
    for i in range(len(notices) % 7 + 2):
        make_attachment(notice, title=f"Form {i}")
    # the notice with its category, its attachments, its notes for visitors
    with django_assert_num_queries(3 + CHROME_QUERIES):
        response = client.get(notice.get_absolute_url())
    assert response.content.decode().count("/media/attachments/") >= 2
    # the next visitor: nothing; the notice is kept per content version, its parts and the
    # chrome are cached
    with django_assert_num_queries(0):
        again = client.get(notice.get_absolute_url())
    assert again.content == response.content
