"""A lead image on notices, relations and pages: chosen in the admin, shown at the top of the
detail page (fetched at once, its size known), kept by revisions and by the library while
any revision names it."""

from http import HTTPStatus

import pytest

from images.models import Image
from images.usage import uses
from publishing import revisions
from publishing.actions.restore import Restore
from publishing.models import Revision

from .chrome import CHROME_QUERIES
from .factories import make_image, make_notice, make_relation, make_staff
from .html import parse
from .image_files import png_bytes
from .pages_helpers import make_page as make_embassy_page
from .revisions_helpers import newest

pytestmark = pytest.mark.django_db


def lead_img(response):
    assert response.status_code == HTTPStatus.OK
    found = parse(response).cssselect("figure.lead-image picture img")
    return found[0] if found else None


@pytest.mark.parametrize("make_page", [make_notice, make_relation, make_embassy_page])
def test_the_detail_page_shows_the_lead_image_eagerly_with_its_size_and_alt(client, make_page):
    image = make_image(png_bytes(2000, 1000), credit="Photo: the embassy")
    page = make_page(lead_image=image)
    response = client.get(page.get_absolute_url())
    img = lead_img(response)
    assert img.get("alt") == image.alt_text
    assert (img.get("width"), img.get("height")) == ("1600", "800")
    assert img.get("loading") == "eager" and img.get("fetchpriority") == "high"
    assert "480w" in img.get("srcset") and img.get("sizes")
    caption = parse(response).cssselect("figure.lead-image figcaption")[0]
    assert caption.text_content() == "Photo: the embassy"
    assert lead_img(client.get(make_page().get_absolute_url())) is None


def test_a_notice_with_a_lead_image_costs_one_query_more_whatever_its_renditions(
    client, django_assert_num_queries
):
    notice = make_notice(lead_image=make_image())
    # the notice with its category and lead image, its attachments, the renditions, its
    # public notes (withdrawal, changes)
    with django_assert_num_queries(4 + CHROME_QUERIES):
        assert lead_img(client.get(notice.get_absolute_url())) is not None


@pytest.mark.parametrize("kind", ["notice", "relation", "page"])
def test_the_admin_chooses_a_lead_image_from_the_library_by_title(client, kind):
    client.force_login(make_staff("editor", "Editors"))
    make = {"notice": make_notice, "relation": make_relation, "page": make_embassy_page}
    page = make[kind]()
    app = {"notice": "notices", "relation": "relations", "page": "pages"}[kind]
    form = parse(client.get(f"/admin/{app}/{kind}/{page.pk}/change/"))
    select = form.cssselect("select[name=lead_image].admin-autocomplete")
    assert select, "the lead image is chosen by searching the library"
    image = make_image(title="Official visit")
    found = client.get(
        "/admin/autocomplete/",
        {"term": "visit", "app_label": app, "model_name": kind, "field_name": "lead_image"},
    )
    assert found.status_code == HTTPStatus.OK
    assert [row["text"] for row in found.json()["results"]] == [str(image)]


def test_a_page_with_a_lead_image_costs_one_query_more(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(page):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(page.get_absolute_url())
        return len(queries)

    plain, pictured = make_embassy_page("Plain"), make_embassy_page("Pictured")
    pictured.lead_image = make_image()
    pictured.save()
    assert count(pictured) == count(plain) + 1  # the renditions


def test_restoring_a_revision_brings_its_lead_image_back():
    publisher = make_staff("publisher", "Publishers")
    image = make_image()
    notice = make_notice(lead_image=image)
    revisions.record(notice, Revision.Kind.EDIT)
    with_image = newest(notice)
    notice.lead_image = None
    notice.save()
    revisions.record(notice, Revision.Kind.EDIT)
    Restore(notice, publisher, with_image).run()
    notice.refresh_from_db()
    assert notice.lead_image == image


def test_a_lead_image_only_a_revision_names_is_kept_by_the_library(client):
    image = make_image()
    notice = make_notice(lead_image=image)
    revisions.record(notice, Revision.Kind.EDIT)
    type(notice).objects.filter(pk=notice.pk).update(lead_image=None)
    assert [(pk, where) for _, pk, where in uses(image)] == [(notice.pk, "revision")]
    client.force_login(make_staff("publisher", "Publishers"))
    response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert "revision" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()
