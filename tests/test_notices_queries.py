"""Page cost does not grow with content: the same queries for 1 notice and for 50."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from .factories import make_attachment, make_category, make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 50], ids=["1-notice", "50-notices"])
def notices(request):
    category = make_category(slug="visas")
    made = [make_notice(category=category if i % 2 else None) for i in range(request.param)]
    made.append(make_notice(category=category))
    return made


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count, page of notices with categories, category navigation
        (reverse("notices:list"), 3),
        # the category, count, page, category navigation
        (reverse("notices:category", kwargs={"slug": "visas"}), 4),
        # the notices with categories
        (reverse("notices:feed"), 1),
        (reverse("notices:category_feed", kwargs={"slug": "visas"}), 2),
    ],
)
def test_list_pages(client, django_assert_num_queries, notices, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == HTTPStatus.OK


def test_detail_with_attachments(client, django_assert_num_queries, notices):
    notice = notices[-1]
    for i in range(len(notices) % 7 + 2):
        make_attachment(notice, title=f"Form {i}")
    # the notice with its category, its attachments
    with django_assert_num_queries(2):
        response = client.get(notice.get_absolute_url())
    assert response.content.decode().count("/media/attachments/") >= 2
