"""Cached pages answered by the WSGI application before Django's handler (embassy_site/
wsgi.py), called as gunicorn calls it: the same bytes and headers as through the middleware,
no query, and every request it must not answer passed on to Django."""

import io
from http import HTTPStatus
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from embassy_site.wsgi import application

from .factories import make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def wsgi_get(path, method="GET", **headers):
    environ = {"REQUEST_METHOD": method, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    path, _, query = path.partition("?")
    environ.update({"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"})
    environ.update(headers)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(response_headers))

    # As Django's test client does: the test's transaction is not a stale connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


def test_a_stored_page_is_answered_before_django_with_no_query(client, django_assert_num_queries):
    make_notice(title="Served early")
    stored = client.get("/en/notices/?utm_source=x")  # rendered and stored by the middleware
    with django_assert_num_queries(0):
        status, headers, body = wsgi_get("/en/notices/?fbclid=y")
    assert status == HTTPStatus.OK
    assert body == stored.content and b"Served early" in body
    for name in ("Content-Security-Policy", "ETag", "Last-Modified", "X-Frame-Options"):
        assert headers[name] == stored[name], name
    assert "Set-Cookie" not in headers


def test_compressed_head_and_not_modified_answers(client):
    make_notice()
    client.get("/en/notices/")
    status, headers, body = wsgi_get("/en/notices/", HTTP_ACCEPT_ENCODING="gzip")
    assert headers["Content-Encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
    status, headers, body = wsgi_get("/en/notices/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == HTTPStatus.NOT_MODIFIED and "Accept-Encoding" in headers["Vary"]
    status, headers, body = wsgi_get("/en/notices/", method="HEAD")
    assert status == HTTPStatus.OK and body == b"" and int(headers["Content-Length"]) > 0


def test_what_it_must_not_answer_goes_to_django(client, settings):
    make_notice(title="Public")
    client.get("/en/notices/")
    status, headers, _ = wsgi_get("/en/notices/", HTTP_COOKIE="sessionid=x")
    assert status == HTTPStatus.OK and "Last-Modified" not in headers  # rendered afresh
    status, _, _ = wsgi_get("/en/notices/", HTTP_HOST="evil.example")
    assert status == HTTPStatus.BAD_REQUEST
    # Plain HTTP where HTTPS is required: left to Django's redirect (whose middleware read
    # the setting when the application was built, so here it renders), never the cache.
    settings.SECURE_SSL_REDIRECT = True
    status, headers, _ = wsgi_get("/en/notices/")
    assert "Last-Modified" not in headers
