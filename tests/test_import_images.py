"""Images in the import/export format: by key, file plus words, checked and cleaned as an
upload, stored once, and the same bytes after a round trip."""

import pytest
import yaml
from django.core.management.base import CommandError
from PIL import Image as PILImage

from images.models import Image, Rendition
from notices.models import Notice
from relations.models import Relation

from .content_helpers import (
    database_state,
    delete_all_content,
    export_content,
    import_content,
    write,
)
from .factories import make_image, make_notice
from .html import parse
from .image_files import SVG, phone_jpeg, png_bytes

pytestmark = pytest.mark.django_db

CONTENT = """\
images:
  - key: ambassador-visit
    file: photos/visit.jpg
    title: The ambassador's visit
    alt_text: The ambassador shakes hands with the minister.
    credit: "Photo: the embassy"
    focal_x: 0.25
    translations:
      ro: {alt_text: Ambasadorul dă mâna cu ministrul., title: Vizita ambasadorului}
      az: {alt_text: Səfir nazirlə əl sıxır.}
categories:
  - {slug: visits, name: Visits}
notices:
  - slug: the-visit
    title: The visit
    category: visits
    summary: The ambassador visited the ministry.
    body: <p>At the ministry.</p><p><img src="image:ambassador-visit/200w.jpg" alt="The ambassador
      at the door." width="200" height="300"></p>
    lead_image: ambassador-visit
    status: published
    publish_at: 2024-02-01T09:00:00+04:00
    translations:
      ro: {body: '<p><img src="image:ambassador-visit" alt="Ambasadorul la ușă."></p>'}
relations:
  - slug: nato
    title: NATO
    lead_image: ambassador-visit
    status: published
    publish_at: 2024-02-01T09:00:00+04:00
"""


@pytest.fixture
def source(tmp_path):
    write(tmp_path / "source", "photos/visit.jpg", phone_jpeg())
    return write(tmp_path / "source", "site.yaml", CONTENT)


def test_an_imported_image_is_stored_clean_with_renditions_and_shown_with_its_alt(client, source):
    report = import_content(source)
    assert "Images: 1 created, 0 updated, 0 unchanged" in report
    image = Image.objects.get()
    assert image.key == "ambassador-visit" and image.credit == "Photo: the embassy"
    assert (image.width, image.height, image.focal_x) == (200, 300, 0.25)  # turned upright
    assert image.alt_text_ro == "Ambasadorul dă mâna cu ministrul."
    assert image.renditions.exists()
    for name in [image.file.name, *Rendition.objects.values_list("file", flat=True)]:
        with image.file.storage.open(name) as stored, PILImage.open(stored) as opened:
            assert not opened.getexif() and "xmp" not in opened.info  # no GPS, no camera
    with image.file.open("rb") as stored:
        assert b"SECRET" not in stored.read() and b"Baku" not in stored.read()
    for page in (Notice.objects.get(), Relation.objects.get()):
        assert page.lead_image == image
        img = parse(client.get(page.get_absolute_url())).cssselect("figure.lead-image img")[0]
        assert img.get("alt") == "The ambassador shakes hands with the minister."
        assert "480w" not in img.get("srcset") and "200w" in img.get("srcset")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_into_an_empty_database_export_gives_the_same_bytes(tmp_path, source, fmt):
    import_content(source, verbosity=0)
    first = tmp_path / "one" / f"site.{fmt}"
    first.parent.mkdir()
    export_content(output=str(first))
    delete_all_content()
    Image.objects.all().delete()

    import_content(first, verbosity=0)
    second = tmp_path / "two" / f"site.{fmt}"
    second.parent.mkdir()
    export_content(output=str(second))
    assert second.read_bytes() == first.read_bytes()
    data = yaml.safe_load(first.read_text())
    assert list(data) == [
        "images", "relations", "categories", "notices", "pages", "menus", "contact"
    ]  # fmt: skip
    assert data["images"] == [
        {
            "key": "ambassador-visit",
            "file": "site-files/images/ambassador-visit.jpg",
            "title": "The ambassador's visit",
            "alt_text": "The ambassador shakes hands with the minister.",
            "decorative": False,
            "credit": "Photo: the embassy",
            "public": False,
            "focal_x": 0.25,
            "focal_y": 0.5,
            "translations": {
                "ro": {
                    "title": "Vizita ambasadorului",
                    "alt_text": "Ambasadorul dă mâna cu ministrul.",
                },
                "az": {"alt_text": "Səfir nazirlə əl sıxır."},
            },
        }
    ]
    assert data["notices"][0]["lead_image"] == "ambassador-visit"
    assert 'src="image:ambassador-visit/200w.jpg"' in data["notices"][0]["body"]
    written = sorted(p.name for p in (first.parent / "site-files" / "images").iterdir())
    assert written == ["ambassador-visit.jpg"]  # one file, though two pages show it


