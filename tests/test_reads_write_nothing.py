"""Reading writes nothing: every staff GET of every registered model's admin pages, and the
staff previews of pages with a draft, for each role, sends no INSERT, UPDATE or DELETE.

The content is the admin walk's (tests/test_admin_permissions.py): the shipped relation and
notices with drafts waiting on live pages, so change forms and previews have a draft to show
from its revision.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.models import Notice
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Relation

from .html import parse, text_of
from .test_admin_permissions import content, requests, role_client, superuser_client

__all__ = ["content", "superuser_client"]  # fixtures used below

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(captured):
    return [
        q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def staff_gets(superuser_client):
    gets = [request.url for request in requests(superuser_client) if request.post is None]
    pages = [*Relation.objects.all(), *Notice.objects.all()]
    # The editor's page picker (publishing/page_search.py): an admin GET no link leads to.
    return gets + [page.get_absolute_url() for page in pages] + ["/admin/page-links/?q=visa"]


def test_no_staff_get_writes(content, superuser_client):
    # The walk itself reads every change form as a superuser first: that writes nothing too.
    with CaptureQueriesContext(connection) as captured:
        urls = staff_gets(superuser_client)
    assert not writes(captured), writes(captured)[:3]
    assert len(urls) > 50  # the walk found the admin's pages
    failures = []
    for role in ["view-only staff", EDITORS, PUBLISHERS, "superuser"]:
        client = superuser_client if role == "superuser" else role_client(role)
        client.get("/admin/")  # the session is written at sign-in, not by what is read
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            if response.status_code >= 500:
                failures.append(f"{role} GET {url}: {response.status_code}")
            if found := writes(captured):
                failures.append(f"{role} GET {url}: {len(found)} writes, first: {found[0][:120]}")
    assert not failures, "\n".join(failures)


def test_the_change_form_and_the_preview_show_the_draft_without_writing(content):
    """The walk's live relation has a draft with another summary and its first part gone."""
    client = role_client(EDITORS)
    url = f"/admin/relations/relation/{content.pk}/change/"
    with CaptureQueriesContext(connection) as captured:
        form = client.get(url)
        preview = client.get(content.get_absolute_url())
    assert not writes(captured)
    assert "A summary only the draft has." in form.content.decode()
    assert "A summary only the draft has." in text_of(parse(preview))
    # Visitors keep the live version.
    assert (
        "A summary only the draft has."
        not in role_client("anonymous").get(content.get_absolute_url()).content.decode()
    )
