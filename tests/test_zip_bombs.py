"""DOCX and ODT uploads are checked in bounded memory, whatever their zip declares.

A 600 KB file that declared 122 bytes and inflated to 600 MB once took 1.2 GB to check.
"""

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from notices.models import Attachment
from notices.validators import attachment_kind

from .factories import make_category, make_staff
from .files import docx_bytes
from .test_notices_attachments import ADD, notice_form, with_upload
from .zip_bombs import docx_bomb, many_entries, odt_bomb

LIMIT_BYTES = 50 * 1024 * 1024


def peak_while_checking(name, content):
    upload = SimpleUploadedFile(name, content)
    tracemalloc.start()
    try:
        try:
            kind = attachment_kind(upload)
        except ValidationError as error:
            kind = error.code
        return kind, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("form.docx", lambda: docx_bomb(200)),
        ("form.odt", lambda: odt_bomb(200)),
        ("form.docx", lambda: many_entries(60_000)),
    ],
    ids=["docx-bomb", "odt-bomb", "60000-entries"],
)
def test_a_zip_bomb_is_refused_in_bounded_memory(settings, name, make):
    content = make()
    assert len(content) < settings.ATTACHMENT_MAX_BYTES
    kind, peak = peak_while_checking(name, content)
    assert kind == "file_content"
    assert peak < LIMIT_BYTES, f"checking took {peak / 1e6:.0f} MB"


def test_a_real_docx_still_passes_cheaply():
    kind, peak = peak_while_checking("form.docx", docx_bytes())
    assert kind == "DOCX"
    assert peak < 1024 * 1024


@pytest.mark.django_db
def test_the_admin_refuses_the_bomb_and_stores_nothing(client, settings):
    client.force_login(make_staff("root", is_superuser=True))
    data = with_upload(notice_form(make_category()), "form.docx", docx_bomb(100))
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "its content is not DOCX" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "attachments").exists()
