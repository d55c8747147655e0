"""The contact record's opening hours: text in three languages, the open-now line at chosen
instants, exceptions over weekdays, the editors' messages, and the JSON-LD."""

import datetime
import json
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from pages import hours
from pages.jsonld import contact_data
from pages.models import ContactDetails, HoursException, RegularHours, Section

from .html import parse
from .pages_helpers import exception, make_contact, t, weekday_hours

pytestmark = pytest.mark.django_db

BAKU = hours.BAKU
# Wednesday 2 December 2026; Thursday 31 December 2026 is an exception below.
WEDNESDAY = datetime.date(2026, 12, 2)


def at(day, clock):
    return datetime.datetime.combine(day, t(clock), BAKU)


@pytest.fixture
def contact():
    contact = make_contact()
    weekday_hours(contact, spans=(("9:00", "12:00"), ("14:00", "17:00")))
    weekday_hours(contact, Section.CONSULAR, days=range(4), spans=(("10:00", "13:00"),))
    return contact


def rows(contact):
    return list(contact.hours.all()), list(contact.exceptions.all())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Monday–Friday 9:00–12:00, 14:00–17:00", "Saturday–Sunday closed"]),
        ("ro", ["Luni–Vineri 9:00–12:00, 14:00–17:00", "Sâmbătă–Duminică închis"]),
        ("az", ["Bazar ertəsi–Cümə 9:00–12:00, 14:00–17:00", "Şənbə–Bazar bağlıdır"]),
    ],
)
def test_weekly_hours_read_as_grouped_ranges(contact, language, expected):
    with override(language):
        assert hours.readable(rows(contact)[0], Section.EMBASSY) == expected


def test_a_day_apart_breaks_the_group(contact):
    RegularHours.objects.filter(weekday=2, section=Section.EMBASSY).delete()
    with override("en"):
        assert hours.readable(rows(contact)[0], Section.EMBASSY) == [
            "Monday–Tuesday 9:00–12:00, 14:00–17:00",
            "Wednesday closed",
            "Thursday–Friday 9:00–12:00, 14:00–17:00",
            "Saturday–Sunday closed",
        ]


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        ("08:30", "Closed now, opens today at 9:00."),
        ("09:00", "Open now, until 12:00."),
        ("12:30", "Closed now, opens today at 14:00."),
        ("16:59", "Open now, until 17:00."),
        ("17:00", "Closed now. Opens tomorrow at 9:00."),
    ],
)
def test_open_now_on_a_weekday(contact, clock, expected):
    with override("en"):
        assert hours.status(*rows(contact), Section.EMBASSY, at(WEDNESDAY, clock)) == expected


def test_the_line_is_computed_in_baku_time(contact):
    # 05:30 UTC is 09:30 in Baku (UTC+4).
    utc = datetime.datetime(2026, 12, 2, 5, 30, tzinfo=datetime.UTC)
    with override("en"):
        assert hours.status(*rows(contact), Section.EMBASSY, utc) == "Open now, until 12:00."


def test_the_weekend_names_the_next_opening_day(contact):
    saturday = WEDNESDAY + datetime.timedelta(days=3)
    with override("en"):
        line = hours.status(*rows(contact), Section.EMBASSY, at(saturday, "10:00"))
    assert line == "Closed today. Opens on Monday at 9:00."
    with override("ro"):
        line = hours.status(*rows(contact), Section.EMBASSY, at(saturday, "10:00"))
    assert line == "Închis astăzi. Se deschide luni la 9:00."


def test_an_exception_overrides_the_weekday(contact):
    holiday = datetime.date(2026, 12, 31)  # a Thursday
    exception(contact, holiday, name="New Year's Eve")
    with override("en"):
        line = hours.status(*rows(contact), Section.EMBASSY, at(holiday, "10:00"))
        consular = hours.status(*rows(contact), Section.CONSULAR, at(holiday, "10:00"))
    assert line == "Closed today: New Year's Eve. Opens tomorrow at 9:00."
    assert consular == "Open now, until 13:00."  # the exception is the embassy's only


def test_an_exception_with_other_hours(contact):
    short = exception(contact, WEDNESDAY, name="Short day", opens=t("10:00"), closes=t("13:00"))
    assert not short.closed
    with override("en"):
        assert hours.status(*rows(contact), Section.EMBASSY, at(WEDNESDAY, "09:30")) == (
            "Closed now, opens today at 10:00."
        )
        assert hours.status(*rows(contact), Section.EMBASSY, at(WEDNESDAY, "14:30")) == (
            "Closed now. Opens tomorrow at 9:00."
        )


def test_several_days_of_exceptions_are_skipped_to_the_next_opening(contact):
    # Novruz: Friday 18 to Tuesday 22 March 2027 (fictitious dates for the test).
    exception(contact, datetime.date(2027, 3, 18), name="Novruz", last=datetime.date(2027, 3, 23))
    with override("en"):
        line = hours.status(
            *rows(contact), Section.EMBASSY, at(datetime.date(2027, 3, 19), "10:00")
        )
    assert line == "Closed today: Novruz. Opens on Wednesday at 9:00."


def test_the_next_change_is_the_next_opening_closing_or_midnight(contact):
    hours_, exceptions = rows(contact)
    assert hours.next_change(hours_, exceptions, at(WEDNESDAY, "08:00")) == at(WEDNESDAY, "09:00")
    # the consular section opens at 10:00, the embassy closes for lunch at 12:00
    assert hours.next_change(hours_, exceptions, at(WEDNESDAY, "09:30")) == at(WEDNESDAY, "10:00")
    assert hours.next_change(hours_, exceptions, at(WEDNESDAY, "10:00")) == at(WEDNESDAY, "12:00")
    assert hours.next_change(hours_, exceptions, at(WEDNESDAY, "17:00")) == at(
        WEDNESDAY + datetime.timedelta(days=1), "00:00"
    )


