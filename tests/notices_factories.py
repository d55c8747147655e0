"""Small builders for notices tests: real rows, real files, nothing mocked."""

import io
import zipfile
from datetime import timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from notices.models import Attachment, Category, Notice
from publishing.models import Status

_seq = count(1)


def make_category(**kwargs):
    n = next(_seq)
    kwargs.setdefault("name", f"Category {n}")
    kwargs.setdefault("slug", f"category-{n}")
    return Category.objects.create(**kwargs)


def make_notice(**kwargs):
    n = next(_seq)
    kwargs.setdefault("title", f"Notice {n}")
    kwargs.setdefault("slug", f"notice-{n}")
    kwargs.setdefault("summary", f"Teaser of notice {n}")
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - timedelta(days=1))
    if kwargs.get("category") is None:
        kwargs["category"] = make_category()
    return Notice.objects.create(**kwargs)


def make_attachment(notice, name="form.pdf", content=None, **kwargs):
    kwargs.setdefault("title", f"Attachment {next(_seq)}")
    upload = SimpleUploadedFile(name, content if content is not None else pdf_bytes())
    return Attachment.objects.create(notice=notice, file=upload, **kwargs)


def pdf_bytes(size=1200):
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
    return head + b"%" * max(0, size - len(head) - 6) + b"\n%%EOF"


def png_bytes():
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def jpeg_bytes():
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def doc_bytes():
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500


def exe_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode."


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in entries:
            package.writestr(name, data)
    return buffer.getvalue()


def docx_bytes_types():
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )


def docx_bytes():
    types = docx_bytes_types()
    return _zip([("[Content_Types].xml", types), ("word/document.xml", "<w:document/>")])


def bloated_docx_bytes():
    """A DOCX whose description inflates to 50 MB: it must be refused unread."""
    types = docx_bytes_types() + " " * (50 * 1024 * 1024)
    return _zip([("[Content_Types].xml", types), ("word/document.xml", "<w:document/>")])


def odt_bytes():
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])


def plain_zip_bytes():
    return _zip([("readme.txt", "just a zip")])
