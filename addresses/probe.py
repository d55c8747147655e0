"""What the site answers a visitor for one of its own addresses, asked in-process.

No HTTP to ourselves: Django's test client runs the request through the whole middleware
stack, as an anonymous visitor without cookies, so the answer is the one a visitor gets.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.utils import translation


def site_host():
    """A host name the site accepts (ALLOWED_HOSTS), for requests it makes to itself."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*" and not host.startswith("."):
            return host
    return "localhost"


def is_own(url):
    """A path ("/en/...") or an absolute address on one of the site's own host names."""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return url.startswith("/")
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https") and any(
        host == allowed or (allowed.startswith(".") and host.endswith(allowed))
        for allowed in settings.ALLOWED_HOSTS
        if allowed != "*"
    )


def answer(url, host=None):
    """The response the site gives to a GET of ``url`` (a path, or an address of its own)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # The request activates its own language and leaves it active in this thread.
    language = translation.get_language()
    try:
        client = Client(
            raise_request_exception=False,
            HTTP_HOST=host or parts.hostname or site_host(),
            HTTP_X_FORWARDED_PROTO="https",
        )
        return client.get(path, secure=True)
    finally:
        translation.activate(language)


def release(response):
    """Closes a response without ending the database connection, as the test client does
    (closing sends request_finished, which would close it mid-run)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
