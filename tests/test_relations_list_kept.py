"""The relations list's cards are kept rendered per content version (relations/listing.py),
yet a scheduled relation still appears at its moment and an expiring one leaves at its own,
with no save to announce either; a save shows at once."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import make_relation

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def list_html(client):
    response = client.get(reverse("relations:list"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_a_scheduled_relation_appears_at_its_moment(client, clock, django_assert_num_queries):
    make_relation(title="Present relation")
    make_relation(title="Coming relation", publish_at=timezone.now() + HOUR)
    html = list_html(client)
    assert "Present relation" in html and "Coming relation" not in html
    clock.advance(HOUR.total_seconds() / 2)
    with django_assert_num_queries(0):  # the kept copy, until the relation's moment
        assert "Coming relation" not in list_html(client)
    clock.advance(HOUR.total_seconds() / 2 + 1)
    assert "Coming relation" in list_html(client)


def test_an_expiring_relation_leaves_at_its_moment(client, clock):
    make_relation(title="Leaving relation", expires_at=timezone.now() + HOUR)
    assert "Leaving relation" in list_html(client)
    clock.advance(HOUR.total_seconds() - 60)
    assert "Leaving relation" in list_html(client)
    clock.advance(61)
    html = list_html(client)
    assert "Leaving relation" not in html and "No relations pages are published yet" in html


def test_a_save_shows_at_once(client, django_capture_on_commit_callbacks):
    relation = make_relation(title="Old title")
    assert "Old title" in list_html(client)
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves
        relation.title = "New title"
        relation.save()
    html = list_html(client)
    assert "New title" in html and "Old title" not in html


def test_a_repeat_visit_reads_no_row(client, django_assert_num_queries):
    make_relation(title="Present relation")
    first = list_html(client)
    with django_assert_num_queries(0):
        assert list_html(client) == first


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ro", "Relații internaționale"), ("az", "Beynəlxalq münasibətlər")],
)
def test_each_language_keeps_its_own_copy(client, language, heading):
    make_relation(title="Present relation")
    assert "<h1>International relations</h1>" in list_html(client)  # the English copy kept
    html = client.get(f"/{language}/relations/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    # The breadcrumbs' last item, the page itself, at its address in this language.
    assert f'›</span><a href="/{language}/relations/" aria-current="page">{heading}' in html
