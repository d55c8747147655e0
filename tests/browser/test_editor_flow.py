"""Editors, publishers and visitors in a real browser (Debian's Chromium via Playwright).

One scenario per test, each role in its own browser context (its own cookies), logged in
once. The visitor context never logs in.
"""

import pytest

from notices.models import Notice
from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_category, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Enough of a PDF for the attachment check, which reads the first bytes.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
XSS = (
    '<p>Harmless start.</p><script>window.__xss = "script"; alert(1)</script>'
    '<img src="x" onerror="window.__xss = \'img\'; alert(2)">'
    "<p><a href=\"javascript:window.__xss='link'\">Click</a> end.</p>"
)


def watch_for_scripts(page):
    """Fail-safe flags: any dialog or any write to window.__xss is recorded."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def fill_notice(page, title, summary):
    page.fill("#id_title", title)
    page.select_option("#id_category", label="Visas")
    page.fill("#id_summary", summary)


def editor_area(page):
    return page.locator(".field-body [contenteditable=true]")


def test_editor_drafts_publisher_publishes_visitor_reads_and_restores(live_server, new_context):
    make_category()
    make_staff("elena", EDITORS)
    make_staff("paul", PUBLISHERS)
    base = live_server.url

    # The editor writes a formatted notice with an attachment and saves a draft.
    editor = log_in(new_context, base, "elena")
    editor.goto(f"{base}/admin/notices/notice/add/")
    assert editor.locator("#id_status option").all_inner_texts() == ["Draft"]
    fill_notice(editor, "Visa appointments in June", "New appointment times for June.")
    body = editor_area(editor)
    body.click()
    editor.keyboard.type("Book your appointment ")
    editor.keyboard.press("Control+b")
    editor.keyboard.type("before 20 June")
    editor.keyboard.press("Control+b")
    editor.keyboard.press("Enter")
    editor.keyboard.type("- Passport")
    editor.keyboard.press("Enter")
    editor.keyboard.type("Two photos")
    editor.click("#attachments-group .add-row a")
    editor.fill("#id_attachments-0-title", "Application form")
    editor.set_input_files(
        "#id_attachments-0-file",
        {"name": "form.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    editor.click("input[name=_continue]")
    assert "was added successfully" in editor.locator(".messagelist").inner_text()
    notice = Notice.objects.get(slug="visa-appointments-in-june")
    assert notice.status == Status.DRAFT
    assert "<strong>before 20 June</strong>" in notice.body
    assert "<ul><li><p>Passport</p></li><li><p>Two photos</p></li></ul>" in notice.body
    assert notice.attachments.get().kind == "PDF"

    # No way to publish: no option, no action, and the page's own form, tampered with, fails.
    assert editor.locator("#id_status option").all_inner_texts() == ["Draft"]
    editor.evaluate(
        """() => { const s = document.querySelector('#id_status');
                   s.add(new Option('Published', 'published')); s.value = 'published'; }"""
    )
    editor.click("input[name=_continue]")
    assert "Only a publisher can publish" in editor.locator(".field-status").inner_text()
    editor.goto(f"{base}/admin/notices/notice/")
    actions = editor.locator("select[name=action] option").all_inner_texts()
    assert not [a for a in actions if "Publish" in a or "Withdraw" in a]
    notice.refresh_from_db()
    assert notice.status == Status.DRAFT

    # The publisher previews the draft at its public address, then publishes it.
    publisher = log_in(new_context, base, "paul")
    drafts = publisher.locator("#drafts").inner_text()
    assert "Visa appointments in June" in drafts
    publisher.goto(base + notice.get_absolute_url())
    assert "Draft" in publisher.locator(".banner").inner_text()
    assert "Visitors cannot see this page" in publisher.locator(".banner").inner_text()
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_continue]")
    assert "was changed successfully" in publisher.locator(".messagelist").inner_text()

    # A visitor finds it on the home page, in the list and on its own page.
    visitor_context = new_context()
    visitor = visitor_context.new_page()
    visitor.goto(base + "/en/")
    visitor.click("text=Visa appointments in June")
    assert visitor.locator("h1").inner_text() == "Visa appointments in June"
    visitor.goto(base + "/en/notices/")
    assert visitor.locator(".card-list", has_text="Visa appointments in June").count() == 1
    visitor.goto(base + notice.get_absolute_url())
    assert visitor.locator(".notice-body strong").inner_text() == "before 20 June"
    assert visitor.locator(".notice-body li").all_inner_texts() == ["Passport", "Two photos"]
    assert visitor.locator(".attachments a").inner_text() == "Application form"
    assert visitor.locator(".banner").count() == 0
    assert visitor_context.cookies() == []

    # The publisher rewrites the live text and publishes it, then restores the earlier
    # revision after seeing what the restore will change.
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    editor_area(publisher).click()
    publisher.keyboard.press("Control+a")
    publisher.keyboard.type("Appointments are suspended.")
    publisher.click("input[name=_publish]")
    assert "Saved and published" in publisher.locator(".messagelist").inner_text()
    visitor.reload()
    assert "Appointments are suspended." in visitor.locator(".notice-body").inner_text()
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/history/")
    rows = publisher.locator("#change-history tbody tr")
    changed = [n for n in range(rows.count()) if "suspended" in rows.nth(n).inner_text()]
    assert changed, "the history names the rewrite"
    rows.nth(changed[0] + 1).locator("a.button").click()  # the revision before it
    assert "Appointments are suspended." in publisher.locator(".changes").inner_text()
    visitor.reload()
    assert "Appointments are suspended." in visitor.locator(".notice-body").inner_text()
    publisher.click("text=Yes, restore this revision")
    assert "Restored the revision of" in publisher.locator(".messagelist").inner_text()
    visitor.reload()
    assert visitor.locator(".notice-body strong").inner_text() == "before 20 June"
    assert "suspended" not in visitor.locator(".notice-body").inner_text()


def test_pasted_script_never_runs_on_the_public_page(live_server, new_context):
    make_category()
    make_staff("paul", PUBLISHERS)
    base = live_server.url
    publisher = log_in(new_context, base, "paul")
    dialogs = watch_for_scripts(publisher)
    publisher.goto(f"{base}/admin/notices/notice/add/")
    fill_notice(publisher, "Pasted from elsewhere", "Text pasted from another site.")
    body = editor_area(publisher)
    body.click()
    # A paste as the browser delivers it from the clipboard.
    body.evaluate(
        """(el, html) => { const data = new DataTransfer(); data.setData('text/html', html);
             el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                           cancelable: true})); }""",
        XSS,
    )
    assert "Harmless start." in body.inner_text()
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_continue]")
    assert "was added successfully" in publisher.locator(".messagelist").inner_text()
    notice = Notice.objects.get(slug="pasted-from-elsewhere")
    # The same payload posted straight into the field, past the editor, by the page's form.
    with publisher.expect_request(lambda r: r.method == "POST") as posted:
        publisher.evaluate(
            """(html) => { const t = document.querySelector('textarea[name=body]');
                            t.value = html; const go = document.createElement('input');
                            go.type = 'hidden'; go.name = '_publish'; go.value = '1';
                            t.form.append(go); t.closest('form').submit(); }""",
            XSS,
        )
    assert "<script>" in posted.value.post_data and "onerror" in posted.value.post_data
    publisher.wait_for_selector(".messagelist")
    notice.refresh_from_db()
    for marker in ("<script", "onerror", "javascript:"):
        assert marker not in notice.body

    visitor = new_context().new_page()
    visitor_dialogs = watch_for_scripts(visitor)
    visitor.goto(base + notice.get_absolute_url())
    assert "Harmless start." in visitor.locator(".notice-body").inner_text()
    link = visitor.locator(".notice-body a", has_text="Click")
    assert link.get_attribute("href") is None
    link.click()
    assert visitor.evaluate("() => window.__xss") is None
    assert publisher.evaluate("() => window.__xss") is None
    assert dialogs == [] and visitor_dialogs == []
