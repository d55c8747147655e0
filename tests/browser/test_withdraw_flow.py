"""A publisher withdraws a notice, saying why; a visitor following its old link reads the
notice with the dated reason, and the page is accessible (axe) and valid HTML (Nu)."""

import json
import shutil
import subprocess

import pytest

from publishing.roles import PUBLISHERS
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import AXE
from tests.factories import make_notice, make_staff
from tests.test_html_valid import VNU, unavailable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_withdrawn_notice_tells_a_visitor_why(live_server, new_context, browser, tmp_path):
    if not AXE.exists():
        pytest.skip(f"browser tests skipped: {AXE} is missing (run `npm ci`)")
    notice = make_notice(slug="visa-on-arrival", title="Visa on arrival")
    make_staff("paul", PUBLISHERS)
    base = live_server.url

    publisher = log_in(new_context, base, "paul")
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    publisher.click("text=Withdraw, saying why…")
    # The English reason is required by the browser too (the server's refusal: test_withdraw).
    assert publisher.locator("#id_reason_en").get_attribute("required") is not None
    assert publisher.locator("#id_reason_ro").get_attribute("required") is None
    publisher.fill("#id_reason_en", "Visas on arrival ended on 1 May.")
    publisher.fill("#id_reason_ro", "Vizele la sosire s-au încheiat la 1 mai.")
    publisher.click("input[type=submit][value=Withdraw]")
    assert "1 withdrawn" in publisher.locator(".messagelist").inner_text()

    visitor_context = new_context()
    visitor = visitor_context.new_page()
    response = visitor.goto(f"{base}/ro/notices/visa-on-arrival/")
    assert response.status == 200
    banner = visitor.locator(".banner-withdrawn").inner_text()
    assert banner.startswith("Retras la ")
    assert "Vizele la sosire s-au încheiat la 1 mai." in banner
    assert visitor.locator("h1").inner_text() == "Visa on arrival"
    robots = visitor.locator('meta[name="robots"]').get_attribute("content")
    assert robots == "noindex"
    assert visitor_context.cookies() == []
    # axe is injected as a script, which the site's CSP rightly blocks: its own context.
    checker = browser.new_context(bypass_csp=True)
    try:
        checked_page = checker.new_page()
        checked_page.goto(f"{base}/az/notices/visa-on-arrival/")  # the English reason, marked
        checked_page.add_script_tag(path=str(AXE))
        result = checked_page.evaluate("() => axe.run(document)")
        assert [v["id"] for v in result["violations"]] == []
    finally:
        checker.close()

    java = shutil.which("java")
    if not java or not VNU.exists():
        unavailable("java or the Nu checker is missing")
    html = tmp_path / "withdrawn.html"
    html.write_text(response.text(), encoding="utf-8")
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", str(html)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [
        f"{m.get('lastLine')}: {m.get('message')}"
        for m in json.loads(checked.stderr)["messages"]
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == []
