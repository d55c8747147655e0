"""The site is secure by default: checked as an operator would, with manage.py."""

import os
import subprocess
import sys
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import timezone

from .factories import PASSWORD, make_staff

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p8Zk1v-Qn3yL0x7WmRt5sUj2HcBdFa9GeKiOpLzXqYwVbN4M6T",
    "ALLOWED_HOSTS": "www.example.org",
}


def manage(*args, **env):
    # A clean operator's shell: none of the test run's own switches.
    test_only = {"SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    test_only |= {"DJANGO_SETTINGS_MODULE", "STATICFILES_BACKEND"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_site_refuses_to_start():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def bare(*args, **env):
    """manage.py as a fresh checkout runs it: no settings in the environment but ``env``."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bare_checkout_checks_its_migrations_without_secrets():
    result = bare("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_a_production_shell_without_a_secret_says_which_setting_is_missing():
    # Not Django's "Models aren't loaded yet" (it goes on without the settings and fails
    # later), which names nothing the operator can set.
    result = bare("makemigrations", "--check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr


def test_a_tls_proxy_can_switch_the_redirect_off():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)",
        SECURE_SSL_REDIRECT="false", **PRODUCTION,
    )  # fmt: skip
    assert result.stdout.strip().endswith("False"), result.stderr


def test_server_error_page_is_ours(settings):
    settings.EMBASSY_NAME = "Embassy of Testland"
    server_error = get_resolver().resolve_error_handler(500)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert b"Something went wrong" in response.content
    assert b'lang="en"' in response.content
    assert response.content.count(b"Embassy of Testland") == 2  # title and header


def test_the_embassy_name_is_written_only_in_settings():
    """Templates take it from EMBASSY_NAME, so another embassy changes one setting."""
    written = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "Embassy of Romania" in path.read_text()
    ]
    assert written == []


def test_an_empty_email_url_means_the_console():
    """As in a .env copied from .env.example with the value left blank."""
    show = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = manage("shell", "-c", show, EMAIL_URL="", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("django.core.mail.backends.console.EmailBackend")
    result = manage(
        "shell", "-c", show, EMAIL_URL="smtp+tls://u:p@mail.example.org:587", **PRODUCTION
    )
    assert result.stdout.strip().endswith("django.core.mail.backends.smtp.EmailBackend")


@pytest.mark.django_db
def test_a_staff_session_ends_after_a_working_day(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_staff("ed")
    before = timezone.now()
    response = client.post("/admin/login/", {"username": "ed", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 10 * 3600
    session = Session.objects.get(session_key=cookie.value)
    ends = session.expire_date - before
    assert timedelta(hours=10) <= ends < timedelta(hours=10, minutes=1)
    assert client.get("/admin/").status_code == 200
    # Once that time has passed, the same cookie no longer signs anyone in.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    assert client.get("/admin/").status_code == 302