def test_an_export_imports_back_unchanged_and_stores_nothing_twice(tmp_path, source):
    import_content(source, verbosity=0)
    output = tmp_path / "site.yaml"
    export_content(output=str(output))
    before = (database_state(), list(Image.objects.values()))
    report = import_content(output)
    assert "Images: 0 created, 0 updated, 1 unchanged" in report
    assert (database_state(), list(Image.objects.values())) == before


def test_an_image_already_in_the_library_is_used_not_stored_again(tmp_path):
    stored = make_image(png_bytes(640, 480), title="In the library")
    write(tmp_path, "photos/visit.jpg", png_bytes(640, 480))  # the same picture, uploaded again
    text = CONTENT.replace("image:ambassador-visit/200w.jpg", "image:ambassador-visit/480w.png")
    import_content(write(tmp_path, "site.yaml", text), verbosity=0)
    assert list(Image.objects.all()) == [stored]
    assert stored.renditions.get(width=480, format="PNG").url in Notice.objects.get().body
    assert Notice.objects.get().lead_image == stored
    assert Image.objects.get().title == "In the library"  # the library's words stay


def test_an_image_is_found_by_its_key_and_its_words_change_but_never_its_file(tmp_path, source):
    import_content(source, verbosity=0)
    image = Image.objects.get()
    write(tmp_path / "source", "photos/visit.jpg", png_bytes(50, 50))  # another picture
    changed = CONTENT.replace('credit: "Photo: the embassy"', "credit: Photo by M. Pop")
    report = import_content(write(tmp_path / "source", "site.yaml", changed))
    assert "Images: 0 created, 1 updated, 0 unchanged" in report
    after = Image.objects.get()
    assert (after.file.name, after.credit) == (image.file.name, "Photo by M. Pop")


@pytest.mark.parametrize(
    "data, message",
    [
        (SVG, "SVG images are not accepted"),
        (b"\xff\xd8\xff\xe0 cut short", "The image is damaged or cut short"),
    ],
)
def test_a_bad_image_is_refused_naming_the_file_the_object_and_the_field(tmp_path, data, message):
    write(tmp_path, "photos/visit.jpg", data)
    path = write(tmp_path, "site.yaml", CONTENT)
    with pytest.raises(CommandError) as error:
        import_content(path)
    text = str(error.value)
    assert "1 problem to fix first" in text
    assert "images[0] (ambassador-visit): file: the file photos/visit.jpg: " + message in text
    assert Image.objects.count() == Notice.objects.count() == Relation.objects.count() == 0


def test_an_image_over_the_pixel_limit_is_refused_and_nothing_is_written(tmp_path, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    write(tmp_path, "photos/visit.jpg", png_bytes(200, 200))
    with pytest.raises(CommandError, match="file: the file photos/visit.jpg: The image is 200"):
        import_content(write(tmp_path, "site.yaml", CONTENT))
    assert Image.objects.count() == Notice.objects.count() == 0


def test_a_missing_image_file_and_an_unknown_key_are_named(tmp_path):
    text = CONTENT.replace(
        "lead_image: ambassador-visit\n    status", "lead_image: nobody\n    status", 1
    )
    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, "site.yaml", text))
    text = str(error.value)
    assert "images[0] (ambassador-visit): file: there is no file “photos/visit.jpg”" in text
    assert "notices[0] (the-visit): lead_image: there is no image “nobody”" in text
    assert Image.objects.count() == 0


def test_no_lead_image_is_written_as_null_and_imports_as_none(tmp_path, source):
    import_content(source, verbosity=0)
    notice_only = ("lead_image: ambassador-visit\n    status", "lead_image: null\n    status", 1)
    text = CONTENT.replace(*notice_only)
    import_content(write(tmp_path / "source", "site.yaml", text), verbosity=0)
    assert Notice.objects.get().lead_image is None
    export_content(output=str(tmp_path / "site.yaml"))
    data = yaml.safe_load((tmp_path / "site.yaml").read_text())
    assert data["notices"][0]["lead_image"] is None
    assert [i["key"] for i in data["images"]] == ["ambassador-visit"]  # the relation's


