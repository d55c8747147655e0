"""Attachment downloads: readable names, never rendered, gone with their attachment."""

import pytest
from django.core.files.base import ContentFile

from embassy_site.publishing import Status
from notices.models import Attachment

from .staff import make_notice, make_staff

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


@pytest.mark.parametrize(
    "path", ["/media/../settings.py", "/media/attachments/x%00.pdf", "/media/"]
)
def test_other_media_addresses_are_not_found(client, path):
    attach(make_notice())
    assert client.get(path).status_code == 404
