"""Issue 22's done-when, as one journey in Chromium: a publisher creates a consular page
under Consular services, places it in the header menu, links it from a notice with the
picker and publishes; a visitor reaches it from the menu in English, Romanian and
Azerbaijani, and from the notice's link."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from notices.models import Notice
from pages.models import Menu, Page
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_category, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABELS = {"en": "Appointments", "ro": "Programări", "az": "Qəbul vaxtları"}


def test_a_consular_page_from_the_admin_to_every_language_s_menu(live_server, new_context):
    call_command("loaddata", "pages", verbosity=0)
    make_category()
    make_staff("paula", PUBLISHERS)
    base = live_server.url
    publisher = log_in(new_context, base, "paula")

    # The page, under Consular services, with its Romanian and Azerbaijani titles published.
    publisher.goto(f"{base}/admin/pages/page/add/")
    publisher.fill("#id_title", LABELS["en"])
    publisher.select_option("#id_parent", label="Consular services")
    publisher.fill("#id_lead", "How to book a visit to the consular section.")
    for code, slug in (("ro", "programari"), ("az", "qebul")):
        publisher.click(f".language-switch button[value={code}]")  # one switch for the form
        publisher.fill(f"#id_title_{code}", LABELS[code])
        publisher.fill(f"#id_slug_{code}", slug)
    publisher.click(".language-switch button[value=en]")
    publisher.check("input[name=published_languages][value=ro]")
    publisher.check("input[name=published_languages][value=az]")
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_continue]")
    assert "was added successfully" in publisher.locator(".messagelist").inner_text()
    added = Page.objects.get(title_en=LABELS["en"])
    assert added.is_published and added.published_languages == ["ro", "az"]

    # In the header menu, labelled in each language.
    header = Menu.objects.get(slot="header")
    publisher.goto(f"{base}/admin/pages/menu/{header.pk}/change/")
    rows = header.items.count()
    publisher.click(".add-row a")
    prefix = f"#id_items-{rows}"
    publisher.fill(f"{prefix}-order", "99")
    publisher.fill(f"{prefix}-label", LABELS["en"])
    for code in ("ro", "az"):  # the menu's labels under the same switch as the page's
        publisher.click(f".language-switch button[value={code}]")
        assert not publisher.is_visible(f"{prefix}-label")
        publisher.fill(f"{prefix}-label_{code}", LABELS[code])
    publisher.click(".language-switch button[value=en]")
    choice = f"{ContentType.objects.get_for_model(Page).pk}:{added.pk}"
    publisher.select_option(f"{prefix}-page", choice)
    publisher.click("input[name=_save]")
    publisher.wait_for_selector(".messagelist .success")

    # A notice links it with the picker, and is published.
    publisher.goto(f"{base}/admin/notices/notice/add/")
    publisher.fill("#id_title", "Book your appointment")
    publisher.select_option("#id_category", label="Visas")
    publisher.fill("#id_summary", "Consular appointments are now booked in advance.")
    publisher.locator(".field-body [contenteditable=true]").click()
    publisher.keyboard.type("See ")
    picker = publisher.locator(".field-body .page-picker")
    picker.get_by_label("Link to a page of this site").fill("Appoint")
    picker.get_by_role("button", name=LABELS["en"]).press("Enter")  # by keyboard alone
    publisher.keyboard.type(" first.")  # at once: after the link, not in it
    body = publisher.locator(".field-body [contenteditable=true]")
    assert body.locator("a").inner_text() == LABELS["en"]
    assert body.inner_text() == f"See {LABELS['en']} first."
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_save]")
    publisher.wait_for_selector(".messagelist .success")
    notice = Notice.objects.get(slug="book-your-appointment")
    assert f'data-page="pages.page:{added.pk}"' in notice.body
    assert notice.body.endswith(f">{LABELS['en']}</a> first.</p>")

    visitor = new_context().new_page()
    expected = {
        "en": "/en/consular-services/appointments/",
        "ro": "/ro/servicii-consulare/programari/",
        "az": f"/az/{Page.objects.get(path_en='consular-services').path_az}/qebul/",
    }
    for code, label in LABELS.items():
        visitor.goto(f"{base}/{code}/")
        visitor.locator(".site-header nav a", has_text=label).click()
        visitor.wait_for_url(base + expected[code])
        assert visitor.locator("h1").inner_text() == label
        assert visitor.locator("html").get_attribute("lang") == code
        assert visitor.locator("h1").get_attribute("lang") is None  # in its own language
    visitor.goto(base + notice.get_absolute_url())
    visitor.locator(".notice-body a", has_text=LABELS["en"]).click()
    visitor.wait_for_url(base + expected["en"])
    assert visitor.context.cookies() == []
