"""Redirects in the admin: publishers add and change them by hand, editors only read them."""

from http import HTTPStatus

import pytest

from addresses.models import Redirect
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

ADD = "/admin/addresses/redirect/add/"


def form(**values):
    data = {
        "old_path": "",
        "target_path": "",
        "target_type": "",
        "target_id": "",
        "permanent": "on",
    }
    data.update(values)
    return data


def errors(response):
    return " ".join(text_of(e) for e in parse(response).cssselect(".errorlist"))


def test_a_publisher_adds_an_old_sites_address_by_hand(client):
    client.force_login(make_staff("pub", PUBLISHERS))
    response = client.post(
        ADD, form(old_path="https://old.embassy.example/consular/visa.html", target_path="/en/")
    )
    assert response.status_code == HTTPStatus.FOUND
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.target_path, redirect.created_by) == (
        "/consular/visa.html",
        "/en/",
        "staff",
    )
    listing = text_of(parse(client.get("/admin/addresses/redirect/")))
    assert "/consular/visa.html" in listing and "Staff" in listing
    assert client.get("/consular/visa.html")["Location"] == "/en/"


def test_the_admin_explains_a_loop_and_a_live_address_and_saves_nothing(client):
    client.force_login(make_staff("pub", PUBLISHERS))
    Redirect.objects.create(old_path="/a/", target_path="/b/")
    response = client.post(ADD, form(old_path="/b/", target_path="/a/"))
    assert response.status_code == HTTPStatus.OK
    assert "This would send visitors in a circle" in errors(response)
    notice = make_notice(slug="live")
    response = client.post(ADD, form(old_path=notice.get_absolute_url(), target_path="/en/"))
    assert "Visitors already get a page at “/en/notices/live/”" in errors(response)
    assert Redirect.objects.count() == 1


def test_an_editor_reads_redirects_but_cannot_add_change_or_delete_them(client):
    redirect = Redirect.objects.create(old_path="/a/", target_path="/en/")
    client.force_login(make_staff("ed", EDITORS))
    assert client.get("/admin/addresses/redirect/").status_code == HTTPStatus.OK
    assert client.get(ADD).status_code == HTTPStatus.FORBIDDEN
    assert client.post(ADD, form(old_path="/x/", target_path="/en/")).status_code == 403
    change = f"/admin/addresses/redirect/{redirect.pk}/change/"
    client.post(change, form(old_path="/a/", target_path="/en/notices/"))
    delete = f"/admin/addresses/redirect/{redirect.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    redirect.refresh_from_db()
    assert redirect.target_path == "/en/"
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/a/"]


def test_staff_without_a_role_do_not_see_redirects(client):
    client.force_login(make_staff("nobody"))
    assert client.get("/admin/addresses/redirect/").status_code == HTTPStatus.FORBIDDEN
