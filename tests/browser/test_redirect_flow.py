"""A publisher renames a notice in the admin; a visitor's old link in Romanian still works.
A publisher marks a broken link checked in the upkeep list, then removes its page."""

import pytest

from addresses.models import Redirect
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_notice, make_staff

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


def test_a_publisher_marks_a_link_checked_then_removes_its_page(live_server, browser):
    from django.contrib.contenttypes.models import ContentType

    from notices.models import Notice
    from tests.browser.test_accessibility import AXE
    from upkeep.results import store

    if not AXE.exists():
        pytest.skip(f"browser tests skipped: {AXE} is missing (run `npm ci`)")
    notice = make_notice(slug="forms", title="Consular forms")
    kind = ContentType.objects.get_for_model(Notice).pk
    store(
        {(kind, notice.pk): {"https://gone.example/form.pdf"}},
        {"https://gone.example/form.pdf": (404, "")},
    )
    make_staff("paul", PUBLISHERS)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "paul")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        panel = page.locator("#upkeep")
        assert "Consular forms" in panel.inner_text()
        assert "https://gone.example/form.pdf" in panel.inner_text()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run('#upkeep')")
        assert [v["id"] for v in result["violations"]] == []
        page.click("#upkeep button:text('Mark checked')")
        assert "Marked checked" in page.locator(".messagelist").inner_text()
        assert "Nothing to look after" in page.locator("#upkeep").inner_text()
        # The publisher removes the page: asked first, then its addresses are gone (410).
        page.goto(f"{live_server.url}/admin/notices/notice/{notice.pk}/remove/")
        page.add_script_tag(path=str(AXE))
        # Our screen only: Django's stock breadcrumbs fail link-in-text-block (test_images).
        result = page.evaluate("() => axe.run('#content')")
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
        page.select_option("#id_replacement", "")
        page.click("input[type=submit][value=Remove]")
        assert "1 removed" in page.locator(".messagelist").inner_text()
        visitor = browser.new_context(bypass_csp=True)
        try:
            shown = visitor.new_page()
            response = shown.goto(f"{live_server.url}/az/notices/forms/")
            assert response.status == 410  # in the site's look, accessible
            shown.add_script_tag(path=str(AXE))
            result = shown.evaluate("() => axe.run(document)")
            assert [v["id"] for v in result["violations"]] == []
            assert visitor.cookies() == []
        finally:
            visitor.close()
    finally:
        context.close()
