"""An embassy page through the admin, in Chromium: a publisher adds a page under Consular
services and publishes it; the list shows it indented under its parent; a parent placed
under its own page is refused with the reason; a visitor at 320 px finds the new page in
the parent's list, in English and in Romanian, and the page passes axe."""

import pytest
from django.core.management import call_command

from pages.models import Page
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_staff

from .test_accessibility import axe, run_axe  # noqa: F401 - axe is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_a_publisher_adds_a_consular_page_and_a_visitor_finds_it(
    live_server,
    new_context,
    page,
    axe,  # noqa: F811
):
    call_command("loaddata", "pages", verbosity=0)
    make_staff("paula", PUBLISHERS, first_name="Paula", last_name="Publisher")
    base = live_server.url

    publisher = log_in(new_context, base, "paula")
    publisher.goto(f"{base}/admin/pages/page/add/")
    publisher.fill("#id_title", "Appointments")
    publisher.select_option("#id_parent", label="Consular services")
    publisher.fill("#id_order", "5")
    publisher.fill("#id_lead", "How to book a visit to the consular section.")
    publisher.locator(".field-body [contenteditable=true]").click()
    publisher.keyboard.type("Book before you come.")
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_continue]")
    assert "was added successfully" in publisher.locator(".messagelist").inner_text()
    added = Page.objects.get(title_en="Appointments")
    assert added.path_en == "consular-services/appointments" and added.is_published

    # The list reads as the tree: the new page right under its parent, indented.
    publisher.goto(f"{base}/admin/pages/page/")
    titles = publisher.locator("#result_list tbody th, #result_list tbody td.field-indented_title")
    texts = [text.strip() for text in titles.all_inner_texts()]
    parent_row = texts.index("Consular services")
    assert texts[parent_row + 1] == "– Appointments"

    # A parent placed under its own page is refused, with the reason; nothing is saved.
    parent = Page.objects.get(path_en="consular-services")
    publisher.goto(f"{base}/admin/pages/page/{parent.pk}/change/")
    publisher.select_option("#id_parent", label="Appointments")
    publisher.click("input[name=_continue]")
    assert "cannot be placed under itself" in publisher.locator(".errorlist").inner_text()
    parent.refresh_from_db()
    assert parent.parent_id is None

    visitor = page  # a visitor's own browser, where axe may run (tests/browser/conftest.py)
    visitor.set_viewport_size({"width": 320, "height": 800})
    visitor.goto(f"{base}/en/consular-services/")
    listing = visitor.locator(".page-children")
    assert listing.locator("a").first.inner_text() == "Appointments"
    assert overflow(visitor) <= 0
    assert run_axe(visitor, axe) == []
    listing.locator("a", has_text="Appointments").click()
    assert visitor.locator("h1").inner_text() == "Appointments"
    assert "Book before you come." in visitor.locator(".page-body").inner_text()
    crumbs = visitor.locator(".breadcrumbs a").all_inner_texts()
    assert crumbs == ["Home", "Consular services", "Appointments"]
    assert overflow(visitor) <= 0
    assert run_axe(visitor, axe) == []

    # In Romanian: the parent's own address, the new page in English, marked as English.
    visitor.goto(f"{base}/ro/servicii-consulare/")
    link = visitor.locator(".page-children a", has_text="Appointments")
    assert link.get_attribute("lang") == "en"
    assert link.get_attribute("href") == "/ro/servicii-consulare/appointments/"
    assert visitor.context.cookies() == []
