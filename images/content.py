"""The image library in the import/export format (docs/content-format.md, "images").

Pages name an image by its key (``lead_image: KEY``); the ``images`` list gives each
image used once: its key, its file (written next to the export) and its words. An import
checks and cleans the file as an admin upload (the model's own validator and save), keeps
the stored file of an image found by its key (a stored picture never changes: a new
picture is a new image), and takes an image whose file is already in the library for that
image, so importing a picture twice stores it once.
"""

import hashlib
import re
from pathlib import PurePosixPath

from PIL import Image as PILImage

from publishing.registry import Content

from . import processing
from .models import FOLDER, Image, Rendition, file_url

# Stored rich text is sanitised: every attribute in double quotes (publishing/sanitize.py).
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="(/images/[^"]+)"')
_IMAGE_ID = re.compile(r'\sdata-image-id="[^"]*"')


def _sha256(opened):
    digest = hashlib.sha256()
    opened.seek(0)
    for chunk in iter(lambda: opened.read(1 << 20), b""):
        digest.update(chunk)
    opened.seek(0)
    return digest.hexdigest()


def variant(rendition):
    """How a reference names a rendition: "960w.jpg", "16x9-480w.webp"."""
    ratio = f"{rendition.ratio.replace(':', 'x')}-" if rendition.ratio else ""
    return f"{ratio}{rendition.width}w.{processing.EXTENSIONS[rendition.format]}"


class Library:
    """What the content format asks of the image library (``registry.Content.library``)."""

    scheme = "image"  # rich text names an image as src="image:KEY" or "image:KEY/960w.jpg"

    def file_path(self, folder, image):
        """Where an image's file is written: by its key, so a re-export names it the same."""
        suffix = PurePosixPath(image.file.name).suffix.lower()
        return str(PurePosixPath(folder, "images", f"{image.key}{suffix}"))

    def used(self, queryset, pks):
        return queryset.filter(pk__in=pks)

    def same_content(self, opened, new, seen):
        """The image this file is, or None: one stored (an export of it, the same bytes as
        its stored original; or the same upload again, the same bytes once cleaned), or
        one this import stores already (``seen``: {digest: image}, which ``new`` joins).
        Only stored images of the same size are read, so an import reads few files."""
        with PILImage.open(opened) as source:
            image_format = source.format
            clean = processing.pixels_only(source)
        opened.seek(0)
        cleaned = hashlib.sha256(processing.encode(clean, image_format)).hexdigest()
        wanted = [_sha256(opened), cleaned]
        found = next((seen[digest] for digest in wanted if digest in seen), None)
        candidates = Image.objects.filter(width=clean.width, height=clean.height)
        for image in candidates.order_by("pk") if found is None else ():
            try:
                with image.file.open("rb") as stored:
                    if _sha256(stored) in wanted:
                        found = image
                        break
            except OSError:
                continue  # a stored file gone missing is no match
        for digest in wanted:
            seen.setdefault(digest, found or new)
        return found

    def path_of(self, image, wanted):
        """The address of an image's original (``wanted`` ""), or of its rendition."""
        if not wanted:
            return file_url(image.file.name)
        found = [r for r in image.renditions.all() if variant(r) == wanted]
        return found[0].url if found else None

    def to_references(self, html, found):
        """(html, image ids): each library image in the HTML named by its key, not by its
        stored file or id, which another database does not have. ``found`` is the export's
        {stored name: (image, rendition)}, read whole at the first text that shows an image:
        two queries for an export, however many texts show images."""
        tags = [m.group(0) for m in _IMG.finditer(html or "") if _SRC.search(m.group(0))]
        if not tags:
            return html, set()
        if not found:
            found[""] = None  # read once, even for a library that turns out empty
            for image in Image.objects.only("key", "file").order_by():
                found[image.file.name] = (image, "")
            for rendition in Rendition.objects.select_related("image").only(
                "file", "ratio", "width", "format", "image__key"
            ):
                found[rendition.file.name] = (rendition.image, variant(rendition))
        shown = set()

        def rewrite(match):
            tag = match.group(0)
            src = _SRC.search(tag)
            hit = found.get(f"{FOLDER}/{src.group(1).removeprefix('/images/')}") if src else None
            if hit is None:
                return tag
            image, wanted = hit
            shown.add(image.pk)
            reference = f"{self.scheme}:{image.key}" + (f"/{wanted}" if wanted else "")
            tag = tag.replace(src.group(0), f' src="{reference}"')
            return _IMAGE_ID.sub("", tag)

        return _IMG.sub(rewrite, html), shown


IMAGE = Content(key="key", sort=("key",), file_key="file", library=Library())
