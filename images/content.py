"""The image library in the import/export format (docs/content-format.md, "images").

Pages name an image by its key (``lead_image: KEY``); the ``images`` list gives each
image used once: its key, its file (written next to the export) and its words. An import
checks and cleans the file as an admin upload (the model's own validator and save), keeps
the stored file of an image found by its key (a stored picture never changes: a new
picture is a new image), and takes an image whose file is already in the library for that
image, so importing a picture twice stores it once.
"""

import hashlib
from pathlib import PurePosixPath

from PIL import Image as PILImage

from publishing.registry import Content

from . import processing
from .models import Image


def _sha256(opened):
    digest = hashlib.sha256()
    opened.seek(0)
    for chunk in iter(lambda: opened.read(1 << 20), b""):
        digest.update(chunk)
    opened.seek(0)
    return digest.hexdigest()


class Library:
    """What the content format asks of the image library (``registry.Content.library``)."""

    def file_path(self, folder, image):
        """Where an image's file is written: by its key, so a re-export names it the same."""
        suffix = PurePosixPath(image.file.name).suffix.lower()
        return str(PurePosixPath(folder, "images", f"{image.key}{suffix}"))

    def used(self, queryset, pks):
        return queryset.filter(pk__in=pks)

    def same_content(self, opened):
        """The stored image this file is, or None: an export of it (the same bytes as its
        stored original), or the same upload again (cleaned, the same bytes). Only images
        of the same size are read, so an import reads few stored files."""
        with PILImage.open(opened) as source:
            image_format = source.format
            clean = processing.pixels_only(source)
        opened.seek(0)
        wanted = {
            _sha256(opened),
            hashlib.sha256(processing.encode(clean, image_format)).hexdigest(),
        }
        candidates = Image.objects.filter(width=clean.width, height=clean.height)
        for image in candidates.order_by("pk"):
            try:
                with image.file.open("rb") as stored:
                    if _sha256(stored) in wanted:
                        return image
            except OSError:
                continue  # a stored file gone missing is no match
        return None


IMAGE = Content(key="key", sort=("key",), file_key="file", library=Library())
