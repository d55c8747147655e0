"""The slow ceiling per user across all addresses (embassy_site/login_ceiling.py).

A botnet spreading its guesses over many addresses gets one password checked per delay;
the real user, from a browser or address that signed in before, is never held up.
"""

import pytest
from axes.models import AccessFailureLog
from django.conf import settings
from django.test import Client
from django.utils import timezone

from .factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, password, address, username="ed"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def botnet(failures, username="ed"):
    """``failures`` wrong passwords for ``username``, each from a new address.

    Up to the ceiling they are sent; beyond it (one per delay, over hours) they are written.
    """
    limit = settings.LOGIN_USER_FAILURE_LIMIT
    for n in range(min(failures, limit)):
        assert attempt(Client(), "wrong", f"10.1.0.{n + 1}", username).status_code == 200
    for n in range(failures - limit):
        AccessFailureLog.objects.create(username=username, ip_address=f"10.2.0.{n + 1}")


def test_past_the_ceiling_unknown_places_wait_and_are_not_checked():
    make_staff("ed")
    botnet(settings.LOGIN_USER_FAILURE_LIMIT)
    response = attempt(Client(), PASSWORD, "192.0.2.50")  # the right password, new place
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Try again in 60 seconds" in response.content.decode()
    # Refused before the password was looked at: nothing counted, nobody signed in.
    assert AccessFailureLog.objects.count() == settings.LOGIN_USER_FAILURE_LIMIT
    assert attempt(Client(), "wrong", "192.0.2.51").status_code == 429
    assert AccessFailureLog.objects.count() == settings.LOGIN_USER_FAILURE_LIMIT
    # Another user is not affected.
    make_staff("maria")
    assert attempt(Client(), PASSWORD, "192.0.2.50", username="maria").status_code == 302


def test_once_the_delay_is_over_one_password_is_checked():
    make_staff("ed")
    botnet(settings.LOGIN_USER_FAILURE_LIMIT)
    earlier = timezone.now() - timezone.timedelta(seconds=61)
    AccessFailureLog.objects.update(attempt_time=earlier)
    assert attempt(Client(), "wrong", "192.0.2.50").status_code == 200  # checked, wrong
    assert attempt(Client(), PASSWORD, "192.0.2.50").status_code == 429  # the next waits


def test_the_delay_grows_with_the_failures():
    make_staff("ed")
    botnet(settings.LOGIN_USER_FAILURE_LIMIT + 20)
    assert attempt(Client(), "wrong", "192.0.2.50")["Retry-After"] == "240"


def test_the_real_user_from_a_known_address_signs_in_during_an_attack():
    make_staff("ed")
    assert attempt(Client(), PASSWORD, "198.51.100.20").status_code == 302  # the office, once
    botnet(settings.LOGIN_USER_FAILURE_LIMIT + 5)
    assert attempt(Client(), PASSWORD, "198.51.100.20").status_code == 302


def test_the_real_user_in_a_known_browser_signs_in_from_a_new_address():
    make_staff("ed")
    laptop = Client()
    first = attempt(laptop, PASSWORD, "198.51.100.20")
    cookie = first.cookies["staff_device"]
    assert cookie["path"] == "/admin/" and cookie["httponly"] and cookie["samesite"] == "Strict"
    laptop.post("/admin/logout/")  # as staff do; the test client's logout() drops all cookies
    assert "_auth_user_id" not in laptop.session
    botnet(settings.LOGIN_USER_FAILURE_LIMIT + 5)
    assert attempt(laptop, PASSWORD, "203.0.113.80").status_code == 302  # on a journey
    # The cookie vouches for that user only.
    make_staff("maria")
    botnet(settings.LOGIN_USER_FAILURE_LIMIT, username="maria")
    assert attempt(laptop, PASSWORD, "203.0.113.80", username="maria").status_code == 429


def test_visitors_get_no_such_cookie(client):
    make_staff("ed")
    assert "staff_device" not in attempt(client, "wrong", "192.0.2.50").cookies
    assert not client.get("/en/").cookies
