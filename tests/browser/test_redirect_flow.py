"""A publisher renames a notice in the admin; a visitor's old link in Romanian still works."""

import pytest

from addresses.models import Redirect
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_notice, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_renamed_notice_is_found_at_its_old_address_in_another_language(live_server, new_context):
    notice = make_notice(slug="visa-appointments", title="Visa appointments")
    make_staff("paul", PUBLISHERS)
    base = live_server.url

    publisher = log_in(new_context, base, "paul")
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    publisher.fill("#id_slug", "visa-appointments-2027")
    publisher.click("input[name=_publish]")
    assert "Saved and published" in publisher.locator(".messagelist").inner_text()

    visitor_context = new_context()
    visitor = visitor_context.new_page()
    response = visitor.goto(f"{base}/ro/notices/visa-appointments/?ref=leaflet")
    assert response.ok
    assert visitor.url == f"{base}/ro/notices/visa-appointments-2027/?ref=leaflet"
    assert visitor.locator("h1").inner_text() == "Visa appointments"
    assert visitor.locator("html").get_attribute("lang") == "ro"
    assert visitor_context.cookies() == []

    # The publisher finds the redirect the site kept, made by the system.
    publisher.goto(f"{base}/admin/addresses/redirect/?q=visa-appointments")
    listing = publisher.locator("#result_list").inner_text()
    assert "/ro/notices/visa-appointments/" in listing
    assert "The site, when a page moved" in listing
    assert Redirect.objects.count() == 3
