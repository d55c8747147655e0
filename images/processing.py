"""The stored original and its renditions: pixels only, none of the photo's secrets.

A phone's JPEG carries where it was taken (EXIF GPS), the camera's serial number, XMP and
IPTC; a PNG may carry text chunks. Nothing of that is copied: the orientation EXIF asks for
is applied to the pixels, colours are converted to sRGB from an embedded ICC profile (a
profile holds the device's maker and model strings, so it is dropped once used), and a new
image made of the pixels alone is encoded with no metadata given to the encoder.
"""

import io

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

WIDTHS = (480, 960, 1600)
QUALITY = {"JPEG": 82, "WEBP": 80}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
SRGB = ImageCms.createProfile("sRGB")


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def pixels_only(image):
    """A new RGB or RGBA image of what a viewer sees: upright, sRGB, with no metadata at all."""
    image = ImageOps.exif_transpose(image)
    mode = "RGBA" if has_alpha(image) else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels are shown as they are, as browsers would
    converted = image.convert(mode)
    clean = PILImage.new(mode, converted.size)
    clean.paste(converted)
    return clean


def encode(image, image_format):
    """The image's bytes in ``image_format``, with no EXIF, XMP, ICC or text given to Pillow."""
    out = io.BytesIO()
    if image_format == "JPEG" and image.mode == "RGBA":
        image = image.convert("RGB")
    options = {"optimize": True}
    if image_format in QUALITY:
        options["quality"] = QUALITY[image_format]
    if image_format == "JPEG":
        options["progressive"] = True
    image.save(out, format=image_format, **options)
    return out.getvalue()


def fallback_format(original_format, image):
    """What browsers without WebP get: the original's format, PNG for GIF (a still GIF is
    larger and poorer), and for a WebP original JPEG, or PNG where it is transparent."""
    if original_format in ("JPEG", "PNG"):
        return original_format
    if original_format == "GIF":
        return "PNG"
    return "PNG" if image.mode == "RGBA" else "JPEG"


def parse_ratio(ratio):
    """ "16:9" -> 16/9; "" -> None. A malformed ratio is a programming error."""
    if not ratio:
        return None
    width, height = (float(n) for n in ratio.split(":"))
    return width / height


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of ``ratio`` (width/height) in the image, centred on the focal point
    as far as the edges allow."""
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def rendition_widths(width):
    """The widths to make for an image this wide: never wider than the image itself."""
    widths = [w for w in WIDTHS if w < width]
    widths.append(min(width, WIDTHS[-1]))
    return sorted(set(widths))


def renditions(clean, original_format, ratio, focal_x, focal_y):
    """Yields (width, height, format, bytes) for every rendition of a clean image."""
    source = clean
    wanted = parse_ratio(ratio)
    if wanted is not None:
        source = clean.crop(crop_box(*clean.size, wanted, focal_x, focal_y))
    formats = ["WEBP", fallback_format(original_format, clean)]
    for width in rendition_widths(source.width):
        height = max(1, round(source.height * width / source.width))
        resized = source.resize((width, height), PILImage.Resampling.LANCZOS)
        for image_format in dict.fromkeys(formats):
            yield width, height, image_format, encode(resized, image_format)