def test_a_library_image_no_content_uses_is_not_exported():
    make_image(title="Unused")
    assert yaml.safe_load(export_content())["images"] == []


def test_rich_text_shows_the_imported_image_and_exports_it_by_key(client, tmp_path, source):
    import_content(source, verbosity=0)
    image, notice = Image.objects.get(), Notice.objects.get()
    jpeg = image.renditions.get(format="JPEG", width=200)
    img = parse(client.get(notice.get_absolute_url())).cssselect(".notice-body img, main p img")
    assert [(i.get("src"), i.get("alt")) for i in img][:1] == [
        (jpeg.url, "The ambassador at the door.")
    ]
    assert f'src="{image.get_absolute_url()}"' in notice.body_ro
    data = yaml.safe_load(export_content(output=str(tmp_path / "site.yaml")) or "")
    data = yaml.safe_load((tmp_path / "site.yaml").read_text())
    assert 'src="image:ambassador-visit/200w.jpg"' in data["notices"][0]["body"]
    assert 'src="image:ambassador-visit"' in data["notices"][0]["translations"]["ro"]["body"]


def test_an_image_a_text_shows_is_exported_by_key_without_its_database_id(tmp_path):
    image = make_image(png_bytes(640, 480), title="Only in the text")
    rendition = image.renditions.get(format="WEBP", width=480)
    html = (
        f'<p><img src="{rendition.url}" alt="A building." width="480" height="360" '
        f'data-image-id="{image.pk}"></p>'
    )
    make_notice(body=html)
    export_content(output=str(tmp_path / "site.yaml"))
    data = yaml.safe_load((tmp_path / "site.yaml").read_text())
    assert data["notices"][0]["body"] == (
        f'<p><img src="image:{image.key}/480w.webp" alt="A building." width="480" height="360"></p>'
    )
    assert [entry["key"] for entry in data["images"]] == [image.key]


def test_rich_text_naming_an_image_nobody_has_is_refused(tmp_path, source):
    text = source.read_text().replace("image:ambassador-visit/200w.jpg", "image:nobody")
    text = text.replace('image:ambassador-visit"', 'image:ambassador-visit/9999w.jpg"')
    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path / "source", "site.yaml", text))
    message = str(error.value)
    assert (
        "notices[0] (the-visit): body: there is no image “nobody”; add it under images" in message
    )
    assert "9999w.jpg" not in message  # a new image: its original, if it has no such size
    assert Image.objects.count() == Notice.objects.count() == 0


def test_two_files_of_one_picture_are_stored_once(tmp_path, source):
    write(tmp_path / "source", "photos/again.jpg", phone_jpeg())
    second = """\
  - key: visit-again
    file: photos/again.jpg
    title: The visit, again
    alt_text: The same picture.
categories:"""
    text = source.read_text().replace("categories:", second, 1)
    text = text.replace('image:ambassador-visit"', 'image:visit-again"')
    report = import_content(write(tmp_path / "source", "site.yaml", text))
    assert "Images: 1 created, 0 updated, 1 unchanged" in report
    image = Image.objects.get()
    assert image.get_absolute_url() in Notice.objects.get().body_ro


def test_export_reads_images_in_a_fixed_number_of_queries(
    tmp_path, source, django_assert_num_queries
):
    import_content(source, verbosity=0)
    for _ in range(3):
        make_notice(body=Notice.objects.get(slug="the-visit").body, lead_image=Image.objects.get())
    # Relations and their four lists (no frameworks: no cycles), categories, notices, their
    # attachments; the library's images and renditions, read once for the texts that show
    # them; the images list; pages (none here).
    with django_assert_num_queries(15):  # and the menus, their items, the contact record
        export_content(output=str(tmp_path / "site.yaml"))


def test_rich_text_naming_a_size_a_stored_image_lacks_is_refused(tmp_path):
    make_image(png_bytes(640, 480), key="ambassador-visit")
    write(tmp_path, "photos/visit.jpg", png_bytes(640, 480))
    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, "site.yaml", CONTENT))
    assert (
        "notices[0] (the-visit): body: the image “ambassador-visit” has no rendition 200w.jpg; "
        "write image:ambassador-visit for the original"
    ) in str(error.value)
    assert Notice.objects.count() == 0
