"""Image files made for tests: a phone photo full of secrets, and files that must be refused."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

SERIAL = "SN-4471-SECRET-CAM"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
    b' photoshop:City="Baku-secret-city"/></rdf:RDF></x:xmpmeta>'
)
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
BODY_SERIAL = 0xA431


def phone_jpeg(width=300, height=200, orientation=6):
    """A JPEG as a phone writes it: stored on its side (EXIF orientation 6: turn it 90°
    clockwise to view), with GPS position, camera make, model and serial, and XMP."""
    image = PILImage.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 2, height))  # left half blue
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "SecretPhoneMaker"
    exif[0x0110] = "SecretPhone 12"
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = SERIAL
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (40.0, 22.0, 30.0), 3: "E", 4: (49.0, 52.0, 0.0)}  # Baku
    )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=XMP, quality=90)
    return out.getvalue()


def png_bytes(width=640, height=480, text=None, mode="RGB"):
    image = PILImage.new(mode, (width, height), (10, 120, 60) if mode == "RGB" else None)
    out = io.BytesIO()
    options = {}
    if text:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        for key, value in text.items():
            info.add_text(key, value)
            info.add_itxt(key + "-i", value)
        options["pnginfo"] = info
    image.save(out, "PNG", **options)
    return out.getvalue()


def png_header_only(width, height):
    """A PNG that declares ``width`` × ``height`` and holds almost no data: only a reader
    of its header sees its size; decoding it would fail (and would need gigabytes)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def animated_gif():
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    frames = [PILImage.new("RGB", (40, 40), colour) for colour in colours]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def still_gif():
    out = io.BytesIO()
    PILImage.new("P", (40, 40), 1).save(out, "GIF")
    return out.getvalue()


def webp_bytes(width=800, height=600):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (90, 90, 20)).save(out, "WEBP")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
