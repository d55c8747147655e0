"""A publisher uploads a phone photo in the browser; a visitor's Chromium at 320 and 1280 px
picks a rendition wide enough for the screen, and the page does not move as it loads."""

import pytest

from images.models import Image
from publishing.roles import PUBLISHERS
from tests.factories import make_staff
from tests.image_files import phone_jpeg

from .conftest import log_in

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
