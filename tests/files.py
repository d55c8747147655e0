"""Bytes of real (small) files of each kind, for upload tests: nothing mocked."""

import io
import zipfile


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
