"""An image uploaded through the admin is stored with none of the photo's secrets, upright,
with its renditions; bad files are refused with a message next to the field."""

import io
from http import HTTPStatus

import pytest
from PIL import Image as PILImage

from images.models import Image, Rendition
from publishing.roles import PUBLISHERS

from .factories import make_staff
from .html import parse, text_of
from .image_files import (
    BODY_SERIAL,
    EXIF_IFD,
    GPS_IFD,
    HTML,
    SERIAL,
    SVG,
    animated_gif,
    phone_jpeg,
    png_bytes,
    png_header_only,
    still_gif,
    upload,
    webp_bytes,
)

pytestmark = pytest.mark.django_db

ADD = "/admin/images/image/add/"


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("pub", PUBLISHERS))
    return client


def post(client, data, name="photo.jpg", **fields):
    fields.setdefault("title", "Official visit")
    fields.setdefault("alt_text", "The ambassador greets the minister.")
    fields.setdefault("focal_x", "0.5")
    fields.setdefault("focal_y", "0.5")
    return client.post(ADD, {"file": upload(data, name=name), **fields})


def stored_files(image):
    return [image.file, *(r.file for r in image.renditions.all())]


def test_a_phone_photo_is_stored_without_gps_serial_or_xmp_and_upright(publisher):
    response = post(publisher, phone_jpeg(width=300, height=200))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.uploaded_by.username == "pub"
    # Stored on its side, turned upright: 300 × 200 becomes 200 × 300.
    assert (image.width, image.height) == (200, 300)
    files = stored_files(image)
    assert len(files) == 3  # the original; 200 px wide: one width, WebP and JPEG, not upscaled
    for field in files:
        data = field.storage.open(field.name).read()
        with PILImage.open(io.BytesIO(data)) as read:
            exif = read.getexif()
            assert not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif
            assert BODY_SERIAL not in exif.get_ifd(EXIF_IFD)
            assert "xmp" not in read.info and "XML:com.adobe.xmp" not in read.info
            assert "exif" not in read.info and "icc_profile" not in read.info
            assert read.height > read.width  # upright
            # The left half of the sideways photo was blue: upright, it is the top.
            top = read.convert("RGB").getpixel((read.width // 2, 5))
            assert top[2] > 150 and top[0] < 100, top
        lowered = data.lower()
        for secret in (b"gps", b"exif", SERIAL.lower().encode(), b"xmp", b"secretphone"):
            assert secret not in lowered, (field.name, secret)
    assert image.file.name.startswith("images/") and "photo" not in image.file.name


def test_renditions_are_made_at_three_widths_in_webp_and_the_original_format():
    from .factories import make_image

    image = make_image(png_bytes(2000, 1000))
    made = sorted(image.renditions.values_list("format", "width", "height"))
    assert made == [
        ("PNG", 480, 240),
        ("PNG", 960, 480),
        ("PNG", 1600, 800),
        ("WEBP", 480, 240),
        ("WEBP", 960, 480),
        ("WEBP", 1600, 800),
    ]
    for rendition in image.renditions.all():
        with PILImage.open(rendition.file.path) as read:
            assert read.format == rendition.format
            assert read.size == (rendition.width, rendition.height)


def test_png_text_chunks_are_not_kept(publisher):
    data = png_bytes(600, 400, text={"Comment": "secret-note", "Author": "secret-author"})
    assert post(publisher, data, name="plan.png").status_code == HTTPStatus.FOUND
    for field in stored_files(Image.objects.get()):
        raw = field.storage.open(field.name).read()
        assert b"secret" not in raw and b"tEXt" not in raw and b"iTXt" not in raw


def field_errors(response, name="file"):
    doc = parse(response)
    return " ".join(text_of(e) for e in doc.cssselect(f".field-{name} .errorlist"))


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (png_header_only(50_000, 50_000), "huge.png", "decompression bomb"),
        (png_header_only(7_000, 7_000), "big.png", "7,000 × 7,000 pixels"),
        (phone_jpeg()[:600], "cut.jpg", "damaged or cut short"),
        (SVG, "logo.svg", "SVG images are not accepted"),
        (HTML, "photo.jpg", "HTML page, not an image"),
        (animated_gif(), "moving.gif", "Animated images are not accepted"),
        (b"%PDF-1.4 not an image", "scan.jpg", "not an image in a format we accept"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_the_problem(publisher, data, name, message):
    response = post(publisher, data, name=name)
    assert response.status_code == HTTPStatus.OK
    assert message in field_errors(response)
    assert not Image.objects.exists() and not Rendition.objects.exists()


def test_pillows_own_bomb_limit_refuses_when_ours_is_raised(publisher, settings):
    settings.IMAGE_MAX_PIXELS = 500_000_000
    response = post(publisher, png_header_only(10_000, 10_000), name="big.png")
    assert "decompression bomb" in field_errors(response)


def test_a_file_over_the_byte_limit_is_refused(publisher, settings):
    settings.IMAGE_MAX_BYTES = 1000
    response = post(publisher, png_bytes(400, 400, text={"pad": "x" * 2000}), name="a.png")
    assert "images may be 1000" in field_errors(response).replace("\xa0", " ")


def test_a_still_gif_and_a_webp_are_accepted(publisher):
    assert post(publisher, still_gif(), name="dot.gif").status_code == HTTPStatus.FOUND
    assert post(publisher, webp_bytes(), name="a.webp", title="Two").status_code == 302
    formats = dict(Image.objects.values_list("title", "format"))
    assert formats == {"Official visit": "GIF", "Two": "WEBP"}


def test_alt_text_is_required_unless_decorative(publisher):
    response = post(publisher, png_bytes(), name="a.png", alt_text="")
    assert "tick “decorative”" in field_errors(response, "alt_text")
    assert not Image.objects.exists()
    response = post(publisher, png_bytes(), name="a.png", alt_text="", decorative="on")
    assert response.status_code == HTTPStatus.FOUND


def test_an_icc_profile_is_used_for_the_colours_then_dropped(publisher):
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    PILImage.new("RGB", (500, 300), (0, 128, 255)).save(out, "JPEG", icc_profile=profile)
    assert post(publisher, out.getvalue()).status_code == HTTPStatus.FOUND
    for field in stored_files(Image.objects.get()):
        with PILImage.open(field.storage.open(field.name)) as read:
            assert "icc_profile" not in read.info
            red, green, blue = read.convert("RGB").getpixel((10, 10))
            assert red < 20 and 110 < green < 145 and blue > 235  # sRGB to sRGB: unchanged
