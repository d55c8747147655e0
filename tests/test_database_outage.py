"""Database down: a 503 page in the site's look with Retry-After, and /healthz says so.

A real failing part, no mock: a gunicorn subprocess is given a database address where
nothing listens (or an SQLite file that cannot be opened).
"""

import json
import logging

import pytest
from django.core.handlers.exception import response_for_exception
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import get_resolver

from .servers import closed_port, fetch, gunicorn, site_env


def handled(error):
    """What the site's 500 handler answers while ``error`` is being handled."""
    handler = get_resolver().resolve_error_handler(500)
    try:
        raise error
    except type(error):
        return handler(RequestFactory().get("/en/notices/"))


def test_the_error_handler_tells_an_outage_from_a_bug(settings):
    # No django_db mark: neither page may touch the database.
    settings.EMBASSY_NAME = "Embassy of Testland"
    outage = handled(OperationalError("connection refused"))
    assert outage.status_code == 503
    assert outage["Retry-After"] == "30"
    assert b"Temporarily unavailable" in outage.content
    bug = handled(ValueError("a bug"))
    assert bug.status_code == 500  # views.server_error's page
    assert b"Something went wrong" in bug.content
    assert bug.content.count(b"Embassy of Testland") == 2


@pytest.mark.django_db
def test_healthz_is_ok_uncached_and_cookieless(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_database_down_is_a_503_page_with_retry_after():
    env = site_env(DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/embassy")
    with gunicorn(env) as base:
        for path in [
            "/en/",
            "/en/notices/",
            "/en/relations/nato-azerbaijan/",
            "/en/search/?q=visa",
        ]:
            status, headers, body = fetch(base + path)
            assert status == 503, path
            assert int(headers["Retry-After"]) > 0
            assert "no-store" in headers["Cache-Control"]
            assert headers.get("Set-Cookie") is None
            page = body.decode()
            assert "Temporarily unavailable" in page
            assert 'class="site-header"' in page and "/static/css/site.css" in page
        status, headers, body = fetch(base + "/healthz")
        assert status == 503
        assert json.loads(body) == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "ok",
        }
        assert "no-store" in headers["Cache-Control"]
        assert headers.get("Set-Cookie") is None


def test_a_missing_database_is_a_503_too(tmp_path):
    # SQLite in a folder that does not exist: the database cannot be opened at all.
    env = site_env(DATABASE_URL=f"sqlite:///{tmp_path}/missing/site.sqlite3")
    with gunicorn(env) as base:
        status, headers, _ = fetch(base + "/en/notices/")
        assert status == 503
        assert fetch(base + "/healthz")[0] == 503


def outage_response(path, error):
    """Django's own handling of ``error`` raised by a request for ``path``: logged, answered."""
    try:
        raise error
    except type(error) as raised:
        return response_for_exception(RequestFactory().get(path), raised)


@pytest.fixture
def fresh_outage_filter():
    """The django.request logger's filter, as in a process that has seen no outage yet."""
    logger = logging.getLogger("django.request")
    found, *again = [f for f in logger.filters if hasattr(f, "last_seen")]
    # Each django.setup() adds one (importing embassy_site.wsgi runs it again in the suite).
    for extra in again:
        logger.removeFilter(extra)
    found.last_seen = None
    yield found
    found.last_seen = None


def test_an_outage_logs_one_line_per_request_and_the_traceback_once(caplog, fresh_outage_filter):
    down = "connection to server at 127.0.0.1 failed: Connection refused\n\tIs the server running?"
    paths = [f"/en/notices/?page={n}" for n in range(5)]
    with caplog.at_level(logging.ERROR, logger="django.request"):
        for path in paths:
            assert outage_response(path, OperationalError(down)).status_code == 503
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage().splitlines() for r in records[1:]] == [
        ["Service Unavailable: /en/notices/ (database unavailable: OperationalError: "
         "connection to server at 127.0.0.1 failed: Connection refused; traceback logged once)"]
    ] * 4  # fmt: skip
    assert [r.exc_info is not None for r in records] == [True, False, False, False, False]
    assert caplog.text.count("Traceback (most recent call last)") == 1
    # A minute without errors ends the outage: the next one shows its traceback again.
    fresh_outage_filter.last_seen -= 61
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="django.request"):
        outage_response("/en/", OperationalError(down))
    assert caplog.text.count("Traceback (most recent call last)") == 1


def test_a_bug_keeps_its_traceback_every_time(caplog, fresh_outage_filter):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        outage_response("/en/", OperationalError("down"))
        for _ in range(3):
            assert outage_response("/en/", ValueError("a bug")).status_code == 500
    assert caplog.text.count("Traceback (most recent call last)") == 4
