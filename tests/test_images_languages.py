"""An image's title, alt text and credit per language: written in the admin with the page
admins' language switch, read by {% picture %} in the visitor's language (the English alt,
marked lang="en", where a translation is missing), and listed when a language lacks one."""

from http import HTTPStatus

import pytest
from django.template import Context, Template
from django.utils.translation import override

from images.models import Image

from .factories import make_image, make_staff
from .html import parse, text_of
from .image_files import png_bytes, upload

pytestmark = pytest.mark.django_db

LIST = "/admin/images/image/"


def img_of(image, language):
    with override(language):
        html = Template("{% load images %}{% picture image %}").render(Context({"image": image}))
    return parse_html(html).cssselect("img")[0]


def parse_html(html):
    class Response:
        content = f"<!DOCTYPE html><html lang='en'><body>{html}</body></html>".encode()

    return parse(Response)


def test_the_alt_text_is_the_visitors_language_or_the_english_one_marked_english():
    image = make_image(alt_text="The ambassador at the ministry.")
    Image.objects.filter(pk=image.pk).update(alt_text_ro="Ambasadorul la minister.")
    image.refresh_from_db()
    romanian = img_of(image, "ro")
    assert romanian.get("alt") == "Ambasadorul la minister." and romanian.get("lang") is None
    azerbaijani = img_of(image, "az")
    assert azerbaijani.get("alt") == "The ambassador at the ministry."
    assert azerbaijani.get("lang") == "en"
    english = img_of(image, "en")
    assert english.get("alt") == "The ambassador at the ministry." and english.get("lang") is None


def test_a_decorative_image_has_an_empty_alt_and_no_language_in_any_language():
    image = make_image(alt_text="", decorative=True)
    img = img_of(image, "az")
    assert img.get("alt") == "" and img.get("lang") is None


def test_the_admin_writes_every_language_with_one_switch_and_requires_only_english(client):
    client.force_login(make_staff("publisher", "Publishers"))
    form = parse(client.get(LIST + "add/"))
    for name in ("title", "alt_text", "credit"):
        assert form.cssselect(f"[name={name}_ro][data-language=ro]"), name
        assert form.cssselect(f"[name={name}_az][data-language=az]"), name
    assert form.cssselect("script[src$='language-switch.js']")
    data = {
        "file": upload(png_bytes(), name="a.png"),
        "title": "Visit",
        "title_ro": "Vizită",
        "alt_text": "",
        "alt_text_ro": "Ambasadorul.",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    refused = client.post(LIST + "add/", data)
    assert refused.status_code == HTTPStatus.OK  # a Romanian alt text is no English one
    assert "tick “decorative”" in text_of(parse(refused).cssselect(".field-alt_text")[0])
    data["file"] = upload(png_bytes(), name="a.png")
    data["alt_text"] = "The ambassador."
    assert client.post(LIST + "add/", data).status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert (image.alt_text_en, image.alt_text_ro, image.title_ro) == (
        "The ambassador.",
        "Ambasadorul.",
        "Vizită",
    )
    assert not image.alt_text_az


def listed(client, query):
    response = client.get(LIST + query)
    assert response.status_code == HTTPStatus.OK
    return {text_of(cell) for cell in parse(response).cssselect("#result_list .field-title")}


def test_the_list_names_the_images_lacking_alt_text_in_each_language(client):
    client.force_login(make_staff("editor", "Editors"))
    both = make_image(title="Both")
    Image.objects.filter(pk=both.pk).update(alt_text_ro="Clădirea.")
    make_image(title="English only")
    make_image(title="Decorative", alt_text="", decorative=True)
    filters = text_of(parse(client.get(LIST)).cssselect("#changelist-filter")[0])
    assert "Lacks Romanian alt text" in filters and "Lacks Azerbaijani alt text" in filters
    assert listed(client, "?alt=missing-ro") == {"English only"}
    assert listed(client, "?alt=missing-az") == {"Both", "English only"}
    assert listed(client, "?alt=missing") == set()
