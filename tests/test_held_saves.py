"""Saving an edit of a live page writes a revision and nothing else.

The change form of a live page is bound to its draft (or its live version) in memory, and
the valid form becomes the draft's snapshot: no INSERT, UPDATE or DELETE reaches the page's
tables or its parts' (only the state columns of the page's row, which say a draft waits),
and no save signal fires for a row of them. The draft still previews and publishes as the
editor wrote it: a changed section, a removed milestone, an added one.
"""

import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext

from publishing import revisions
from publishing.models import STATE_FIELDS, Revision
from publishing.registry import registry
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Milestone, Relation

from .factories import make_staff
from .html import form_data, parse, text_of
from .revisions_helpers import RELATION, visible_text

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def login(username, role):
    client = Client()
    client.force_login(make_staff(username, role))
    return client


def state_columns(model):
    return {model._meta.get_field(name).column for name in STATE_FIELDS}


def writes_to_the_page(captured, page_type):
    """Every write to the page type's tables but the state columns of the page's row."""
    tables = {model._meta.db_table: model for model in page_type.models()}
    found = []
    for query in captured.captured_queries:
        sql = query["sql"].lstrip()
        if not sql.upper().startswith(WRITES):
            continue
        named = re.match(r'(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', sql, re.I)
        model = tables.get(named.group(1)) if named else None
        if model is None:
            continue
        if model is page_type.model and sql.upper().startswith("UPDATE"):
            assignments = sql.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
            # A bulk update sets each column to a CASE over the rows' keys.
            bulk = re.search(r"= \(?CASE", assignments)
            pattern = r'"(\w+)" = \(?CASE' if bulk else r'"(\w+)" ='
            columns = set(re.findall(pattern, assignments))
            if columns <= state_columns(model):
                continue
        found.append(sql)
    return found


class Saves:
    """post_save and post_delete of the page type's models while it listens."""

    def __init__(self, page_type):
        self.models, self.seen = set(page_type.models()), []

    def __call__(self, sender, instance, **kwargs):
        if sender in self.models:
            self.seen.append((sender.__name__, instance.pk))

    def __enter__(self):
        post_save.connect(self, weak=False, dispatch_uid="test-held-saves")
        post_delete.connect(self, weak=False, dispatch_uid="test-held-deletes")
        return self

    def __exit__(self, *exc):
        post_save.disconnect(dispatch_uid="test-held-saves")
        post_delete.disconnect(dispatch_uid="test-held-deletes")


def edited(client, url):
    """The change form with a section rewritten, the first milestone removed and one
    added, as a browser would post it."""
    data = form_data(client.get(url + "change/"))
    data["summary"] = "A summary only the draft has."
    data["sections-0-body"] = "<p>Only the draft says this.</p>"
    data["milestones-0-DELETE"] = "on"
    total = int(data["milestones-TOTAL_FORMS"])
    new = f"milestones-{total}-"
    data.update(
        {
            f"{new}relation": data["milestones-0-relation"],
            f"{new}date_text": "2025",
            f"{new}text": "A milestone only the draft has.",
            f"{new}slug": "draft-only",
        }
    )
    data["milestones-TOTAL_FORMS"] = str(total + 1)
    return data


def test_saving_a_live_pages_edit_writes_only_its_revision(seed):
    # A publisher's plain Save holds a draft too, and a publisher may remove a part.
    publisher = login("anna", PUBLISHERS)
    editor = login("eddie", EDITORS)
    url = RELATION.format(seed.pk)
    data = edited(publisher, url)
    page_type = registry.for_model(Relation)
    milestones = Milestone.objects.count()
    with CaptureQueriesContext(connection) as captured, Saves(page_type) as saves:
        response = publisher.post(url + "change/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))
    assert writes_to_the_page(captured, page_type) == []
    assert saves.seen == []
    inserted = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    kept = ('"publishing_revision"', '"django_admin_log"')
    assert inserted and all(any(table in sql for table in kept) for sql in inserted)
    draft = revisions.pending_draft(seed)
    assert draft.kind == Revision.Kind.DRAFT and draft.author.username == "anna"
    assert Milestone.objects.count() == milestones

    # Visitors keep the live version; staff preview the draft as written.
    anonymous = Client()
    assert "A milestone only the draft has." not in visible_text(anonymous, seed)
    preview = visible_text(editor, seed)
    assert "A summary only the draft has." in preview
    assert "Only the draft says this." in preview
    assert "A milestone only the draft has." in preview
    slugs = {row["fields"].get("slug") for row in draft.data["parts"]}
    assert "draft-only" in slugs and "1992-nacc" not in slugs

    # A second edit of the draft keeps the first one's new milestone, then it is published.
    again = form_data(editor.get(url + "change/"))
    assert "A milestone only the draft has." in again.values()
    again["title"] = "NATO – Azerbaijan relations (draft)"
    assert editor.post(url + "change/", again).status_code == HTTPStatus.FOUND
    waiting = revisions.waiting(seed)
    publish = publisher.post(f"{url}history/{waiting.pk}/publish/")
    assert publish.status_code == HTTPStatus.FOUND
    shown = visible_text(anonymous, seed)
    assert "A milestone only the draft has." in shown
    assert "Only the draft says this." in shown
    assert not Milestone.objects.filter(slug="1992-nacc").exists()
    assert Milestone.objects.get(slug="draft-only").pk > 0


def test_a_refused_edit_of_a_live_page_keeps_what_was_typed(seed):
    editor = login("eddie", EDITORS)
    url = RELATION.format(seed.pk)
    data = edited(editor, url)
    data["title"] = ""
    response = editor.post(url + "change/", data)
    assert response.status_code == HTTPStatus.OK
    page = parse(response)
    assert "This field is required." in text_of(page)
    assert page.cssselect('[name="summary"]')[0].text_content().strip() == (
        "A summary only the draft has."
    )
    assert revisions.pending_draft(seed) is None
