"""A page type that only the tests know gets every shared feature from one register call."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from publishing.models import Status
from publishing.registry import Part, Search, registry
from publishing.roles import EDITORS, PUBLISHERS
from tests.toy.content import LEAFLET, NOTE
from tests.toy.models import Leaflet, LeafletNote

from .content_helpers import export_content, import_content, write
from .html import parse, text_of
from .search_helpers import titles
from .test_seo import sitemap_entries

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.toy.urls")]


@pytest.fixture
def leaflets():
    """Registered for one test, as an app's ready() would, then forgotten."""
    page_type = registry.register(
        Leaflet,
        parts=[Part(LeafletNote, "leaflet", rich_text=("text",), content=NOTE)],
        rich_text=("body",),
        search=Search(fields={"title": "A", "summary": "B", "body": "C"}),
        content=LEAFLET,
    )
    yield page_type
    registry.unregister(Leaflet)


def make_leaflet(**kwargs):
    kwargs.setdefault("title", "Consular leaflet")
    kwargs.setdefault("slug", "consular-leaflet")
    kwargs.setdefault("summary", "Opening hours of the consular section.")
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - timezone.timedelta(days=1))
    return Leaflet.objects.create(**kwargs)


def test_roles_cover_the_page_and_its_parts(leaflets):
    call_command("setup_roles", verbosity=0)
    editor = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name=PUBLISHERS).permissions.values_list("codename", flat=True)
    )
    assert {"change_leaflet", "add_leafletnote", "delete_leafletnote"} <= editor
    assert "publish_leaflet" not in editor
    assert "publish_leaflet" in publisher


def test_sitemap_lists_current_pages_only(client, leaflets):
    live = make_leaflet()
    make_leaflet(slug="draft", status=Status.DRAFT)
    urls = set(sitemap_entries(client))
    assert f"http://testserver{live.get_absolute_url()}" in urls
    assert "http://testserver/leaflets/draft/" not in urls


def test_search_finds_a_published_page(client, leaflets):
    make_leaflet(body="<p>Bring your passport.</p>")
    make_leaflet(slug="hidden", title="Hidden", status=Status.DRAFT, body="<p>passport</p>")
    response = client.get("/en/search/", {"q": "passport"})
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Consular leaflet"]


def test_dashboard_lists_its_drafts(admin_client, leaflets):
    make_leaflet(title="Leaflet in progress", slug="wip", status=Status.DRAFT)
    drafts = text_of(parse(admin_client.get("/admin/")).get_element_by_id("drafts"))
    assert "Leaflet in progress" in drafts


def test_parts_stamp_and_sanitise_their_page(leaflets):
    leaflet = make_leaflet()
    old = timezone.now() - timezone.timedelta(days=3)
    Leaflet.objects.filter(pk=leaflet.pk).update(updated_at=old)
    note = LeafletNote.objects.create(leaflet=leaflet, slug="n", text="<p onclick=x()>Hi</p>")
    leaflet.refresh_from_db()
    assert leaflet.updated_at > old
    assert LeafletNote.objects.get(pk=note.pk).text == "<p>Hi</p>"


def test_import_and_export_carry_it(tmp_path, leaflets):
    path = write(
        tmp_path,
        "leaflets.yaml",
        "leaflets:\n"
        "  - slug: visas\n"
        "    title: Visas leaflet\n"
        "    notes:\n"
        "      - slug: fees\n"
        "        text: <p>Fees are paid in cash.</p>\n",
    )
    import_content(path)
    leaflet = Leaflet.objects.get(slug="visas")
    assert [n.text for n in leaflet.notes.all()] == ["<p>Fees are paid in cash.</p>"]
    exported = export_content(format="yaml")
    assert "leaflets:\n- slug: visas\n  title: Visas leaflet\n" in exported
    assert "  notes:\n  - slug: fees\n    text: <p>Fees are paid in cash.</p>\n" in exported


def test_without_registration_nothing_knows_it(client):
    make_leaflet(body="<p>passport</p>")
    assert "leaflets" not in export_content(format="yaml")
    assert titles(client.get("/en/search/", {"q": "passport"})) == []


def test_the_format_is_read_from_the_parts(leaflets):
    """One declaration of what a page is made of: the import/export tree is its parts'."""
    from publishing.content.schema import top_level

    (tree,) = [kind for kind in top_level() if kind.model is Leaflet]
    assert tree.list_key == "leaflets"
    assert tree.keys == ("slug", "title", "summary", "body", "status", "publish_at",
                         "expires_at", "published_languages", "notes")  # fmt: skip
    assert tree.required == {"slug", "title"}
    (notes,) = tree.children
    assert (notes.list_key, notes.model, notes.parent) == ("notes", LeafletNote, "leaflet")
    assert notes.keys == ("slug", "text") and notes.ordered and notes.sort == ("order",)


def test_a_part_without_content_is_not_in_the_format():
    from publishing.content.schema import top_level

    registry.register(Leaflet, parts=[Part(LeafletNote, "leaflet")], content=LEAFLET)
    try:
        (tree,) = [kind for kind in top_level() if kind.model is Leaflet]
        assert tree.children == () and "notes" not in tree.keys
    finally:
        registry.unregister(Leaflet)
