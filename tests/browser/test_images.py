"""A publisher uploads a phone photo in the browser; a visitor's Chromium at 320 and 1280 px
picks a rendition wide enough for the screen, and the page does not move as it loads."""

import pytest

from images.models import Image
from publishing.roles import PUBLISHERS
from tests.factories import make_staff
from tests.image_files import phone_jpeg

from .conftest import PASSWORD, log_in
from .test_accessibility import AXE, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.toy.urls"),
]

LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def upload_in_the_browser(new_context, base):
    make_staff("pub", PUBLISHERS)
    page = log_in(new_context, base, "pub")
    page.goto(f"{base}/admin/images/image/add/")
    # Taken on its side (EXIF orientation 6) at 2400 × 1600: 1600 × 2400 once upright.
    photo = {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(2400, 1600)}
    page.set_input_files("#id_file", photo)
    page.fill("#id_title", "Official visit")
    page.fill("#id_alt_text", "The ambassador greets the minister at the embassy.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    return Image.objects.get()


def visit(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    img = page.locator("picture img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('picture img').complete")
    seen = page.evaluate(
        """() => { const img = document.querySelector('picture img');
        return {src: img.currentSrc, shown: img.clientWidth,
                alt: img.alt, width: img.getAttribute('width'),
                height: img.getAttribute('height')}; }"""
    )
    seen["shift"] = page.evaluate(LAYOUT_SHIFT)
    seen["cookies"] = context.cookies()
    seen["axe"] = run_axe(page, AXE) if AXE.exists() else []
    context.close()
    return seen


@pytest.mark.parametrize(("width", "expected"), [(320, 480), (1280, 1600)])
def test_a_visitor_gets_a_rendition_that_fits_and_no_layout_shift(
    live_server, browser, new_context, width, expected
):
    image = upload_in_the_browser(new_context, live_server.url)
    assert (image.width, image.height) == (1600, 2400)
    seen = visit(browser, f"{live_server.url}/pictures/{image.pk}/", width)
    chosen = image.renditions.get(format="WEBP", width=expected)
    assert seen["src"].endswith(chosen.url), seen
    assert seen["shown"] <= expected  # wide enough for the space it fills, not wider than needed
    assert seen["alt"] == image.alt_text
    assert (seen["width"], seen["height"]) == ("1600", "2400")
    assert seen["shift"] == 0
    assert seen["cookies"] == []
    assert seen["axe"] == []


def test_the_image_admin_has_no_axe_violations(live_server, browser, new_context):
    image = upload_in_the_browser(new_context, live_server.url)
    if not AXE.exists():
        pytest.skip(f"browser tests skipped: {AXE} is missing (run `npm ci`)")
    # axe is injected as an inline script, which the admin's CSP rightly refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "pub")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    found = {}
    for path in ["", "?alt=missing", f"{image.pk}/change/", "add/"]:
        page.goto(f"{live_server.url}/admin/images/image/{path}")
        page.add_script_tag(path=str(AXE))
        # Our screens only: Django's stock breadcrumbs fail link-in-text-block on the change
        # page (links told apart by colour alone), which is the admin's, not this app's.
        result = page.evaluate("() => axe.run('#content')")
        found[path] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()
    assert all(v == [] for v in found.values()), found
