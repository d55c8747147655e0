"""The image library in the admin: thumbnails, images lacking alt text, where each image is
used (tables, revisions, rich text), and who may add, change and delete."""

from http import HTTPStatus

import pytest
from django.utils import timezone

from images.models import Image
from images.usage import uses
from publishing import revisions
from publishing.models import Revision, Status
from publishing.roles import EDITORS, PUBLISHERS
from tests.toy.models import Leaflet

from .factories import make_image, make_staff
from .html import parse, text_of
from .image_files import png_bytes, upload
from .test_registry import leaflets  # noqa: F401 - the fixture that registers leaflets

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.toy.urls")]

LIST = "/admin/images/image/"


def login(client, role):
    client.force_login(make_staff(role.lower(), role))
    return client


def make_leaflet(**kwargs):
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now())
    return Leaflet.objects.create(title="Leaflet", slug="leaflet", **kwargs)


def listed(response):
    return [text_of(cell) for cell in parse(response).cssselect("#result_list tbody .field-title")]


def test_the_list_shows_thumbnails_and_filters_images_lacking_alt_text(client):
    login(client, EDITORS)
    described = make_image(title="Described")
    lacking = make_image(title="Lacking")
    Image.objects.filter(pk=lacking.pk).update(alt_text="")  # as an import might leave it
    make_image(title="Decorative", alt_text="", decorative=True)
    response = client.get(LIST)
    assert response.status_code == HTTPStatus.OK
    thumb = parse(response).cssselect("#result_list td.field-thumbnail img, th img")
    smallest = min(described.renditions.all(), key=lambda r: r.width)
    assert smallest.url in [img.get("src") for img in thumb]
    assert all(img.get("alt") == "" and img.get("width") for img in thumb)
    assert set(listed(client.get(LIST + "?alt=missing"))) == {"Lacking"}
    assert set(listed(client.get(LIST + "?alt=written"))) == {"Described", "Decorative"}


def test_editors_add_and_change_images_but_only_publishers_delete(client):
    image = make_image()
    login(client, EDITORS)
    data = {
        "file": upload(png_bytes(), name="a.png"),
        "title": "Added by an editor",
        "alt_text": "A flag.",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    assert client.post(LIST + "add/", data).status_code == HTTPStatus.FOUND
    change = {"title": "Renamed", "alt_text": "A flag.", "focal_x": "0.2", "focal_y": "0.5"}
    assert client.post(f"{LIST}{image.pk}/change/", change).status_code == HTTPStatus.FOUND
    image.refresh_from_db()
    assert (image.title, image.focal_x) == ("Renamed", 0.2)
    assert client.get(f"{LIST}{image.pk}/delete/").status_code == HTTPStatus.FORBIDDEN
    client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    login(client, PUBLISHERS)
    client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()


def test_staff_without_a_role_see_no_images(client):
    make_image()
    client.force_login(make_staff("nobody"))
    assert client.get(LIST).status_code == HTTPStatus.FORBIDDEN


def test_where_an_image_is_used_lead_image_revision_and_rich_text(client, leaflets):  # noqa: F811
    lead, in_revision, in_body, unused = (make_image(title=t) for t in "ABCD")
    page = make_leaflet(lead_image=lead)
    other = Leaflet.objects.create(
        title="Other", slug="other", lead_image=in_revision, status=Status.DRAFT
    )
    revisions.record(other, Revision.Kind.EDIT)
    Leaflet.objects.filter(pk=other.pk).update(lead_image=None)  # only a revision names it
    # The sanitiser keeps no <img> yet (it comes with images in rich text); a link counts too.
    page.body = f'<p><a href="{in_body.renditions.first().url}">The photo</a></p>'
    page.save()
    assert [(model, pk) for model, pk, _ in uses(lead)] == [(Leaflet, page.pk)]
    assert [(pk, where) for _, pk, where in uses(in_revision)] == [(other.pk, "revision")]
    assert [(pk, where) for _, pk, where in uses(in_body)][0] == (page.pk, "leaflet")
    assert uses(unused) == []
    login(client, PUBLISHERS)
    shown = parse(client.get(f"{LIST}{lead.pk}/change/")).cssselect(".field-used_on a")
    assert [a.get("href") for a in shown] == [f"/admin/toy/leaflet/{page.pk}/change/"]
    # A used image is not deleted: Django lists where it is used instead.
    for image in (lead, in_revision, in_body):
        response = client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"})
        assert "Leaflet" in response.content.decode() or "leaflet" in response.content.decode()
        assert Image.objects.filter(pk=image.pk).exists()
    action = {"action": "delete_selected", "_selected_action": [lead.pk], "post": "yes"}
    client.post(LIST, action)
    assert Image.objects.filter(pk=lead.pk).exists()
    client.post(f"{LIST}{unused.pk}/delete/", {"post": "yes"})
    assert not Image.objects.filter(pk=unused.pk).exists()
