"""A result's dates are written exactly as the template's ``date`` filter writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from search.dates import human, machine

from .factories import make_notice
from .search_helpers import search

UTC = datetime.UTC
MOMENTS = [
    datetime.datetime(2026, month, 1 + month, 21, 30, 5, tzinfo=UTC) for month in range(1, 13)
]
MOMENTS += [
    datetime.datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),  # a new day in Baku
    datetime.datetime(2015, 10, 25, 0, 30, tzinfo=UTC),  # Baku's last summer time, 04:30
    datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # Bucharest's clocks go back: twice
    datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 03:30 there
    datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
]


# As search/results.html wrote them, in the current language and time zone.
FILTERED = Template("{{ moment|date:'Y-m-d\\TH:i:sO' }}|{{ moment|date:\"j F Y\" }}")


@pytest.mark.parametrize("zone", ["Asia/Baku", "Europe/Bucharest", "America/St_Johns", "UTC"])
@pytest.mark.parametrize("language", ["en", "ro", "az"])
def test_dates_match_the_date_filter(zone, language):
    with timezone.override(zone), translation.override(language):
        for moment in MOMENTS:
            expected = FILTERED.render(Context({"moment": moment}))
            assert f"{machine(moment)}|{human(moment)}" == expected
    assert machine(None) == human(None) == ""


@pytest.mark.django_db
def test_a_result_shows_its_date_in_the_sites_time_zone(client):
    publish_at = datetime.datetime(2026, 5, 31, 22, 15, tzinfo=UTC)
    make_notice(title="Visa notice", publish_at=publish_at)
    html = search(client, q="visa").content.decode()
    assert '<time datetime="2026-06-01T02:15:00+0400">1 June 2026</time>' in html
