"""Image files, shown inline: originals and renditions under their random names.

Visitors get an image's files once a page at a public address uses it or staff marked it
public (images/visibility.py), else a 404, so a draft's picture is not seen before the
draft; staff get them always, for previews, marked private so no shared cache keeps them.
The names are random and never reused, so a year's cache is safe. Only a name an image or
rendition row holds is served, with the type its content was checked to be and
``nosniff``, so nothing else in MEDIA_ROOT is reachable here. With ``MEDIA_ACCEL_PREFIX``
the front server sends the bytes (X-Accel-Redirect).
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .models import FOLDER, RENDITIONS, Image, Rendition
from .visibility import shown_to_visitors

YEAR = 365 * 24 * 3600


def stored(name):
    """(the row, image or rendition, whose file is ``name``, its image), or None: one query."""
    if name.startswith(f"{RENDITIONS}/"):
        row = Rendition.objects.filter(file=name).select_related("image").first()
        return row and (row, row.image)
    row = Image.objects.filter(file=name).first()
    return row and (row, row)


@require_safe
def image_file(request, name):
    if "\x00" in name or ".." in name.split("/"):
        raise Http404
    path = f"{FOLDER}/{name}"
    found = stored(path)
    if found is None:
        raise Http404
    row, image = found
    staff = request.user.is_authenticated and request.user.is_staff
    for_all = shown_to_visitors(image)
    if not (for_all or staff):
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
    if for_all:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
