"""What a notice accepts from an editor: attachments checked by content, teasers as plain text.

An attachment's extension and its first bytes must name the same type, so a program renamed
to "form.pdf" or a zip renamed to "form.docx" is refused before anything is stored.
"""

import re
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _zip_kind(file):
    """DOCX or ODT by the package's own description of itself; None for any other zip."""
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names and package.read("mimetype").strip() == ODT_MIMETYPE:
                return "ODT"
            if "[Content_Types].xml" in names:
                types = package.read("[Content_Types].xml").decode("utf-8", "replace")
                if DOCX_MAIN in types:
                    return "DOCX"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
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
    attachment_kind(value)


MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def validate_plain_text(value):
    if MARKUP.search(value or ""):
        raise ValidationError(
            _("The teaser is plain text: remove the HTML tags (the “<” signs)."),
            code="markup",
        )
