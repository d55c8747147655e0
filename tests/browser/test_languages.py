"""A visitor walks the site in each language from the home page, and switches language
without losing their place."""

import pytest

from ..public_content import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WALKS = [
    ("en-GB,en;q=0.9", "en", "Relations", "Notices"),
    ("ro-RO,ro;q=0.9", "ro", "Relații", "Anunțuri"),
    ("az-AZ,az;q=0.9", "az", "Münasibətlər", "Elanlar"),
]


@pytest.mark.parametrize(("accept", "code", "relations", "notices"), WALKS)
def test_a_visitor_walks_the_site_in_their_language(
    live_server, browser, accept, code, relations, notices
):
    paths = public_pages(code)
    context = browser.new_context(extra_http_headers={"Accept-Language": accept})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.url == live_server.url + f"/{code}/"
        assert page.get_attribute("html", "lang") == code
        nav = page.get_by_role(
            "navigation", name={"en": "Main", "ro": "Principal", "az": "Əsas"}[code]
        )
        nav.get_by_role("link", name=relations).click()
        assert page.url == live_server.url + paths["relations-list"]
        # The page's own slug in this language (the seed has one in each).
        page.locator(f"main a[href$='{paths['relation']}']").first.click()
        assert page.url == live_server.url + paths["relation"]
        assert page.get_attribute("html", "lang") == code
        nav.get_by_role("link", name=notices).click()
        assert page.url == live_server.url + paths["notices-list"]
        # The switcher leads to this same page in another language.
        other = "ro" if code != "ro" else "az"
        page.locator(f"nav.languages a[hreflang='{other}']").click()
        assert page.url == live_server.url + paths["notices-list"].replace(
            f"/{code}/", f"/{other}/"
        )
        assert page.get_attribute("html", "lang") == other
        assert context.cookies() == []  # visitors get no cookies, a language one included
    finally:
        context.close()
