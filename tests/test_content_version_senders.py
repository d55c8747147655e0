"""The content version listens to what visitors see, and only to that: a page type's pages,
parts and lookups move it, while rows nobody sees (search words, renditions, sessions) keep
Django's fast delete, one statement whatever their number."""

from http import HTTPStatus

import pytest
from axes.models import AccessLog
from django.contrib.sessions.models import Session
from django.db.models.deletion import Collector
from django.utils import timezone

from images.models import Rendition
from pages.models import Menu, MenuItem
from publishing import content_version
from publishing.registry import Part, registry
from search.models import SearchDocument, SearchTerm
from tests.toy.models import Leaflet, LeafletNote

from .factories import make_attachment, make_category, make_notice
from .test_pages_menus import nav

pytestmark = pytest.mark.django_db


def fast(model):
    return Collector(using="default").can_fast_delete(model._default_manager.all())


@pytest.mark.parametrize("model", [SearchDocument, SearchTerm, Rendition, Session, AccessLog])
def test_rows_nobody_sees_keep_the_fast_delete(model):
    assert fast(model)


def test_many_search_documents_go_in_one_statement(django_assert_num_queries):
    SearchDocument.objects.bulk_create(
        SearchDocument(page_type="x.y", object_id=n, language="en", title="t", url="/", status="")
        for n in range(250)
    )
    with django_assert_num_queries(1):  # was 1 read and 3 deletes of 100
        SearchDocument.objects.all().delete()


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600  # whole pages kept until the version moves


@pytest.fixture
def page(client, cached):
    """(status, HTML) of a page as a visitor gets it: from the page cache."""

    def get(path):
        response = client.get(path)
        return response.status_code, response.content.decode()

    return get


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Changes made in this block commit: the version moves, if they move it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_page_shows_its_own_save_and_delete(page, committed):
    notice = make_notice(title="Old title")
    assert "Old title" in page("/en/notices/")[1]
    with committed():
        notice.title = "Saved title"
        notice.save()
    assert "Saved title" in page("/en/notices/")[1]
    with committed():
        notice.delete()
    assert "Saved title" not in page("/en/notices/")[1]


def test_a_page_shows_its_parts_save_and_delete(page, committed):
    notice = make_notice()
    attachment = make_attachment(notice, title="Old form")
    assert "Old form" in page(notice.get_absolute_url())[1]
    with committed():
        attachment.title = "New form"
        attachment.save()
    assert "New form" in page(notice.get_absolute_url())[1]
    with committed():
        attachment.delete()
    assert "New form" not in page(notice.get_absolute_url())[1]


def test_a_page_shows_a_lookups_save_and_delete(page, committed):
    category = make_category(name="Old name", slug="empty")
    assert "Old name" in page(category.get_absolute_url())[1]
    with committed():
        category.name = "New name"
        category.save()
    assert "New name" in page(category.get_absolute_url())[1]
    with committed():
        category.delete()
    assert page(category.get_absolute_url())[0] == HTTPStatus.NOT_FOUND


def test_every_page_shows_a_menu_items_save_and_delete(client, cached, committed):
    header = Menu.objects.get(slot="header")
    item = MenuItem.objects.create(menu=header, order=99, label_en="Partner", address="/en/x/")
    assert nav(client.get("/en/"))[-1][0] == "Partner"
    with committed():
        item.label_en = "Partners"
        item.save()
    assert nav(client.get("/en/"))[-1][0] == "Partners"
    with committed():
        item.delete()
    assert "Partners" not in [label for label, *_ in nav(client.get("/en/"))]


def moves(django_capture_on_commit_callbacks, change):
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        change()
    return content_version.current() != before


def test_a_page_type_registered_later_moves_the_version_until_unregistered(
    django_capture_on_commit_callbacks,
):
    def changes():
        leaflet = Leaflet(title="Leaflet", slug="leaflet", publish_at=timezone.now())
        note = LeafletNote(slug="note", text="A note.")
        yield leaflet.save
        note.leaflet = leaflet
        yield note.save
        yield note.delete
        yield leaflet.delete

    assert fast(LeafletNote)
    registry.register(Leaflet, parts=[Part(LeafletNote, "leaflet")])
    try:
        assert not fast(LeafletNote)
        for change in changes():
            assert moves(django_capture_on_commit_callbacks, change), change
    finally:
        registry.unregister(Leaflet)
    assert fast(LeafletNote)
    for change in changes():
        assert not moves(django_capture_on_commit_callbacks, change), change
