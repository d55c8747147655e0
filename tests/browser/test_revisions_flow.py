"""The NATO page through its revisions, in Chromium, from the state `make run` leaves.

An editor changes the live page; visitors keep the live text; a publisher reviews and
publishes; then restores the baseline and the page is the seed again. The history answers
at every step. With DOCS_SCREENSHOTS=1 the steps are saved for docs/editing.md.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Relation
from tests.browser.conftest import log_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editing"
NEW_TEXT = "Azerbaijan and NATO reviewed their partnership in 2026."


def shot(page, name):
    """A picture for the editors' guide, when asked for; the flow is tested either way."""
    if os.environ.get("DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"))


def main_text(page):
    text = " ".join(page.locator("main").inner_text().split())
    return re.sub(r"Last updated: \d+ \w+ \d{4}", "Last updated: …", text)


def history_answers(page, base, relation):
    response = page.goto(f"{base}/admin/relations/relation/{relation.pk}/history/")
    assert response.status == 200
    return page.locator("#change-history tbody tr").count()


def test_editor_drafts_publisher_publishes_then_restores_the_seed(live_server, new_context):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    make_staff("eddie", EDITORS, first_name="Eddie", last_name="Editor")
    make_staff("paula", PUBLISHERS, first_name="Paula", last_name="Publisher")
    nato = Relation.objects.get(slug="nato-azerbaijan")
    base = live_server.url
    public = base + nato.get_absolute_url()
    visitor = new_context().new_page()
    visitor.goto(public)
    seed_text = main_text(visitor)

    editor = log_in(new_context, base, "eddie")
    assert history_answers(editor, base, nato) == 1  # the baseline loaddata left
    editor.goto(f"{base}/admin/relations/relation/{nato.pk}/change/")
    assert "This page is live" in editor.locator(".publishing-banner").inner_text()
    editor.fill("#id_summary", NEW_TEXT)
    editor.fill("#id_revision_note", "New summary after the 2026 review")
    shot(editor, "1-editor-changes-a-live-page")
    editor.click("input[name=_continue]")
    assert "Saved as a draft" in editor.locator(".messagelist").inner_text()
    assert (
        "Unpublished changes by Eddie Editor" in editor.locator(".publishing-banner").inner_text()
    )
    assert history_answers(editor, base, nato) == 2

    visitor.reload()
    assert NEW_TEXT not in main_text(visitor)
    assert main_text(visitor) == seed_text

    publisher = log_in(new_context, base, "paula")
    assert "NATO – Azerbaijan relations" in publisher.locator("#drafts").inner_text()
    publisher.goto(public)
    assert "Unpublished changes by Eddie Editor" in publisher.locator(".banner").inner_text()
    assert NEW_TEXT in main_text(publisher)
    shot(publisher, "2-staff-see-the-draft-on-the-site")
    publisher.goto(f"{base}/admin/relations/relation/{nato.pk}/change/")
    publisher.click("text=Review and publish the changes")
    assert "partnership in 2026." in publisher.locator(".changes").inner_text()
    shot(publisher, "3-publisher-reviews-the-changes")
    publisher.click("text=Publish these changes")
    assert "visitors see the new version now" in publisher.locator(".messagelist").inner_text()

    visitor.reload()
    assert NEW_TEXT in main_text(visitor)
    assert history_answers(publisher, base, nato) == 3
    shot(publisher, "4-history")

    publisher.locator("#change-history tbody tr").last.locator("a.button").click()
    assert "Restore the revision of" in publisher.locator("h1").inner_text()
    shot(publisher, "5-restore-asks-first")
    publisher.click("text=Yes, restore this revision")
    assert "Restored the revision of" in publisher.locator(".messagelist").inner_text()
    assert history_answers(publisher, base, nato) == 4

    visitor.reload()
    assert main_text(visitor) == seed_text
