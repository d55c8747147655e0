"""The home page with the contact card, the way to the consular services and a footer menu
filled in, and a service page with its facts, pass axe at 320 and 1280 px, and the Nu HTML
Checker, in three languages."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.conf import settings

from pages.models import Menu, MenuItem, Page, Section
from tests.pages_helpers import exception, make_contact, make_page, weekday_hours, with_facts
from tests.test_html_valid import VNU

from .test_accessibility import WIDTHS, axe, run_axe  # noqa: F401 - axe is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def fill_in():
    contact = make_contact(
        emergency_phone="+994 50 000 00 00",
        map_url="https://www.openstreetmap.org/way/1",
        address_ro="Strada Exemplu 1\nBaku",
    )
    weekday_hours(contact, spans=(("9:00", "12:00"), ("14:00", "17:00")))
    weekday_hours(contact, Section.CONSULAR, days=range(4), spans=(("10:00", "13:00"),))
    exception(contact, datetime.date.today() + datetime.timedelta(days=3), name="Holiday")
    footer, _ = Menu.objects.get_or_create(slot="footer")  # a flush drops migrated rows
    MenuItem.objects.create(menu=footer, label_en="Search", label_ro="Căutare", view_name="search")
    consular = make_page("Consular services", title_ro="Servicii consulare", lead_en="Help.")
    passports = make_page("Passports", parent=consular, slug_ro="pasapoarte", title_ro="Pașapoarte")
    with_facts(passports, fee_en="", fee_ro="40 EUR")  # a fact to complete, one translated
    passports.refresh_from_db()
    return passports


def addresses(language):
    """The home page and the service page, in ``language``."""
    from django.utils.translation import override

    with override(language):
        service = Page.objects.get(path_en="consular-services/passports").get_absolute_url()
    return [f"/{language}/", service]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_a_service_page_have_no_axe_violations(axe, live_server, page, language):  # noqa: F811
    fill_in()
    home, service = addresses(language)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path, box in ((home, ".contact-card"), (service, ".service-facts")):
            page.goto(f"{live_server.url}{path}")
            assert page.locator(box).count() == 1
            assert run_axe(page, axe) == [], f"{path} at {width} px"
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {width} px"


def test_home_and_a_service_page_are_valid_html(client, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("HTML check skipped: java or the vnu jar is missing")
    fill_in()
    files = []
    for language in LANGUAGES:
        for n, (path, box) in enumerate(
            zip(addresses(language), (b"contact-card", b"service-facts"), strict=True)
        ):
            response = client.get(path)
            assert box in response.content
            files.append(tmp_path / f"page-{n}-{language}.html")
            files[-1].write_bytes(response.content)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    assert errors == []
