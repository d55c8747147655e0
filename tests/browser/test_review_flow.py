"""A new notice through review, in Chromium: an editor writes it and sends it for review, a
publisher rejects it with a comment, the editor fixes it, the publisher publishes it. Then
two editors on one live notice: the second save is refused, and so is a second Save of the
returned form, and nothing either typed is lost."""

import pytest

from notices.models import Notice
from publishing import revisions
from publishing.models import ReviewState, Status
from publishing.roles import EDITORS, PUBLISHERS
from tests.browser.conftest import log_in
from tests.factories import make_category, make_notice, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def messages(page):
    return page.locator(".messagelist").inner_text()


def banner(page):
    return page.locator(".publishing-banner").inner_text()


def test_a_new_notice_is_rejected_fixed_and_published(live_server, new_context):
    make_category()
    make_staff("eddie", EDITORS, first_name="Eddie", last_name="Editor")
    make_staff("paula", PUBLISHERS, first_name="Paula", last_name="Publisher")
    base = live_server.url

    editor = log_in(new_context, base, "eddie")
    editor.goto(f"{base}/admin/notices/notice/add/")
    editor.fill("#id_title", "Consular hours in May")
    editor.select_option("#id_category", label="Visas")
    editor.fill("#id_summary", "The consular section keeps shorter hours.")
    editor.locator(".field-body [contenteditable=true]").click()
    editor.keyboard.type("Shorter hours in May.")
    editor.click("input[name=_continue]")
    assert "was added successfully" in messages(editor)
    assert "not published yet" in banner(editor)
    editor.click("text=See it as saved, or send it for review")
    assert "No visitor sees this page yet" in editor.locator(".changes").inner_text()
    editor.click("text=Send for review")
    assert "Sent for review" in messages(editor)
    notice = Notice.objects.get(slug="consular-hours-in-may")
    visitor = new_context().new_page()
    assert visitor.goto(base + notice.get_absolute_url()).status == 404

    publisher = log_in(new_context, base, "paula")
    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    assert "Waiting for a publisher’s review." in banner(publisher)
    publisher.click("text=Review and publish it")
    publisher.fill("#reject-comment", "Say which days the section is closed.")
    publisher.click("button:has-text('Reject')")
    assert "Rejected" in messages(publisher)
    notice.refresh_from_db()
    assert notice.review_state == ReviewState.REJECTED

    editor.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    assert "Say which days the section is closed." in banner(editor)
    body = editor.locator(".field-body [contenteditable=true]")
    body.click()
    editor.keyboard.press("Control+a")
    editor.keyboard.type("The consular section is closed on 1 and 9 May.")
    editor.click("input[name=_continue]")
    editor.click("text=See it as saved, or send it for review")
    editor.click("text=Send for review")
    assert "Sent for review" in messages(editor)

    publisher.goto(f"{base}/admin/notices/notice/{notice.pk}/change/")
    publisher.click("text=Review and publish it")
    publisher.click("text=Publish these changes")
    assert "visitors see the new version now" in messages(publisher)
    assert visitor.goto(base + notice.get_absolute_url()).status == 200
    assert "closed on 1 and 9 May" in visitor.locator("main").inner_text()
    notice.refresh_from_db()
    assert (notice.status, notice.review_state) == (Status.PUBLISHED, ReviewState.PUBLISHED)


def test_two_editors_and_a_second_save_lose_nothing(live_server, new_context):
    notice = make_notice(title="Visa rules", summary="The first summary.")
    make_staff("eddie", EDITORS, first_name="Eddie", last_name="Editor")
    make_staff("olga", EDITORS, first_name="Olga", last_name="Editor")
    base = live_server.url
    url = f"{base}/admin/notices/notice/{notice.pk}/change/"
    eddie, olga = log_in(new_context, base, "eddie"), log_in(new_context, base, "olga")
    eddie.goto(url)
    olga.goto(url)
    olga.fill("#id_summary", "Olga's summary.")
    olga.click("input[name=_continue]")
    assert "Saved as a draft" in messages(olga)

    eddie.fill("#id_summary", "Eddie's summary, typed at length.")
    eddie.click("input[name=_continue]")
    assert "Olga Editor saved this page at" in eddie.locator(
        ".errornote, .errorlist"
    ).first.inner_text() or (
        "Olga Editor saved this page at" in eddie.locator("#content-main").inner_text()
    )
    assert eddie.input_value("#id_summary") == "Eddie's summary, typed at length."
    eddie.click("input[name=_continue]")  # the returned form, saved again as it is
    assert "Olga Editor saved this page at" in eddie.locator("#content-main").inner_text()
    assert eddie.input_value("#id_summary") == "Eddie's summary, typed at length."
    draft = revisions.pending_draft(notice)
    assert draft.data["page"]["fields"]["summary"] == "Olga's summary."
    assert Notice.objects.get(pk=notice.pk).summary == "The first summary."
