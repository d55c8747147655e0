"""The home page with the contact card and a footer menu filled in passes axe at 320 and
1280 px, and the Nu HTML Checker, in three languages."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.conf import settings

from pages.models import Menu, MenuItem, Section
from tests.pages_helpers import exception, make_contact, weekday_hours
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_with_the_contact_card_has_no_axe_violations(axe, live_server, page, language):  # noqa: F811
    fill_in()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/{language}/")
        assert page.locator(".contact-card").count() == 1
        assert run_axe(page, axe) == [], f"home ({language}) at {width} px"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"home scrolls sideways by {overflow} px at {width} px"


def test_home_with_the_contact_card_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("HTML check skipped: java or the vnu jar is missing")
    fill_in()
    files = []
    for language in LANGUAGES:
        response = client.get(f"/{language}/")
        assert b"contact-card" in response.content
        files.append(tmp_path / f"home-{language}.html")
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
