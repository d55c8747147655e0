"""``{% picture %}``: what a browser is given to choose a rendition and keep the layout still,
valid by the Nu HTML Checker; and the files it names, served inline to anyone."""

import json
import shutil
import subprocess
from http import HTTPStatus

import pytest
from django.template import Context, Template

from images.models import Image

from .factories import make_image
from .html import parse
from .image_files import phone_jpeg, png_bytes
from .test_html_valid import VNU, unavailable

pytestmark = pytest.mark.django_db

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Images</title>
</head><body><main>{}</main></body></html>"""


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def picture_of(html):
    return parse_fragment(html).cssselect("picture")[0]


def parse_fragment(html):
    class Response:
        content = PAGE.format(html).encode()

    return parse(Response)


def srcset_widths(srcset):
    return [int(part.split()[1].removesuffix("w")) for part in srcset.split(", ")]


def test_a_picture_offers_webp_then_the_original_format_with_sizes_and_dimensions():
    image = make_image(png_bytes(2000, 1000))
    html = render('{% picture image sizes="(min-width: 60em) 50vw, 100vw" %}', image=image)
    picture = picture_of(html)
    source = picture.cssselect("source")[0]
    img = picture.cssselect("img")[0]
    assert source.get("type") == "image/webp"
    assert srcset_widths(source.get("srcset")) == [480, 960, 1600]
    assert all(".webp " in part for part in source.get("srcset").split(", "))
    assert srcset_widths(img.get("srcset")) == [480, 960, 1600]
    assert all(".png " in part for part in img.get("srcset").split(", "))
    assert img.get("sizes") == source.get("sizes") == "(min-width: 60em) 50vw, 100vw"
    assert (img.get("width"), img.get("height")) == ("1600", "800")
    assert img.get("alt") == image.alt_text and img.get("title") == image.title
    assert img.get("loading") == "lazy" and img.get("decoding") == "async"


def test_a_lead_image_loads_eagerly_and_a_decorative_one_has_empty_alt_and_no_title():
    image = make_image(alt_text="", decorative=True)
    img = picture_of(render("{% picture image eager=True %}", image=image)).cssselect("img")[0]
    assert img.get("alt") == "" and img.get("title") is None
    assert img.get("loading") == "eager" and img.get("fetchpriority") == "high"


def test_a_crop_keeps_the_focal_point(settings):
    settings.IMAGE_CROP_RATIOS = ["1:1"]
    # Blue on the left half, red on the right; the focal point is on the right edge.
    image = make_image(phone_jpeg(400, 200, orientation=1), focal_x=1.0, focal_y=0.5)
    html = render('{% picture image ratio="1:1" %}', image=image)
    img = picture_of(html).cssselect("img")[0]
    assert img.get("width") == img.get("height") == "200"
    crop = image.renditions.get(ratio="1:1", format="JPEG")
    from PIL import Image as PILImage

    with PILImage.open(crop.file.path) as read:
        red, green, blue = read.convert("RGB").getpixel((10, 100))
    assert red > 150 and blue < 100  # the crop is the right half, not the centre
    image.focal_x = 0.0  # moved to the left edge: the crops are made again
    image.save()
    crop = image.renditions.get(ratio="1:1", format="JPEG")
    with PILImage.open(crop.file.path) as read:
        red, green, blue = read.convert("RGB").getpixel((10, 100))
    assert blue > 150 and red < 100


def test_a_list_of_pictures_reads_renditions_in_one_query(django_assert_num_queries):
    for n in range(3):
        make_image(title=f"Image {n}")
    with django_assert_num_queries(2):
        images = list(Image.objects.prefetch_related("renditions"))
        html = render("{% for i in images %}{% picture i %}{% endfor %}", images=images)
    assert html.count("<picture>") == 3


def test_renditions_are_served_inline_with_their_type_and_a_long_cache(client):
    image = make_image(phone_jpeg(1000, 500, orientation=1), public=True)
    for row in [image, *image.renditions.all()]:
        response = client.get(row.get_absolute_url() if row is image else row.url)
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == {"JPEG": "image/jpeg", "WEBP": "image/webp"}[row.format]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == "inline"
        assert "immutable" in response["Cache-Control"] and "public" in response["Cache-Control"]
        assert not response.cookies
        assert b"".join(response.streaming_content)[:3] in (b"\xff\xd8\xff", b"RIF")


def test_only_files_of_images_are_served(client, settings):
    stray = settings.MEDIA_ROOT / "images" / "stray.jpg"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(phone_jpeg())
    attachment = settings.MEDIA_ROOT / "attachments" / "form.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4")
    for path in ["stray.jpg", "../attachments/form.pdf", "renditions/none.webp", "a%00b.jpg"]:
        assert client.get(f"/images/{path}").status_code == HTTPStatus.NOT_FOUND, path
    assert client.post("/images/stray.jpg").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_with_an_accel_prefix_the_front_server_sends_the_file(client, settings):
    settings.MEDIA_ACCEL_PREFIX = "/_media/"
    image = make_image(public=True)
    response = client.get(image.get_absolute_url())
    assert response["X-Accel-Redirect"] == "/_media/" + image.file.name
    assert response["Content-Type"] == "image/png"


def test_pictures_are_valid_html(tmp_path):
    java = shutil.which("java")
    if not java:
        unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        unavailable(f"{VNU} is missing (run `npm ci`)")
    image = make_image(png_bytes(2000, 1000))
    decorative = make_image(png_bytes(300, 200), alt_text="", decorative=True)
    html = render(
        '{% picture image sizes="(min-width: 60em) 50vw, 100vw" %}'
        "{% picture decorative eager=True %}"
        '{% picture image ratio="16:9" class_="lead" %}',
        image=image,
        decorative=decorative,
    )
    page = tmp_path / "pictures.html"
    page.write_text(PAGE.format(html))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    assert errors == [], errors
    assert Image.objects.count() == 2
