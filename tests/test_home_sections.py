"""The home page's sections are kept rendered per content version (embassy_site/home.py),
yet a scheduled notice, relation or consular service still appears at its moment and an
expiring one leaves at its own, with no save to announce either."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import RequestFactory
from django.utils import timezone

from embassy_site import home
from pages.models import Role

from .factories import make_notice, make_relation
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def sections(now):
    """The sections at ``now``, as a request of the home page reads them."""
    request = RequestFactory().get("/en/")
    return str(home.sections(request, now=now))


@pytest.fixture
def now():
    return timezone.now()


def test_a_scheduled_notice_appears_at_its_moment(now, django_assert_num_queries):
    for n in range(3):
        make_notice(title=f"Older {n}", publish_at=now - timedelta(days=n + 1))
    make_notice(title="Scheduled", publish_at=now + HOUR)
    html = sections(now)
    assert "Scheduled" not in html and "Older 2" in html
    with django_assert_num_queries(0):  # the kept copy, until the notice's moment
        assert "Scheduled" not in sections(now + HOUR / 2)
    html = sections(now + HOUR)
    assert "Scheduled" in html and "Older 2" not in html


def test_a_scheduled_notice_comes_after_the_pinned_ones(now):
    for n in range(3):
        make_notice(title=f"Pinned {n}", pinned=True, publish_at=now - timedelta(days=n + 1))
    make_notice(title="Scheduled", publish_at=now + HOUR)
    make_notice(title="Scheduled pinned", pinned=True, publish_at=now + 2 * HOUR)
    assert "Scheduled" not in sections(now)
    html = sections(now + HOUR)
    assert "Scheduled" not in html and "Pinned 2" in html
    html = sections(now + 2 * HOUR)
    assert "Scheduled pinned" in html and "Pinned 2" not in html


def test_a_shown_notice_leaves_at_its_expiry_and_the_next_comes_in(now):
    make_notice(title="Leaving", publish_at=now - HOUR, expires_at=now + HOUR)
    for n in range(3):
        make_notice(title=f"Older {n}", publish_at=now - timedelta(days=n + 1))
    html = sections(now)
    assert "Leaving" in html and "Older 2" not in html
    html = sections(now + HOUR)
    assert "Leaving" not in html and "Older 2" in html


def test_the_first_notice_to_come_is_found_with_none_shown(now):
    make_notice(title="Scheduled", publish_at=now + HOUR)
    html = sections(now)
    assert "There are no notices" in html and "Scheduled" not in html
    assert "Scheduled" in sections(now + HOUR)


def test_a_relation_appears_and_another_leaves_at_their_moments(now):
    make_relation(title="Coming relation", publish_at=now + HOUR)
    make_relation(title="Leaving relation", publish_at=now - HOUR, expires_at=now + 2 * HOUR)
    html = sections(now)
    assert "Coming relation" not in html and "Leaving relation" in html
    html = sections(now + HOUR)
    assert "Coming relation" in html and "Leaving relation" in html
    html = sections(now + 2 * HOUR)
    assert "Coming relation" in html and "Leaving relation" not in html


def test_a_consular_service_appears_at_its_moment(now):
    consular = make_page("Consular services", role=Role.CONSULAR_SERVICES)
    make_page("Passports", parent=consular, publish_at=now + HOUR)
    assert "Passports" not in sections(now)
    assert "Passports" in sections(now + HOUR)


def test_a_save_shows_at_once_on_the_home_page(client, django_capture_on_commit_callbacks):
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves
        make_notice(title="Just published")
    response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    assert "Just published" in response.content.decode()
