"""Attachment downloads: readable names, never rendered, gone with their attachment."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from notices.models import Attachment
from publishing import actions, revisions
from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_staff
from .html import form_data, parse, text_of
from .revisions_helpers import NOTICE

pytestmark = pytest.mark.django_db

POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def attach(notice, title="Visa application form", content=POLYGLOT, name="upload.pdf"):
    attachment = Attachment(notice=notice, title=title, file=ContentFile(content, name=name))
    attachment.save()  # stores the file under a generated name, with its checked type
    return attachment


def test_a_polyglot_is_downloaded_under_its_readable_name(client):
    attachment = attach(make_notice())
    assert attachment.file.name.startswith("attachments/")
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == POLYGLOT
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Visa application form.pdf"'
    assert not response.cookies


def test_a_title_with_other_letters_gets_an_encoded_name(client):
    attachment = attach(make_notice(), title="Cerere de viză / Виза")
    disposition = client.get(attachment.get_absolute_url())["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "/" not in disposition.split("''", 1)[1]


def test_the_file_of_a_deleted_attachment_is_not_served(client):
    attachment = attach(make_notice())
    url = attachment.get_absolute_url()
    attachment.delete()
    assert client.get(url).status_code == 404


def test_a_drafts_files_are_for_staff_only(client):
    attachment = attach(make_notice(status=Status.DRAFT))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(make_staff("ed"))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_file_only_a_live_notices_draft_has_is_for_staff_only(client, settings):
    """An editor adds an attachment to a live notice: it waits in a draft, in no row.

    Staff previewing the draft follow its link and get the file; visitors get a 404, both
    from Django and through the front server (X-Accel-Redirect is never sent for them).
    """
    notice = make_notice(title="Visa regulations")
    kept = attach(notice, title="Old form")
    editor = Client()
    editor.force_login(make_staff("eddie", EDITORS))
    url = NOTICE.format(notice.pk)
    data = form_data(editor.get(url + "change/"))
    extra = int(data["attachments-TOTAL_FORMS"])
    data.update(
        {
            "attachments-TOTAL_FORMS": str(extra + 1),
            f"attachments-{extra}-title": "New form",
            f"attachments-{extra}-order": "5",
            f"attachments-{extra}-file": SimpleUploadedFile("new.pdf", POLYGLOT),
        }
    )
    response = editor.post(url + "change/", data, follow=True)
    assert "Saved as a draft" in text_of(parse(response))
    assert list(notice.attachments.values_list("title", flat=True)) == ["Old form"]
    draft = revisions.pending_draft(notice)
    names = [row["fields"]["file"] for row in draft.data["parts"]]
    new_name = next(name for name in names if name != kept.file.name)
    new_url = "/media/" + new_name

    # The staff preview links to the draft's file, and the link works for staff.
    preview = editor.get(notice.get_absolute_url())
    assert new_url.encode() in preview.content
    response = editor.get(new_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == POLYGLOT
    assert response["Content-Disposition"] == 'attachment; filename="New form.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Visitors: the live file yes, the draft's no.
    assert client.get(kept.get_absolute_url()).status_code == 200
    assert client.get(new_url).status_code == 404
    settings.MEDIA_ACCEL_PREFIX = "/_media/"
    refused = client.get(new_url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    assert editor.get(new_url)["X-Accel-Redirect"] == "/_media/" + new_name

    # Once the draft is published, it is a live file like any other.
    actions.Publish(notice, make_staff("anna", PUBLISHERS), revision=draft).run()
    assert client.get(new_url).status_code == 200


def test_a_file_an_old_revision_names_is_not_served_to_anyone(client):
    """Only a waiting draft lends staff a file; a deleted attachment's file stays gone."""
    notice = make_notice()
    attachment = attach(notice)
    url = attachment.get_absolute_url()
    revisions.record(notice, revisions.Revision.Kind.EDIT)
    attachment.delete()
    revisions.record(notice, revisions.Revision.Kind.EDIT)
    assert client.get(url).status_code == 404
    client.force_login(make_staff("ed"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path", ["/media/../settings.py", "/media/attachments/x%00.pdf", "/media/"]
)
def test_other_media_addresses_are_not_found(client, path):
    attach(make_notice())
    assert client.get(path).status_code == 404
