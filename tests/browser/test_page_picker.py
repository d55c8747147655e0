"""Issue 22's picker: a publisher links a notice's body to an embassy page by searching its
title under the editor, publishes, and a visitor follows the link; the page is then moved
and renamed, and the same link leads to its new address. The admin's strict CSP holds: the
picker is a module file, no inline script."""

import pytest

from notices.models import Notice
from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_category, make_staff
from tests.pages_helpers import make_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_publisher_links_a_page_with_the_picker_and_a_visitor_follows_it(
    live_server, new_context
):
    make_category()
    make_staff("paul", PUBLISHERS)
    target = make_page("Passports and travel documents", slug="passports")
    base = live_server.url

    publisher = log_in(new_context, base, "paul")
    violations = []
    publisher.on("console", lambda m: m.type == "error" and violations.append(m.text))
    publisher.goto(f"{base}/admin/notices/notice/add/")
    publisher.fill("#id_title", "New passport rules")
    publisher.select_option("#id_category", label="Visas")
    publisher.fill("#id_summary", "What changes for passports.")
    body = publisher.locator(".field-body [contenteditable=true]")
    body.click()
    publisher.keyboard.type("Read about ")
    picker = publisher.locator(".field-body .page-picker")
    picker.get_by_label("Link to a page of this site").fill("passports")
    choice = picker.get_by_role("button", name="Passports and travel documents")
    choice.click()
    # Straight on, with no wait, the words land in the editor after the link, not in it:
    # first as an input method (or dictation) gives them, through the editor's own state,
    # then as keys, through the browser's typing.
    publisher.keyboard.insert_text(" before")
    publisher.keyboard.type(" you travel.")
    assert "Linked to" in picker.locator("[role=status]").inner_text()
    assert body.locator("a").inner_text() == "Passports and travel documents"
    assert body.inner_text() == "Read about Passports and travel documents before you travel."
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_save]")
    publisher.wait_for_selector(".messagelist .success")
    assert violations == []
    notice = Notice.objects.get(slug="new-passport-rules")
    assert f'data-page="pages.page:{target.pk}"' in notice.body
    assert notice.body.endswith(">Passports and travel documents</a> before you travel.</p>")

    visitor = new_context().new_page()
    visitor.goto(base + notice.get_absolute_url())
    link = visitor.locator(".notice-body a")
    assert link.inner_text() == "Passports and travel documents"
    assert link.get_attribute("data-page") is None
    link.click()
    visitor.wait_for_url(f"{base}/en/passports/")
    assert visitor.locator("h1").inner_text() == "Passports and travel documents"

    # Moved under another page and renamed: the notice's link follows it, in Romanian too.
    target.parent = make_page("Consular services", slug="consular-services")
    target.slug_ro = "pasapoarte"
    target.published_languages = ["ro"]  # its Romanian address is given once Romanian is live
    target.save()
    visitor.goto(base + "/ro" + notice.get_absolute_url()[3:])
    visitor.locator(".notice-body a").click()
    visitor.wait_for_url(f"{base}/ro/consular-services/pasapoarte/")


def test_words_linked_with_the_picker_take_focus_back_and_typing_goes_after_the_link(
    live_server, new_context
):
    make_staff("paul", PUBLISHERS)
    make_page("Passports and travel documents", slug="passports")
    base = live_server.url
    publisher = log_in(new_context, base, "paul")
    publisher.goto(f"{base}/admin/notices/notice/add/")
    body = publisher.locator(".field-body [contenteditable=true]")
    body.click()
    publisher.keyboard.type("Passport rules")
    publisher.keyboard.press("ControlOrMeta+a")  # the words to link, selected
    picker = publisher.locator(".field-body .page-picker")
    search = picker.get_by_label("Link to a page of this site")
    search.focus()  # by keyboard: the picker is the next stop after the editor
    publisher.keyboard.type("passports")
    publisher.keyboard.press("Enter")
    choice = picker.get_by_role("button", name="Passports and travel documents")
    # A key goes where the focus is when it is pressed: the editor has it back at once,
    # in the same turn as the choice, not a frame later.
    assert choice.evaluate("b => { b.click(); return document.activeElement.isContentEditable }")
    publisher.keyboard.type(" changed.")
    assert body.locator("a").inner_text() == "Passport rules"
    assert body.inner_text() == "Passport rules changed."
    assert "Linked to" in picker.locator("[role=status]").inner_text()
