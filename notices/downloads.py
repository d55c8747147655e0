"""Attachment downloads: only files of live attachments, under their readable names.

Every ``/media/`` address comes here first. A file is served only while an attachment refers
to it and its notice is published, so the file of a deleted attachment stops being reachable
at once, though it stays on disk for as long as a revision names it (see ``prune_media``).
Staff may also fetch drafts' files: those of a notice that is not public, and those that
only a waiting draft of a live notice names (an attachment added or replaced in the draft
is in storage and in the draft's revision, in no row of the tables until it is published),
so the links of a draft's preview work. Visitors get neither.

The answer always says ``Content-Disposition: attachment`` with the attachment's title as
the file name, the type the upload was checked to be and ``nosniff``: a polyglot such as
``%PDF-`` followed by HTML is downloaded, never rendered as a page of the site.
With ``MEDIA_ACCEL_PREFIX`` set, the front server sends the bytes (X-Accel-Redirect to an
internal location, see deploy/nginx); without it, Django streams the file itself.
"""

from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_safe

from publishing.files import draft_row

from .models import Attachment, Notice

CONTENT_TYPES = {
    "PDF": "application/pdf",
    "DOC": "application/msword",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ODT": "application/vnd.oasis.opendocument.text",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
}
PUBLIC_MAX_AGE = 600  # a withdrawn notice's files stop being served within ten minutes


def readable_name(attachment):
    """The title as a file name, with the stored file's extension: "Visa form.pdf"."""
    suffix = PurePosixPath(attachment.file.name).suffix
    stem = get_valid_filename(attachment.title.replace("/", " ")) or "attachment"
    return stem.replace("_", " ")[:150] + suffix


@require_safe
def attachment_file(request, path):
    if "\x00" in path:  # no stored name has one, and PostgreSQL refuses it in a query
        raise Http404
    attachment = (
        Attachment.objects.filter(file=path).select_related("notice").order_by("pk").first()
    )
    public = (
        attachment is not None and Notice.objects.visible().filter(pk=attachment.notice_id).exists()
    )
    if not public:
        if not request.user.is_staff:
            raise Http404
        if attachment is None:
            # Only a waiting draft may name it; its row there gives the title and type.
            attachment = draft_row(Attachment, "file", path)
            if attachment is None:
                raise Http404
    content_type = CONTENT_TYPES.get(attachment.kind, "application/octet-stream")
    if settings.MEDIA_ACCEL_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + quote(path)
    else:
        try:
            handle = attachment.file.storage.open(path, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=readable_name(attachment)
    )
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
