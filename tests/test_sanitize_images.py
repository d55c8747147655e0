"""Images in rich text: kept only showing the site's own library with alt text; anything
else an editor or a paste brings (another host, data: or script addresses, no alt) goes."""

import pytest

from publishing.sanitize import clean_html

from .factories import make_image, make_notice
from .html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return make_image(alt_text="The ambassador at the ministry.")


def test_a_library_image_with_alt_text_stays_with_its_size_and_id(photo):
    rendition = photo.renditions.first()
    html = (
        f'<p><img src="{rendition.url}" alt="The ambassador." width="{rendition.width}" '
        f'height="{rendition.height}" data-image-id="{photo.pk}" class="x"></p>'
    )
    out = clean_html(html)
    assert out == (
        f'<p><img src="{rendition.url}" alt="The ambassador." width="{rendition.width}" '
        f'height="{rendition.height}" data-image-id="{photo.pk}"></p>'
    )
    assert clean_html(f'<p><img src="{photo.get_absolute_url()}" alt="A&gt;b &quot;q&quot;">')


@pytest.mark.parametrize(
    "src",
    [
        "https://elsewhere.example/images/{name}",
        "//elsewhere.example/images/{name}",
        "/media/attachments/{name}",
        "/images/../media/{name}",
        "/images/{name}?x=1",
        "/images/not-in-the-library.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        " /images/{name}",
        "",
    ],
)
def test_an_image_from_anywhere_else_is_removed(photo, src):
    name = photo.file.name.removeprefix("images/")
    out = clean_html(f'<p>Before <img src="{src.format(name=name)}" alt="A photo."> after</p>')
    assert out == "<p>Before  after</p>"


def test_an_image_without_alt_text_is_removed_unless_it_is_decorative(photo):
    src = photo.renditions.first().url
    assert clean_html(f'<p><img src="{src}"></p>') == "<p></p>"
    assert clean_html(f'<p><img src="{src}" alt=" "></p>') == "<p></p>"
    decorative = make_image(alt_text="", decorative=True)
    kept = clean_html(f'<p><img src="{decorative.get_absolute_url()}" alt=""></p>')
    assert 'alt=""' in kept


def test_odd_sizes_and_ids_are_dropped_but_the_image_stays(photo):
    src = photo.renditions.first().url
    out = clean_html(f'<p><img src="{src}" alt="A." width="100%" height="-1" data-image-id="x">')
    assert out == f'<p><img src="{src}" alt="A."></p>'


def test_a_notice_body_shows_the_image_to_visitors(client, photo):
    src = photo.renditions.first().url
    notice = make_notice(body=f'<p><img src="{src}" alt="The ambassador."></p>')
    imgs = parse(client.get(notice.get_absolute_url())).cssselect(".notice-body img")
    assert [(img.get("src"), img.get("alt")) for img in imgs] == [(src, "The ambassador.")]


def test_the_library_gives_the_markup_a_rich_text_keeps(admin_client, photo):
    page = parse(admin_client.get(f"/admin/images/image/{photo.pk}/change/"))
    markup = page.cssselect(".field-rich_text_html textarea")[0].text_content()
    assert f'data-image-id="{photo.pk}"' in markup and 'alt="The ambassador' in markup
    assert clean_html(f"<p>{markup}</p>") == f"<p>{markup}</p>"
