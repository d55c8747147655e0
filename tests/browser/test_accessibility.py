"""WCAG 2.1 AA in a real browser: axe-core on every public page type, keyboard use, layout
from 320 px to wide screens, and print.

axe-core comes from npm (package.json). Where it is missing the tests are skipped with a
clear message, except in CI (CI=true or REQUIRE_BROWSER=1), where that is a failure.
Screenshots of every page type at 320 and 1280 px go to test-artifacts/pages/.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from ..public_content import PAGE_TYPES, public_pages
from .conftest import ARTIFACTS, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [320, 1280]


@pytest.fixture(autouse=True)
def axe():
    """Requested before the browser, so CI=true alone also turns skips into failures."""
    required = os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"
    for tool, hint in [(AXE, "run `npm ci`"), (CHROMIUM, "apt-get install chromium")]:
        if required and not tool.exists():
            pytest.fail(f"accessibility tests are required here (CI) but {tool} is missing: {hint}")
    if not AXE.exists():
        pytest.skip(f"browser tests skipped: {AXE} is missing (run `npm ci`)")
    return AXE


def run_axe(page, axe):
    page.add_script_tag(path=str(axe))
    result = page.evaluate("() => axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_page_type_has_no_axe_violations_at_any_width(axe, live_server, page, language):
    """One test a language, collecting every page type's failures: the content is loaded
    once for the ten page types, not once for each (a second or more each time)."""
    paths = public_pages(language)
    (ARTIFACTS / "pages").mkdir(parents=True, exist_ok=True)
    failures = []
    for name in PAGE_TYPES:
        for width in WIDTHS:
            url = live_server.url + paths[name]
            failures += page_type_failures(page, axe, url, f"{name}-{language}", width)
    assert failures == [], f"{language}:\n" + "\n".join(failures)


def page_type_failures(page, axe, url, shown, width):
    """What is wrong with one page type (``shown``: its name and language) at one width."""
    where = f"{shown} at {width} px"
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    if response.status != (404 if shown.startswith("404-") else 200):
        return [f"{where}: answered {response.status}"]
    shot = ARTIFACTS / "pages" / f"{shown}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    failures = [f"{where}: {violation}" for violation in run_axe(page, axe)]
    # Nothing may force sideways scrolling, even on the narrowest phone.
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        failures.append(f"{where}: scrolls sideways by {overflow} px")
    return failures


def tab_until(page, predicate, limit=40):
    """Press Tab until the focused element satisfies the JS predicate; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
            return presses
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(live_server, page):
    page.goto(live_server.url + public_pages()["relation"])
    page.keyboard.press("Tab")
    skip = page.evaluate_handle("document.activeElement")
    assert skip.evaluate("el => el.textContent.trim()") == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_every_focused_control_shows_a_visible_focus_indicator(live_server, page):
    page.goto(live_server.url + public_pages()["relation"])
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => {
                const el = document.activeElement, s = getComputedStyle(el);
                return {tag: el.tagName, text: (el.textContent || el.name || '').trim(),
                        outline: s.outlineStyle, width: parseFloat(s.outlineWidth)};
            }"""
        )
        if style["tag"] == "BODY":
            break
        seen.append(style)
        assert style["outline"] != "none" and style["width"] >= 2, style
    tags = {s["tag"] for s in seen}
    assert {"A", "INPUT", "BUTTON"} <= tags


def test_table_of_contents_and_timeline_work_from_the_keyboard(live_server, page):
    page.goto(live_server.url + public_pages()["relation"])
    presses = tab_until(page, "!!el.closest('nav.toc')")
    assert presses < 20  # the contents come right after the header and breadcrumbs
    toc = page.evaluate("[...document.querySelectorAll('nav.toc a')].map(a => a.textContent)")
    assert toc == [
        "Evolution of relations",
        "Framework for cooperation",
        "Key areas of cooperation",
        "Key milestones of cooperation",
    ]
    tab_until(page, "el.textContent === 'Key milestones of cooperation'", limit=4)
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#key-milestones-of-cooperation'")
    assert page.evaluate("document.activeElement.id") == "key-milestones-of-cooperation"
    timeline = page.locator("#key-milestones-of-cooperation ol.timeline")
    assert timeline.count() == 1
    page.wait_for_function(
        "document.querySelector('#key-milestones-of-cooperation h2')"
        ".getBoundingClientRect().top < innerHeight"
    )
    first = timeline.locator("li").first
    assert first.locator("time").get_attribute("datetime")
    # Tab goes on from the timeline's section (here to the end of the page), not back to the
    # header or the contents.
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('header, nav.toc')")


def test_header_search_works_from_the_keyboard(live_server, page):
    page.goto(live_server.url + public_pages()["home"])
    tab_until(page, "el.id === 'site-search'")
    page.keyboard.type("visa")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=visa")
    assert page.locator("h1").inner_text() == "Search results"
    assert page.locator(".search-results mark").count() >= 1


def test_pages_print_without_navigation(live_server, page):
    page.goto(live_server.url + public_pages()["relation"])
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-header nav', '.search-form', '.skip-link', '.site-footer',
                  '.breadcrumbs'].map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none"] * 5
    assert page.locator("h1").is_visible()
    assert page.locator("ol.timeline").is_visible()
    (ARTIFACTS / "pages").mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "pages" / "relation-print.pdf"))


def test_breadcrumb_separators_are_not_read_aloud(live_server, page):
    """What a screen reader gets from the trail: the page names, never the "›" between them."""
    page.goto(live_server.url + public_pages()["relation"])
    trail = page.get_by_role("navigation", name="Breadcrumb")
    assert trail.locator("li").first.is_visible()
    spoken = trail.aria_snapshot()
    assert "Home" in spoken and "NATO – Azerbaijan relations" in spoken
    assert "›" not in spoken
    # Sighted visitors still see them.
    assert "›" in trail.inner_text()
