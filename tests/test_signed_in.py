"""A visitor's request skips the middleware only signed-in staff need (embassy_site/
signed_in.py); any other request runs it all: sessions, CSRF, the admin's checks, axes."""

import pytest
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.test import Client

from notices.models import Notice
from publishing.models import Status

from .public_content import public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths():
    return public_pages()


def test_visitors_read_every_page_type_with_no_cookie_and_a_vary_on_cookies(client, paths):
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "404" else 200), path
        assert not response.cookies, path
        assert "Cookie" in response["Vary"], path


def test_a_post_without_a_cookie_is_refused_by_the_csrf_check(paths):
    """A cookie-less POST is not a visitor's: CSRF runs, so a forged sign-in fails, and so
    would a forged form anywhere on the site."""
    User.objects.create_user("editor", password="long-enough-password-1", is_staff=True)
    forged = Client(enforce_csrf_checks=True)
    response = forged.post(
        "/admin/login/", {"username": "editor", "password": "long-enough-password-1"}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in forged.session
    assert Client(enforce_csrf_checks=True).post(paths["notice"], {"a": "b"}).status_code == 403


def test_the_admin_sign_in_page_gives_its_csrf_cookie_and_signing_in_works():
    User.objects.create_user("editor", password="long-enough-password-1", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/admin/login/")
    assert page.status_code == 200
    token = page.cookies["csrftoken"].value
    signed_in = browser.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "long-enough-password-1", "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    assert browser.get("/admin/").status_code == 200


def test_staff_with_a_session_still_preview_a_draft_on_its_public_address(client, paths):
    notice = Notice.objects.current().first()
    Notice.objects.filter(pk=notice.pk).update(status=Status.DRAFT)
    assert client.get(notice.get_absolute_url()).status_code == 404  # a visitor: not shown
    staff = User.objects.create_superuser("chief", password="long-enough-password-1")
    client.force_login(staff)
    response = client.get(notice.get_absolute_url())
    assert response.status_code == 200
    assert notice.title in response.content.decode()


def test_any_cookie_runs_the_signed_in_middleware(client, paths):
    """A stray cookie is not proof of a visitor: the session middleware runs (and varies)."""
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(paths["notice"])
    assert response.status_code == 200
    assert "Cookie" in response["Vary"]


def test_the_check_names_signed_in_middleware_that_is_missing(settings):
    assert not [e for e in run_checks() if e.id.startswith("embassy.")]
    settings.SIGNED_IN_MIDDLEWARE = [
        m for m in settings.SIGNED_IN_MIDDLEWARE if not m.endswith("SessionMiddleware")
    ]
    errors = [e for e in run_checks() if e.id.startswith("embassy.")]
    assert [e.id for e in errors] == ["embassy.E001"]
    assert "SessionMiddleware" in errors[0].msg
    settings.SIGNED_IN_MIDDLEWARE = [
        *settings.SIGNED_IN_MIDDLEWARE[1:],
        settings.SIGNED_IN_MIDDLEWARE[0],
    ]
    assert "embassy.E002" in [e.id for e in run_checks()]


def test_a_cookie_less_request_to_the_admin_runs_the_admin_checks(client):
    """The admin is staff's: its own checks answer before its sign-in redirect does."""
    response = client.get("/admin/notices/notice/?q=%00")
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
