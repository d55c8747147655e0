"""Attachments are checked by content and extension in the admin; refused files are never stored."""

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notices.models import Attachment, Notice

from .factories import make_category, make_notice
from .files import (
    bloated_docx_bytes,
    doc_bytes,
    docx_bytes,
    exe_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    plain_zip_bytes,
    png_bytes,
)
from .html import parse, text_of

pytestmark = pytest.mark.django_db

ADD = reverse("admin:notices_notice_add")


def notice_form(category, **overrides):
    data = {
        "title": "Visa rules",
        "slug": "visa-rules",
        "category": category.pk,
        "summary": "How to apply for a visa",
        "body": "<p>Apply early.</p>",
        "link_url": "",
        "link_label": "",
        "status": "draft",
        "publish_at_0": "2024-05-01",
        "publish_at_1": "10:00:00",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_upload(data, name, content, title="Application form"):
    data = dict(data)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": title,
            "attachments-0-order": "0",
            "attachments-0-file": SimpleUploadedFile(name, content),
        }
    )
    return data


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("form.pdf", pdf_bytes(), "PDF"),
        ("form.doc", doc_bytes(), "DOC"),
        ("form.docx", docx_bytes(), "DOCX"),
        ("form.odt", odt_bytes(), "ODT"),
        ("photo.JPG", jpeg_bytes(), "JPEG"),
        ("photo.jpeg", jpeg_bytes(), "JPEG"),
        ("map.png", png_bytes(), "PNG"),
    ],
)
def test_allowed_files_are_stored_under_a_generated_name(
    admin_client, settings, name, content, kind
):
    category = make_category()
    response = admin_client.post(ADD, with_upload(notice_form(category), name, content))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.kind == kind
    assert attachment.size == len(content)
    ext = name.rsplit(".", 1)[1].lower()
    assert re.fullmatch(rf"attachments/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{ext}", attachment.file.name)
    assert name not in attachment.file.name
    assert [p.read_bytes() for p in stored_files(settings)] == [content]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", exe_bytes(), "Files of this type cannot be attached."),
        ("notes.txt", b"plain words", "Files of this type cannot be attached."),
        ("noextension", pdf_bytes(), "Files of this type cannot be attached."),
        ("form.pdf", exe_bytes(), "ends in .pdf, but its content is not PDF."),
        ("form.docx", plain_zip_bytes(), "but its content is not DOCX."),
        ("form.odt", docx_bytes(), "but its content is not ODT."),
        ("form.docx", exe_bytes(), "but its content is not DOCX."),
        ("form.docx", bloated_docx_bytes(), "but its content is not DOCX."),
        ("photo.png", jpeg_bytes(), "but its content is not PNG."),
        ("form.pdf", b"", "The submitted file is empty."),
    ],
)
def test_refused_files_give_a_form_error_and_store_nothing(
    admin_client, settings, name, content, message
):
    category = make_category()
    response = admin_client.post(ADD, with_upload(notice_form(category), name, content))
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not Notice.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_oversized_file_is_refused_with_the_limit_named(admin_client, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    category = make_category()
    response = admin_client.post(
        ADD, with_upload(notice_form(category), "big.pdf", pdf_bytes(size=5000))
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "This file is 4.9\xa0KB; attachments may be at most 1000\xa0bytes." in html
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_renamed_executable_refused_on_the_change_form_too(admin_client, settings):
    notice = make_notice(slug="visa-rules")
    url = reverse("admin:notices_notice_change", args=[notice.pk])
    data = notice_form(notice.category, title="Changed title")
    response = admin_client.post(url, with_upload(data, "form.pdf", exe_bytes()))
    assert response.status_code == HTTPStatus.OK
    assert "but its content is not PDF." in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []
    notice.refresh_from_db()
    assert notice.title != "Changed title"


def test_change_form_adds_a_valid_file_and_the_page_shows_title_type_size(admin_client, client):
    notice = make_notice(slug="visa-rules", status="draft")
    url = reverse("admin:notices_notice_change", args=[notice.pk])
    data = notice_form(notice.category, status="published", publish_at_0="2020-01-01")
    response = admin_client.post(url, with_upload(data, "form.docx", docx_bytes()))
    assert response.status_code == HTTPStatus.FOUND
    html = client.get(notice.get_absolute_url()).content.decode()
    assert re.search(r'<a href="/media/attachments/[^"]+\.docx">Application form</a>', html)
    assert f"(DOCX, {len(docx_bytes())}\xa0bytes)" in html


def test_admin_form_tells_the_allowed_types_and_limit(admin_client):
    html = admin_client.get(ADD).content.decode()
    assert (
        "PDF, Word (DOC or DOCX), OpenDocument text (ODT), JPEG or PNG, at most 10.0\xa0MB." in html
    )
    assert 'accept=".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"' in html


def test_a_file_chosen_on_a_page_sent_back_with_errors_is_asked_for_again(admin_client, settings):
    category = make_category()
    data = with_upload(notice_form(category, title=""), "form.pdf", pdf_bytes())
    data = with_second_upload(data, "setup.exe", exe_bytes())
    response = admin_client.post(ADD, data)
    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    chosen = text_of(doc.cssselect("#attachments-0 td.field-file .errorlist")[0])
    assert chosen == (
        "“form.pdf” was not saved, because of the errors on this page. "
        "Choose the file again before saving."
    )
    refused = text_of(doc.cssselect("#attachments-1 td.field-file .errorlist")[0])
    assert refused.startswith("Files of this type cannot be attached.")
    assert "Choose the file again" not in refused
    assert "This field is required." in text_of(doc.cssselect(".field-title")[0])
    assert stored_files(settings) == []


def with_second_upload(data, name, content):
    data = dict(data)
    data.update(
        {
            "attachments-TOTAL_FORMS": "2",
            "attachments-1-title": "Second file",
            "attachments-1-order": "1",
            "attachments-1-file": SimpleUploadedFile(name, content),
        }
    )
    return data
