"""The public pages work under their own Content Security Policy: nothing is refused."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_break_no_rule_of_their_policy(browser, live_server):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    context = browser.new_context()  # no bypass: the browser enforces the policy
    page = context.new_page()
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path in ["/en/", "/en/relations/nato-azerbaijan/", "/en/notices/", "/en/search/?q=visa"]:
        page.goto(live_server.url + path)
        assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px", path
        assert page.evaluate("() => window.__violations") == [], path
    context.close()
