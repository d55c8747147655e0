"""What a notice accepts from an editor: attachments checked by content, teasers as plain text.

An attachment's extension and its first bytes must name the same type, so a program renamed
to "form.pdf" or a zip renamed to "form.docx" is refused before anything is stored.
"""

import re
import zipfile
import zlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from publishing.files import CHECKED_KIND

# Extension -> the type its content must have.
EXTENSIONS = {
    "pdf": "PDF",
    "doc": "DOC",
    "docx": "DOCX",
    "odt": "ODT",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
}
ALLOWED_DESCRIPTION = _("PDF, Word (DOC or DOCX), OpenDocument text (ODT), JPEG or PNG")
ACCEPT = ",".join(f".{ext}" for ext in EXTENSIONS)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# A document's description of itself is a few kilobytes; more is not a document, or a bomb.
MAX_MEMBER_BYTES = 256 * 1024
# Word and OpenDocument files hold tens of parts; a zip of 100,000 tiny entries would cost
# far more memory to list than its size suggests.
MAX_MEMBERS = 2000
CHUNK_BYTES = 64 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EOCD = b"PK\x05\x06"  # the zip's end record: it tells how many entries the zip lists


class TooLarge(Exception):
    """A zip member expands beyond MAX_MEMBER_BYTES."""


def _entry_count(file):
    """The number of entries the zip's end record declares (None when it has none)."""
    file.seek(0, 2)
    size = file.tell()
    tail_start = max(0, size - (22 + 0xFFFF))  # the record, then a comment of up to 64 KB
    file.seek(tail_start)
    tail = file.read()
    at = tail.rfind(EOCD)
    if at < 0 or len(tail) < at + 22:
        return None
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def _read_member(package, name, limit=MAX_MEMBER_BYTES):
    """The member's bytes, decompressed in bounded chunks: its declared size is not trusted.

    ``ZipExtFile.read()`` with no size decompresses up to 2 GB in one call, whatever the
    member says it holds; here reading stops as soon as the limit is passed.
    """
    parts, total = [], 0
    with package.open(name) as member:
        while chunk := member.read(CHUNK_BYTES):
            total += len(chunk)
            if total > limit:
                raise TooLarge(name)
            parts.append(chunk)
    return b"".join(parts)


def _zip_kind(file):
    """DOCX or ODT by the package's own description of itself; None for any other zip."""
    try:
        count = _entry_count(file)
        if count is None or count > MAX_MEMBERS:
            return None
        file.seek(0)
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                mimetype = _read_member(package, "mimetype", limit=len(ODT_MIMETYPE) + 2)
                if mimetype.strip() == ODT_MIMETYPE:
                    return "ODT"
            if "[Content_Types].xml" in names:
                types = _read_member(package, "[Content_Types].xml").decode("utf-8", "replace")
                if DOCX_MAIN in types:
                    return "DOCX"
    except (TooLarge, zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    except (EOFError, NotImplementedError, zlib.error):  # truncated or odd compression
        return None
    return None


def sniff(file):
    """The type the file's content shows, or None when it is none of the allowed ones."""
    file.seek(0)
    head = file.read(16)
    try:
        if head.startswith(b"%PDF-"):
            return "PDF"
        if head.startswith(OLE2):
            return "DOC"
        if head.startswith(b"\xff\xd8\xff"):
            return "JPEG"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "PNG"
        if head.startswith(ZIP):
            return _zip_kind(file)
        return None
    finally:
        file.seek(0)


def extension_of(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def attachment_kind(value):
    """Check an uploaded file and return its type ("PDF", "DOCX", ...) or raise ValidationError."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            _("This file is %(size)s; attachments may be at most %(limit)s. Make it smaller."),
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    ext = extension_of(value.name)
    expected = EXTENSIONS.get(ext)
    if expected is None:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed types: %(allowed)s."),
            code="file_type",
            params={"allowed": ALLOWED_DESCRIPTION},
        )
    actual = sniff(value.file if hasattr(value, "file") else value)
    if actual != expected:
        raise ValidationError(
            _(
                "The name of this file ends in .%(ext)s, but its content is not %(expected)s. "
                "Save it again as one of: %(allowed)s."
            ),
            code="file_content",
            params={"ext": ext, "expected": expected, "allowed": ALLOWED_DESCRIPTION},
        )
    return actual


def validate_attachment(value):
    # Files already stored were checked when they came in; a later, lower limit must not
    # stop an editor from correcting a notice's title.
    if getattr(value, "_committed", False):
        return
    # Remembered on the file, so saving it does not read a large upload a second time.
    setattr(value, CHECKED_KIND, attachment_kind(value))


MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def validate_plain_text(value):
    if MARKUP.search(value or ""):
        raise ValidationError(
            _("The teaser is plain text: remove the HTML tags (the “<” signs)."),
            code="markup",
        )
