"""Which stored image files are in use, for ``prune_media``: every image's original and its
renditions. An image row stays while anything refers to it (deleting one that a page or a
revision uses is refused: see ``images.usage``), so its files are needed while it exists."""

from .models import FOLDER, Image, Rendition


def files_in_use():
    names = set(Image.objects.values_list("file", flat=True))
    names.update(Rendition.objects.values_list("file", flat=True))
    names.discard("")
    return names


def folders():
    """The storage folders ``prune_media`` sweeps for image files nobody needs."""
    return [FOLDER]
