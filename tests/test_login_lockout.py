"""Repeated wrong passwords lock a user out from that address; staff can unlock it.

Once 60 wrong passwords in 26 s were all answered, and the right one then logged in.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User

from .factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Dozens of logins here: a deliberately slow password hash would only cost time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, password, address=ATTACKER, username="ed"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_the_right_password_is_refused_after_repeated_failures(client):
    make_staff("ed")
    statuses = [attempt(client, "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    # The form again with its error, until the last failure allowed locks the pair out.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same user from another address is not locked out by someone else's guesses.
    assert attempt(client, PASSWORD, address=OFFICE).status_code == 302


def test_forged_forwarding_headers_do_not_reset_the_count(client):
    make_staff("ed")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "ed", "password": "wrong"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert attempt(client, PASSWORD).status_code == 429


def test_an_administrator_unlocks_in_the_admin(client):
    make_staff("ed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 429
    admin = User.objects.create_superuser("root", "root@example.org", "another-long-pw-1")
    client.force_login(admin)
    locked = AccessAttempt.objects.get(username="ed")
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "ed" in listing.content.decode()
    response = client.post(f"/admin/axes/accessattempt/{locked.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert attempt(client, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client):
    make_staff("ed")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


PROXY = "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    """As in production behind deploy/nginx: it overwrites X-Real-IP and connects from here."""
    settings.CLIENT_IP_HEADERS = ["HTTP_X_REAL_IP"]
    settings.TRUSTED_PROXY_IPS = [PROXY]


def via_proxy(client, password, real_ip, username="ed", remote=PROXY):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote,
        HTTP_X_REAL_IP=real_ip,
    )


def test_behind_the_proxy_the_lock_is_for_the_real_address_only(client, behind_nginx):
    make_staff("ed")
    statuses = [via_proxy(client, "wrong", "127.0.0.2").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert via_proxy(client, PASSWORD, "127.0.0.2").status_code == 429
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("ed", "127.0.0.2")
    ]
    # The same user from another address behind the same proxy signs in.
    assert via_proxy(client, PASSWORD, "127.0.0.3").status_code == 302


def test_the_header_counts_only_from_a_trusted_proxy(client, behind_nginx):
    make_staff("ed")
    # Straight from the attacker's address, a fresh X-Real-IP each time changes nothing.
    for n in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(client, "wrong", f"10.0.0.{n}", remote=ATTACKER)
    assert via_proxy(client, PASSWORD, "10.0.0.99", remote=ATTACKER).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_garbled_header_from_the_proxy_counts_as_the_proxy(client, behind_nginx):
    make_staff("ed")
    via_proxy(client, "wrong", "not-an-address")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
