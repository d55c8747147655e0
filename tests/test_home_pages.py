"""The home page leads to the consular services (once published) and shows the contact
card (once the record is filled in), in each language, in queries that do not grow."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Page, Role

from .chrome import CHROME_QUERIES
from .html import parse, text_of
from .pages_helpers import make_contact, make_page, weekday_hours

pytestmark = pytest.mark.django_db


def home(client, language="en"):
    response = client.get(f"/{language}/")
    assert response.status_code == HTTPStatus.OK
    return parse(response)


def consular_page(title="Consular services", **fields):
    return make_page(title, role=Role.CONSULAR_SERVICES, **fields)


def consular_links(html):
    return [(text_of(a), a.get("href")) for a in html.cssselect(".home-consular a")]


@pytest.mark.parametrize(
    ("language", "title", "address"),
    [
        ("en", "Consular services", "/en/consular-services/"),
        ("ro", "Servicii consulare", "/ro/servicii-consulare/"),
        ("az", "Konsulluq xidmətləri", "/az/konsulluq-xidmetleri/"),
    ],
)
def test_home_leads_to_the_shipped_consular_services_page(client, language, title, address):
    call_command("loaddata", "pages", verbosity=0)
    # The shipped services are drafts (facts to complete): the home lists none of them.
    assert consular_links(home(client, language)) == [(title, address)]
    assert client.get(address).status_code == HTTPStatus.OK


def test_home_lists_the_published_services_in_their_order(client):
    consular = consular_page(lead_en="Passports, visas, civil status.")
    make_page("Visas", parent=consular, order=2)
    make_page("Passports", parent=consular, order=1)
    make_page("Civil status", parent=consular, order=3, status="draft")
    html = home(client)
    assert consular_links(html) == [
        ("Consular services", "/en/consular-services/"),
        ("Passports", "/en/consular-services/passports/"),
        ("Visas", "/en/consular-services/visas/"),
    ]
    assert "Passports, visas, civil status." in text_of(html.cssselect(".home-consular")[0])


def test_home_leaves_out_the_consular_services_page_while_it_is_a_draft(client):
    consular_page(status="draft")
    assert home(client).cssselect(".home-consular") == []


def test_home_shows_the_contact_card_once_the_record_is_filled_in(client):
    assert home(client).cssselect(".contact-card") == []
    weekday_hours(make_contact())
    cache.clear()  # the chrome is cached per content version; the save renewed it anyway
    card = home(client, "ro").cssselect(".contact-card")
    assert len(card) == 1
    text = text_of(card[0])
    assert "Example street 1" in text and "+994 12 000 00 00" in text
    assert card[0].cssselect('a[href="mailto:embassy@example.org"]')


def test_home_costs_the_same_queries_however_many_services(client):
    consular = consular_page()

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            home(client)
        return len(queries)

    make_page("Visas", parent=consular)
    before = count()
    # the consular page with its services (one query), the notices, the relations
    assert before == 3 + CHROME_QUERIES
    for n in range(8):
        make_page(f"Service {n}", parent=consular)
    assert count() == before
    assert Page.objects.count() == 10


def test_a_renamed_and_moved_consular_page_is_still_the_homes_lead(client):
    """The home finds the page by its role: a new title and slug in every language keep the
    lead right, and a page that takes the old English address does not become the lead."""
    call_command("loaddata", "pages", verbosity=0)
    page = Page.objects.get(role=Role.CONSULAR_SERVICES)
    page.title_en, page.slug_en = "Consular section", "consular-section"
    page.title_ro, page.slug_ro = "Secția consulară", "sectia-consulara"
    page.save()
    make_page("Consular services", slug="consular-services")  # the old address, no role
    expected = {
        "en": ("Consular section", "/en/consular-section/"),
        "ro": ("Secția consulară", "/ro/sectia-consulara/"),
        "az": ("Konsulluq xidmətləri", "/az/konsulluq-xidmetleri/"),
    }
    for language, lead in expected.items():
        cache.clear()
        assert consular_links(home(client, language)) == [lead]


def test_a_page_without_the_role_is_never_the_homes_lead(client):
    make_page("Consular services")
    assert home(client).cssselect(".home-consular") == []
