"""A result's dates are written exactly as the template's ``date`` filter writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date
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


def test_each_language_keeps_its_own_month_names():
    # The format is looked up once per language: switching back and forth in one process
    # must still give each language's words, as the filter does.
    with timezone.override("Asia/Baku"):
        for language in ["en", "ro", "az", "en", "az", "ro"]:
            with translation.override(language):
                for moment in MOMENTS[:3]:
                    local = timezone.localtime(moment)
                    assert human(moment) == date(local, "j F Y")
                    assert machine(moment) == date(local, "Y-m-d\\TH:i:sO")
        with translation.override("ro"):  # 7 June, 21:30 UTC: already the 8th in Baku
            assert human(MOMENTS[5]) == "8 iunie 2026"
        with translation.override("az"):
            assert human(MOMENTS[5]) == "8 iyun 2026"


@pytest.mark.django_db
def test_a_result_shows_its_date_in_the_sites_time_zone(client):
    publish_at = datetime.datetime(2026, 5, 31, 22, 15, tzinfo=UTC)
    make_notice(title="Visa notice", publish_at=publish_at)
    html = search(client, q="visa").content.decode()
    assert '<time datetime="2026-06-01T02:15:00+0400">1 June 2026</time>' in html
