"""Issue 23's done-when: a publisher uploads a phone photo with GPS data, writes its alt text,
pastes it into a notice's body from the library, chooses it as the notice's lead image and as
an embassy page's, and publishes both; a visitor at 320 and 1280 px gets it with srcset and
alt text on each, every stored file is free of GPS, and axe finds nothing on the pages."""

import pytest
from django.conf import settings
from PIL import Image as PILImage

from images.models import Image
from notices.models import Notice
from pages.models import Page
from publishing.roles import PUBLISHERS
from tests.factories import make_category, make_staff
from tests.image_files import GPS_IFD, phone_jpeg

from .conftest import log_in
from .test_accessibility import AXE, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALT = "The ambassador greets the minister at the embassy."
PASTE = """(html) => {
  const area = document.querySelector('.field-body [contenteditable=true]');
  area.focus();
  const data = new DataTransfer();
  data.setData('text/html', html);
  area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
}"""


def publish_a_notice_with_the_photo(new_context, base):
    make_staff("pub", PUBLISHERS)
    make_category()
    page = log_in(new_context, base, "pub")
    page.goto(f"{base}/admin/images/image/add/")
    photo = {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(2400, 1600)}
    page.set_input_files("#id_file", photo)
    page.fill("#id_title", "Official visit")
    page.fill("#id_alt_text", ALT)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    markup = page.locator(".field-rich_text_html textarea").input_value()
    page.goto(f"{base}/admin/notices/notice/add/")
    page.fill("#id_title", "The minister's visit")
    page.select_option("#id_category", label="Visas")
    page.fill("#id_summary", "The minister visited the embassy.")
    page.evaluate(PASTE, f"<p>The visit.</p>{markup}")
    page.click(".field-lead_image .select2-selection")
    page.fill(".select2-search__field", "Official")
    page.click(".select2-results__option:has-text('Official visit')")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    # The same photo leads an embassy page.
    page.goto(f"{base}/admin/pages/page/add/")
    page.fill("#id_title", "Official visits")
    page.fill("#id_lead", "Visits of ministers and officials to the embassy.")
    page.click(".field-lead_image .select2-selection")
    page.fill(".select2-search__field", "Official")
    page.click(".select2-results__option:has-text('Official visit')")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    return Image.objects.get(), Notice.objects.get()


def visit(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    seen = page.evaluate(
        """() => [...document.querySelectorAll('article img')].map(img => ({
            srcset: img.getAttribute('srcset'), alt: img.alt, src: img.getAttribute('src'),
            lead: !!img.closest('.lead-image'), width: img.getAttribute('width')}))"""
    )
    lead = page.locator(".lead-image img")
    lead.wait_for()
    page.wait_for_function("document.querySelector('.lead-image img').complete")
    chosen = page.evaluate("document.querySelector('.lead-image img').currentSrc")
    found = run_axe(page, AXE) if AXE.exists() else ["axe missing: run npm ci"]
    context.close()
    return seen, chosen, found


def test_a_photo_published_in_a_notice_reaches_visitors_clean_and_described(
    live_server, browser, new_context
):
    image, notice = publish_a_notice_with_the_photo(new_context, live_server.url)
    assert notice.is_published and notice.lead_image_id == image.pk
    assert f'data-image-id="{image.pk}"' in notice.body or "/images/" in notice.body
    assert image.alt_text == ALT
    names = {r.url for r in image.renditions.all()}
    # The lead image fills the text column (46rem at most): 288 px wide at 320, 736 at 1280.
    for width, expected in [(320, 480), (1280, 960)]:
        seen, chosen, axe = visit(browser, live_server.url + notice.get_absolute_url(), width)
        lead = [img for img in seen if img["lead"]]
        body = [img for img in seen if not img["lead"]]
        assert lead and "480w" in lead[0]["srcset"] and lead[0]["alt"] == ALT, seen
        assert body and body[0]["alt"] == ALT and body[0]["src"] in names, seen
        assert chosen.endswith(image.renditions.get(format="WEBP", width=expected).url)
        assert axe == [], axe
    embassy_page = Page.objects.get(title_en="Official visits")
    assert embassy_page.is_published and embassy_page.lead_image_id == image.pk
    for width, expected in [(320, 480), (1280, 960)]:
        seen, chosen, axe = visit(browser, live_server.url + embassy_page.get_absolute_url(), width)
        lead = [img for img in seen if img["lead"]]
        assert lead and "480w" in lead[0]["srcset"] and lead[0]["alt"] == ALT, seen
        assert chosen.endswith(image.renditions.get(format="WEBP", width=expected).url)
        assert axe == [], axe
    stored = list((settings.MEDIA_ROOT / "images").rglob("*.*"))
    assert len(stored) == 1 + image.renditions.count()
    for path in stored:
        with PILImage.open(path) as read:
            exif = read.getexif()
            assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD), path
