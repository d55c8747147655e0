"""An image's files reach visitors only once a page at a public address uses it (as its lead
image, or in the rich text of the page or of a part) or staff marked it public; before,
its address is a 404 for visitors, while staff see it (for previews), never shared-cached."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status

from .chrome import CHROME_QUERIES
from .factories import make_image, make_notice, make_relation, make_section, make_staff

pytestmark = pytest.mark.django_db


def addresses(image):
    return [image.get_absolute_url(), *(r.url for r in image.renditions.all())]


def statuses(client, image):
    return {client.get(url).status_code for url in addresses(image)}


def body_with(image):
    rendition = image.renditions.exclude(format="WEBP").first()
    return (
        f'<p><img src="{rendition.url}" alt="The ambassador." width="{rendition.width}" '
        f'height="{rendition.height}"></p>'
    )


def test_an_image_only_a_draft_uses_is_a_404_for_visitors_and_seen_by_staff(client):
    image = make_image()
    notice = make_notice(lead_image=image, status=Status.DRAFT)
    assert statuses(client, image) == {HTTPStatus.NOT_FOUND}
    client.force_login(make_staff("editor", "Editors"))
    for url in addresses(image):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    client.logout()
    notice.status = Status.PUBLISHED
    notice.save()
    for url in addresses(image):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert "public" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
        assert not response.cookies


def test_a_page_published_at_a_set_time_shows_its_image_from_that_time(client):
    image = make_image()
    later = timezone.now() + timezone.timedelta(hours=2)
    notice = make_notice(lead_image=image, publish_at=later)
    assert statuses(client, image) == {HTTPStatus.NOT_FOUND}
    # The time comes; nothing is saved (an update, as the clock would do it).
    Notice.objects.filter(pk=notice.pk).update(publish_at=timezone.now())
    assert statuses(client, image) == {HTTPStatus.OK}


def test_rich_text_of_a_published_page_or_of_its_part_makes_an_image_visible(client):
    in_notice, in_section, unused = make_image(), make_image(), make_image()
    make_notice(body=body_with(in_notice))
    make_section(make_relation(), heading="History", anchor="history", body=body_with(in_section))
    make_section(make_relation(status=Status.DRAFT), heading="Draft", body=body_with(unused))
    assert statuses(client, in_notice) == {HTTPStatus.OK}
    assert statuses(client, in_section) == {HTTPStatus.OK}
    assert statuses(client, unused) == {HTTPStatus.NOT_FOUND}


def test_an_image_staff_mark_public_is_served_without_any_page(client):
    image = make_image()
    assert statuses(client, image) == {HTTPStatus.NOT_FOUND}
    image.public = True
    image.save()
    assert statuses(client, image) == {HTTPStatus.OK}


# The file's row (with its image), its renditions' names (what rich text would hold), and
# one question for every model of every page type that could refer to it, all at once.
LOOKUP_QUERIES = 3
# What a 404 adds: the redirect lookup, then the site's menus and footer.
NOT_FOUND_QUERIES = 1 + CHROME_QUERIES


def _users(image, count, status):
    body = body_with(image)
    for _ in range(count):
        make_notice(lead_image=image, status=status)
        make_notice(body=body, status=status)
        make_section(make_relation(status=status), heading="A part", body=body)


@pytest.mark.parametrize("count", [1, 12])
def test_an_image_many_drafts_use_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    image = make_image()
    _users(image, count, Status.DRAFT)
    for url in addresses(image):
        cache.clear()  # each 404 reads the site's chrome afresh
        with django_assert_num_queries(LOOKUP_QUERIES + NOT_FOUND_QUERIES):
            assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("count", [1, 12])
def test_an_image_many_published_pages_use_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    image = make_image()
    _users(image, count, Status.DRAFT)
    _users(image, count, Status.PUBLISHED)
    for url in addresses(image):
        with django_assert_num_queries(LOOKUP_QUERIES):
            assert client.get(url).status_code == HTTPStatus.OK
