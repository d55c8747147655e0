"""Pages in the admin: the tree as a list, a change to a live page held as a draft for
review (visitors keep the live text, staff see the draft at its address), and a move that
would make a circle refused with the reason and nothing saved."""

from http import HTTPStatus

import pytest

from pages.models import Page
from publishing.roles import EDITORS

from .factories import make_staff
from .html import form_data, parse
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_tree_in_order_indented(admin_client):
    about = make_page("About", order=10)
    consular = make_page("Consular services", order=20)
    make_page("Visas", parent=consular, order=2)
    make_page("Passports", parent=consular, order=1)
    make_page("History", parent=about)
    html = parse(admin_client.get("/admin/pages/page/"))
    rows = [cell.text_content().strip() for cell in html.cssselect(".field-indented_title")]
    assert rows == ["About", "– History", "Consular services", "– Passports", "– Visas"]
    assert html.cssselect(".field-indented_title .tree-depth-1")


def test_an_editors_change_to_a_live_page_waits_as_a_draft(
    client, django_capture_on_commit_callbacks
):
    page = make_page("Consular services", body_en="<p>Live text.</p>")
    client.force_login(make_staff("eddie", EDITORS))
    url = f"/admin/pages/page/{page.pk}/change/"
    data = form_data(client.get(url))
    data["body"] = "<p>Draft text.</p><script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, parse(response).text_content()[:500]
    page.refresh_from_db()
    assert page.body_en == "<p>Live text.</p>"
    visitor = parse(client.__class__().get("/en/consular-services/"))
    assert "Live text." in visitor.cssselect(".page-body")[0].text_content()
    staff = client.get("/en/consular-services/").content.decode()
    assert "Draft text." in staff and "<script>alert" not in staff


def test_a_parent_under_its_own_page_is_refused_with_the_reason(admin_client):
    parent = make_page("Consular services")
    child = make_page("Visas", parent=parent)
    url = f"/admin/pages/page/{parent.pk}/change/"
    data = form_data(admin_client.get(url))
    data["parent"] = str(child.pk)
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    errors = " ".join(e.text_content() for e in parse(response).cssselect(".errorlist"))
    assert "“Visas” is this page or one of the pages under it" in errors
    assert Page.objects.get(pk=parent.pk).parent_id is None
