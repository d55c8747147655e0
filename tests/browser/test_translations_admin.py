"""The admin's one language switch, in Chromium: a publisher writes a Romanian version of
a notice, publishes it, and a visitor reads it at /ro/ in Romanian."""

import pytest

from notices.models import Notice
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_category, make_notice, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def visible(page, selector):
    return page.locator(selector).is_visible()


def test_publisher_writes_romanian_in_its_tab_and_a_visitor_reads_it(live_server, new_context):
    make_category()
    notice = make_notice(title="Visa appointments in June", summary="New times for June.")
    make_staff("paul", PUBLISHERS)
    base = live_server.url
    publisher = log_in(new_context, base, "paul")
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")

    # One switch for the page and its inline: English first, the others hidden.
    switch = publisher.locator(".language-switch button")
    assert switch.all_inner_texts() == ["English", "Română", "Azərbaycanca"]
    assert visible(publisher, "#id_title") and not visible(publisher, "#id_title_ro")
    publisher.click("#attachments-group .add-row a")
    assert visible(publisher, "#id_attachments-0-title")
    assert not visible(publisher, "#id_attachments-0-title_ro")

    publisher.click(".language-switch button[value=ro]")
    assert (
        publisher.locator(".language-switch button[value=ro]").get_attribute("aria-pressed")
        == "true"
    )
    assert not visible(publisher, "#id_title") and visible(publisher, "#id_title_ro")
    assert visible(publisher, "#id_attachments-0-title_ro")  # the inline follows the switch
    assert not visible(publisher, "#id_attachments-0-title")
    assert publisher.locator("#id_title_ro").get_attribute("lang") == "ro"
    publisher.fill("#id_title_ro", "Programări pentru vize în iunie")
    publisher.fill("#id_slug_ro", "programari-vize-iunie")
    publisher.fill("#id_summary_ro", "Noi ore de programare pentru iunie.")
    publisher.locator(".field-body_ro [contenteditable=true]").click()
    publisher.keyboard.type("Programați-vă înainte de 20 iunie.")
    publisher.fill("#id_attachments-0-title_ro", "Formular de cerere")
    publisher.click(".language-switch button[value=en]")
    publisher.fill("#id_attachments-0-title", "Application form")
    publisher.set_input_files(
        "#id_attachments-0-file",
        {"name": "form.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    # The Romanian goes live with the page only once it is ticked as ready.
    publisher.get_by_label("Română").check()
    assert not publisher.get_by_label("Azərbaycanca").is_checked()
    publisher.click("input[name=_publish]")
    assert "published" in publisher.locator(".messagelist").inner_text().lower()

    notice = Notice.objects.get(pk=notice.pk)
    assert notice.title_en == "Visa appointments in June"
    assert notice.title_ro == "Programări pentru vize în iunie"
    assert notice.body_ro == "<p>Programați-vă înainte de 20 iunie.</p>"
    assert notice.published_languages == ["ro"]

    visitor_context = new_context()
    visitor = visitor_context.new_page()
    visitor.goto(f"{base}/ro/notices/{notice.slug_en}/")  # the English slug leads on
    assert visitor.url == f"{base}/ro/notices/programari-vize-iunie/"
    assert visitor.locator("html").get_attribute("lang") == "ro"
    h1 = visitor.locator("h1")
    assert h1.inner_text() == "Programări pentru vize în iunie"
    assert h1.get_attribute("lang") is None  # read as Romanian, like the page
    assert visitor.locator(".notice-body").inner_text() == "Programați-vă înainte de 20 iunie."
    assert visitor.locator(".notice-body").get_attribute("lang") is None
    assert visitor.locator(".attachments a").inner_text() == "Formular de cerere"
    assert visitor.locator("[role=note]").count() == 0  # no "not yet translated" note
    assert "Programări pentru vize în iunie" in visitor.title()
    # Azerbaijani has no version yet: the English, marked, with the note.
    visitor.goto(f"{base}/az/notices/{notice.slug_en}/")
    assert visitor.locator("h1").get_attribute("lang") == "en"
    assert visitor.locator("[role=note]").count() == 1
    assert visitor_context.cookies() == []


def test_a_refused_romanian_field_opens_its_language(live_server, new_context):
    make_category()
    notice = make_notice(title="Visa appointments")
    make_staff("paul", PUBLISHERS)
    base = live_server.url
    publisher = log_in(new_context, base, "paul")
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    publisher.click(".language-switch button[value=ro]")
    publisher.fill("#id_summary_ro", "<b>Nu</b>")  # teasers are plain text
    publisher.click("input[name=_continue]")
    publisher.wait_for_selector(".errornote")
    publisher.wait_for_selector(".language-switch")  # built once the page has loaded
    assert visible(publisher, "#id_summary_ro")
    assert (
        publisher.locator(".language-switch button[value=ro]").get_attribute("aria-pressed")
        == "true"
    )


def test_the_overview_links_to_the_field_in_its_language(live_server, new_context):
    from django.core.management import call_command

    from relations.models import Milestone

    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    milestone = Milestone.objects.get(slug="1994-pfp")
    milestone.text_en = "President Heydar Aliyev signed the PfP Framework Document."
    milestone.save()
    make_staff("paul", PUBLISHERS)
    base = live_server.url
    publisher = log_in(new_context, base, "paul")
    assert "NATO – Azerbaijan relations" in publisher.locator("#translations-relation").inner_text()
    publisher.goto(f"{base}/admin/translations/translationstamp/?state=out_of_date&language=az")
    publisher.locator("#result_list tbody tr a").first.click()
    publisher.wait_for_selector(".language-switch")
    field = publisher.locator("[id$='-text_az']:focus")
    assert field.count() == 1 and field.is_visible()
    assert (
        publisher.locator(".language-switch button[value=az]").get_attribute("aria-pressed")
        == "true"
    )
