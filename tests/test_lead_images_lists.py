"""Lead images in lists: the home page, the notices, a category and the relations show each
page's image small (the 480 px rendition), lazily, with its size and its alt text in the
visitor's language; a cached card shows an image's change at once; the lists' queries do
not grow with the number of pages that have an image."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from images.models import Image

from .chrome import CHROME_QUERIES
from .factories import make_category, make_image, make_notice, make_relation
from .html import parse
from .image_files import png_bytes

pytestmark = pytest.mark.django_db

LISTS = ["/{lang}/", "/{lang}/notices/", "/{lang}/notices/category/visas/", "/{lang}/relations/"]


def list_images(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    return parse(response).cssselect(".card-list img.card-image")


@pytest.fixture
def visas():
    return make_category(name="Visas", slug="visas")


def test_every_list_shows_the_small_rendition_lazily_with_its_size_and_alt(client, visas):
    image = make_image(png_bytes(2000, 1000), alt_text="The ambassador at the ministry.")
    make_notice(category=visas, lead_image=image)
    make_relation(lead_image=image)
    make_notice(category=visas)  # without an image: no picture in its card
    small = {r.url for r in image.renditions.filter(width=480)}
    for path in LISTS:
        path = path.format(lang="en")
        found = list_images(client, path)
        assert len(found) == (2 if path == "/en/" else 1), path
        for img in found:
            assert img.get("src") in small, path
            assert (img.get("width"), img.get("height")) == ("480", "240")
            assert img.get("loading") == "lazy" and img.get("fetchpriority") is None
            assert "480w" in img.get("srcset") and "960w" not in img.get("srcset")
            assert img.get("alt") == "The ambassador at the ministry."
            assert img.get("lang") is None
            webp = img.getparent().cssselect("source[type='image/webp']")
            assert webp and "960w" not in webp[0].get("srcset")


def test_the_alt_text_is_the_visitors_language_or_the_english_marked_so(client, visas):
    image = make_image(alt_text="The embassy's building.")
    image.alt_text_ro = "Clădirea ambasadei."
    image.save()
    make_notice(category=visas, lead_image=image)
    make_relation(lead_image=image)
    for path in LISTS:
        for img in list_images(client, path.format(lang="ro")):
            assert (img.get("alt"), img.get("lang")) == ("Clădirea ambasadei.", None), path
        for img in list_images(client, path.format(lang="az")):
            assert (img.get("alt"), img.get("lang")) == ("The embassy's building.", "en"), path


def test_a_decorative_image_has_an_empty_alt(client, visas):
    image = make_image(alt_text="", decorative=True)
    make_notice(category=visas, lead_image=image)
    make_relation(lead_image=image)
    for path in LISTS:
        for img in list_images(client, path.format(lang="az")):
            assert img.get("alt") == "" and img.get("lang") is None, path
            assert img.get("title") is None


def test_a_cached_card_shows_the_images_new_alt_text_and_renditions_at_once(
    client, visas, django_capture_on_commit_callbacks
):
    image = make_image(alt_text="The old building.")
    make_notice(category=visas, lead_image=image)
    pages = ["/en/", "/en/notices/", "/en/notices/category/visas/"]
    for path in pages:
        list_images(client, path)  # the cards are now in the cache
    # Committed, as an editor's save is before anyone sees a page: a list's page is kept
    # per content version (notices/listing.py), which moves once the save commits.
    with django_capture_on_commit_callbacks(execute=True):
        image.alt_text = "The new building."
        image.save()
    for path in pages:
        assert [img.get("alt") for img in list_images(client, path)] == ["The new building."]
    with django_capture_on_commit_callbacks(execute=True):
        # New files, the old rows gone: the old addresses are 404s. The site makes them
        # only inside the image's save() (a new file or focal point), which is saved here.
        image.make_renditions()
        image.save()
    current = {r.url for r in image.renditions.all()}
    for path in pages:
        assert all(img.get("src") in current for img in list_images(client, path)), path


@pytest.fixture(params=[1, 12], ids=["1-image", "12-images"])
def pages_with_images(request, visas):
    for n in range(request.param):
        image = make_image(title=f"Photo {n}")
        make_notice(category=visas, lead_image=image)
        make_relation(lead_image=image)
    make_notice(category=visas)
    make_relation()
    return Image.objects.count()


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count, the page of notices with categories and images, their renditions, navigation
        (reverse("notices:list"), 4 + CHROME_QUERIES),
        # the categories (the page's among them, and the navigation), count, page, renditions
        (reverse("notices:category", kwargs={"slug": "visas"}), 4 + CHROME_QUERIES),
        # the relations with their images, the renditions; the same for the latest notices;
        # the consular services page and its pages
        (reverse("home"), 5 + CHROME_QUERIES),
        # the relations with their images, the renditions
        (reverse("relations:list"), 2 + CHROME_QUERIES),
    ],
)
def test_list_queries_do_not_grow_with_images(
    client, django_assert_num_queries, pages_with_images, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == HTTPStatus.OK
    # Every card cached: the renditions are not read again (nor the menus, nor a list's
    # category navigation, kept rendered); a list's page is kept whole (its count, notices
    # and renditions: notices/listing.py), and so are the categories, the home page's
    # sections (embassy_site/home.py) and the relations list's cards (relations/listing.py).
    with django_assert_num_queries(0):
        assert client.get(url).status_code == HTTPStatus.OK
