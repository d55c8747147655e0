"""What an image upload must be, found from its content, never from its name.

The header is read first (Pillow's ``open`` reads no pixels), so a 50,000 × 50,000 PNG is
refused for its size before a byte of it is decoded; only a file that passes is decoded
whole, which is how a truncated file shows itself. Pillow's decompression-bomb warning is
turned into an error here, so its own limit refuses too, whatever our setting says.
"""

import struct
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
DEFAULT_MAX_PIXELS = 40_000_000  # a 40-megapixel camera's photo; far beyond any page's need
SNIFF_BYTES = 512


def max_pixels():
    return getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def max_bytes():
    return settings.IMAGE_MAX_BYTES


def _not_an_image(head):
    """A message for well-known files that are not images Pillow reads, by their first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return _("SVG images are not accepted: they can carry scripts. Export it as PNG or JPEG.")
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return _("This file is an HTML page, not an image, whatever its name says.")
    return _("This file is not an image in a format we accept: JPEG, PNG, WebP or GIF.")


def check_image(upload):
    """Refuses what must not be stored, with a message naming the problem; returns the format."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; images may be %(limit)s at most."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(upload, formats=FORMATS) as image:
                _check_header(image)
                image.load()
                return image.format
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(
                _(
                    "The image has far too many pixels (a possible decompression bomb); "
                    "the limit is %(limit)s megapixels."
                ),
                code="bomb",
                params={"limit": max_pixels() // 1_000_000},
            ) from None
        except UnidentifiedImageError:
            raise ValidationError(_not_an_image(head), code="not_an_image") from None
        except (OSError, EOFError, SyntaxError, ValueError, struct.error) as error:
            raise ValidationError(
                _("The image is damaged or cut short (%(error)s). Upload it again."),
                code="truncated",
                params={"error": error},
            ) from None
        finally:
            upload.seek(0)


def _check_header(image):
    width, height = image.size
    if width * height > max_pixels():
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels (%(mp)s megapixels); the limit is "
                "%(limit)s megapixels. Make it smaller before uploading."
            ),
            code="too_many_pixels",
            params={
                "width": f"{width:,}",
                "height": f"{height:,}",
                "mp": f"{width * height / 1_000_000:,.0f}",
                "limit": max_pixels() // 1_000_000,
            },
        )
    if getattr(image, "is_animated", False):
        raise ValidationError(
            _("Animated images are not accepted; upload a still image (one frame)."),
            code="animated",
        )
