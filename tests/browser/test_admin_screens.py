"""The admin's relation and notice forms as staff see them in a 1280 × 800 window."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from notices.models import Notice
from relations.models import Relation
from tests.factories import PASSWORD, make_attachment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WINDOW = {"width": 1280, "height": 800}
# Right edges of inline tables that stick out of their box, as "id: right > box".
SPILLS = """() => [...document.querySelectorAll('.inline-group')].flatMap(group => {
    const box = group.getBoundingClientRect().right;
    return [...group.querySelectorAll('table')]
        .filter(table => table.getBoundingClientRect().right > box + 1)
        .map(table => `${group.id}: ${Math.round(table.getBoundingClientRect().right)} > ${box}`);
})"""


@pytest.fixture
def admin_page(live_server, browser):
    """A superuser's page, logged in, with the seed content loaded."""
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    context = browser.new_context(viewport=WINDOW)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    yield page
    context.close()


def test_the_relation_and_notice_forms_fit_a_1280_pixel_window(live_server, admin_page):
    relation = Relation.objects.get(slug="nato-azerbaijan")
    notice = Notice.objects.order_by("pk").first()
    # Stored files show their long generated names, which made the attachments table spill.
    make_attachment(notice, title="Application form for a long-stay visa (national visa D)")
    make_attachment(notice, title="Photo rules")
    for url in [
        f"/admin/relations/relation/{relation.pk}/change/",
        f"/admin/notices/notice/{notice.pk}/change/",
    ]:
        admin_page.goto(live_server.url + url)
        admin_page.wait_for_selector(".prose-editor")
        width = admin_page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= WINDOW["width"], f"{url} is {width} px wide"
        assert admin_page.evaluate(SPILLS) == [], url


def test_the_rich_text_box_opens_at_a_usable_height_with_spelling_checked(live_server, admin_page):
    admin_page.goto(f"{live_server.url}/admin/notices/notice/add/")
    box = admin_page.locator(".field-body [contenteditable=true]")
    box.wait_for()
    assert box.bounding_box()["height"] >= 200  # about a dozen lines, before any text
    assert box.get_attribute("spellcheck") == "true"
    box.click()
    admin_page.keyboard.type("Apointments open on Monday.")
    assert box.get_attribute("spellcheck") == "true"
    assert box.evaluate("element => element.spellcheck") is True
