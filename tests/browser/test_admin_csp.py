"""The admin works under its own Content Security Policy: the rich-text editor loads and
edits, and the browser refuses nothing (no violation, no console error)."""

import pytest

from notices.models import Notice
from publishing.roles import EDITORS
from tests.factories import PASSWORD, make_category, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
    " [e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber].join(' ')));"
)


def test_the_editor_loads_and_edits_under_the_admin_policy(browser, live_server):
    make_category()
    make_staff("elena", EDITORS)
    context = browser.new_context()  # no bypass: the browser enforces the policy
    context.add_init_script(WATCH)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url

    response = page.goto(f"{base}/admin/login/")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page.fill("#id_username", "elena")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    page.goto(f"{base}/admin/notices/notice/add/")
    body = page.locator(".field-body [contenteditable=true]")
    body.wait_for()
    page.fill("#id_title", "Under the policy")
    page.select_option("#id_category", label="Visas")
    page.fill("#id_summary", "Typed in the editor.")
    body.click()
    page.keyboard.type("Plain then ")
    page.keyboard.press("Control+b")
    page.keyboard.type("bold")
    # The toolbar's icons come from the editor's font, allowed as 'self'.
    assert page.locator(".prose-menubar button").count() > 5
    assert page.evaluate("() => window.__violations") == []
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert page.evaluate("() => window.__violations") == []
    notice = Notice.objects.get(title="Under the policy")
    assert "<strong>bold</strong>" in notice.body
    # Django's own screens and the site's admin pages (dashboard, change form, history).
    for path in [
        "/admin/",
        "/admin/notices/notice/",
        f"/admin/notices/notice/{notice.pk}/change/",
        f"/admin/notices/notice/{notice.pk}/history/",
    ]:
        page.goto(base + path)
        page.wait_for_selector("#content")
        assert page.evaluate("() => window.__violations") == [], path
    assert errors == []
    context.close()
