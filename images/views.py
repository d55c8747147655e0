"""Image files for everyone, shown inline: originals and renditions under their random names.

Unlike attachments, images are public once uploaded (a page shows them, and a draft's
preview must too); the names are random and never reused, so a year's cache is safe. Only a
name an image or rendition row holds is served, with the type its content was checked to
be and ``nosniff``, so nothing else in MEDIA_ROOT is reachable here. With
``MEDIA_ACCEL_PREFIX`` the front server sends the bytes (X-Accel-Redirect).
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .models import FOLDER, RENDITIONS, Image, Rendition

YEAR = 365 * 24 * 3600


def stored(name):
    """The row (image or rendition) whose file is ``name``, or None: one query."""
    model = Rendition if name.startswith(f"{RENDITIONS}/") else Image
    return model.objects.filter(file=name).only("file", "format").first()


@require_safe
def image_file(request, name):
    if "\x00" in name or ".." in name.split("/"):
        raise Http404
    path = f"{FOLDER}/{name}"
    row = stored(path)
    if row is None:
        raise Http404
    if settings.MEDIA_ACCEL_PREFIX:
        response = HttpResponse(content_type=row.content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + quote(path)
    else:
        try:
            handle = row.file.storage.open(path, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=row.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response