def test_validation_messages():
    contact = make_contact()
    bad = RegularHours(contact=contact, weekday=0, opens=t("17:00"), closes=t("09:00"))
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "The closing time must come after the opening time." in str(error.value)
    half = HoursException(contact=contact, first_day=WEDNESDAY, name="X", opens=t("09:00"))
    with pytest.raises(ValidationError) as error:
        half.full_clean()
    assert "Give both times, or neither when closed all day." in str(error.value)
    backwards = HoursException(
        contact=contact, first_day=WEDNESDAY, last_day=WEDNESDAY - datetime.timedelta(1), name="X"
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "The last day cannot come before the first." in str(error.value)
    contact.map_url = "https://maps.example.com/embassy"
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "openstreetmap.org" in str(error.value)
    contact.map_url = "https://www.openstreetmap.org/way/123"
    contact.full_clean()


def test_overlapping_intervals_are_refused_in_the_admin(admin_client):
    contact = make_contact()
    url = f"/admin/pages/contactdetails/{contact.pk}/change/"
    data = {
        "address_en": contact.address_en,
        "phone": contact.phone,
        "email": contact.email,
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
    }
    for n, (opens, closes) in enumerate([("09:00", "13:00"), ("12:00", "17:00")]):
        data |= {
            f"hours-{n}-section": "embassy",
            f"hours-{n}-weekday": "0",
            f"hours-{n}-opens": opens,
            f"hours-{n}-closes": closes,
        }
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "Two intervals overlap: 12:00–17:00 and 09:00–13:00." in response.content.decode()
    assert not RegularHours.objects.exists()
    data["hours-1-opens"] = "14:00"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    assert RegularHours.objects.count() == 2


def test_json_ld_on_the_contact_card(client, contact):
    exception(contact, datetime.date(2026, 12, 31), name="New Year's Eve")
    exception(
        contact,
        datetime.date(2026, 12, 1),
        section=Section.CONSULAR,
        name="National Day",
        opens=t("10:00"),
        closes=t("12:00"),
    )
    contact.address_en = "Str. </script><script>alert(1)</script>"
    contact.save()
    page = parse(client.get("/en/"))
    [script] = page.cssselect('script[type="application/ld+json"]')
    assert "</script><script>" not in script.text
    data = json.loads(script.text)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["GovernmentOffice", "Embassy"]
    assert data["address"]["streetAddress"] == "Str. </script><script>alert(1)</script>"
    assert data["telephone"] == "+994 12 000 00 00"
    assert data["email"] == "embassy@example.org"
    morning, afternoon = data["openingHoursSpecification"]
    assert morning["dayOfWeek"][0] == "https://schema.org/Monday"
    assert len(morning["dayOfWeek"]) == 5
    assert (morning["opens"], morning["closes"], afternoon["opens"]) == ("09:00", "12:00", "14:00")
    [closed] = data["specialOpeningHoursSpecification"]
    assert closed["validFrom"] == closed["validThrough"] == "2026-12-31"
    assert (closed["opens"], closed["closes"]) == ("00:00", "00:00")
    [special] = data["department"]["specialOpeningHoursSpecification"]
    assert (special["opens"], special["closes"]) == ("10:00", "12:00")


def test_the_json_ld_has_no_map_or_emergency_line_when_not_given(contact):
    data = contact_data(contact, *rows(contact), "Consular section")
    assert "hasMap" not in data and "contactPoint" not in data
    contact.emergency_phone = "+994 50 000 00 00"
    data = contact_data(contact, *rows(contact), "Consular section")
    assert data["contactPoint"]["telephone"] == "+994 50 000 00 00"


def test_the_shipped_record_is_empty_and_nothing_shows(client):
    assert not ContactDetails.objects.exists()
    page = client.get("/en/").content.decode()
    assert "contact-card" not in page and "ld+json" not in page
    assert "footer-contact" not in page


def test_a_half_filled_record_stays_hidden(client):
    make_contact(phone="")
    page = client.get("/en/").content.decode()
    assert "contact-card" not in page and "footer-contact" not in page


@pytest.mark.parametrize("language", ["en", "ro", "az"])
def test_the_card_and_footer_show_once_filled_in(client, contact, language):
    page = parse(client.get(f"/{language}/"))
    card = page.cssselect(".contact-card")[0]
    assert "Example street 1" in card.text_content()
    assert card.cssselect('a[href="mailto:embassy@example.org"]')
    assert page.cssselect(".site-footer a[href='tel:+994120000000']")
    assert len(card.cssselect("ul.hours")) == 2  # the embassy and the consular section


def test_cached_pages_end_at_the_next_opening_or_closing(contact):
    """The footer's "open now" line is part of every cached page: none outlives it."""
    from publishing import content_version

    assert content_version.next_change(at(WEDNESDAY, "11:59")) == at(WEDNESDAY, "12:00")
    # The consular section closes at 13:00, the embassy opens again at 14:00.
    assert content_version.next_change(at(WEDNESDAY, "12:30")) == at(WEDNESDAY, "13:00")
    assert content_version.next_change(at(WEDNESDAY, "13:30")) == at(WEDNESDAY, "14:00")
