"""What the site answers a visitor for one of its own addresses, asked in-process.

No HTTP to ourselves, and no test machinery: the request goes through the site's own
handler (every middleware, the URL resolver, the view), as an anonymous visitor without
cookies over https, so the answer is the one a visitor gets. Unlike a WSGI server, the
probe sends neither ``request_started`` nor ``request_finished``: those close the thread's
database connection (``close_old_connections``), which the caller may be using inside a
transaction. Nothing global is changed, so probes are safe from any thread at any time.
"""

import io
import sys
import threading
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.urls import get_urlconf, set_urlconf
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


class _Handler(BaseHandler):
    """The site's middleware chain, loaded once per process, as WSGIHandler loads it."""

    _lock = threading.Lock()
    _loaded = None

    @classmethod
    def get(cls):
        with cls._lock:
            if cls._loaded is None:
                handler = cls()
                handler.load_middleware()
                cls._loaded = handler
            return cls._loaded

    @classmethod
    def forget(cls, setting, **kwargs):
        """A changed MIDDLEWARE (tests' override_settings) is loaded afresh."""
        if setting == "MIDDLEWARE":
            with cls._lock:
                cls._loaded = None


setting_changed.connect(_Handler.forget)


def _environ(url, host):
    """The WSGI environment a server would build for an anonymous GET of ``url``."""
    parts = urlsplit(url)
    host = host or parts.hostname or site_host()
    return {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path as bytes read as Latin-1 (PEP 3333), percent-escapes undone.
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("iso-8859-1"),
        "QUERY_STRING": parts.query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def answer(url, host=None):
    """The response the site gives to a GET of ``url`` (a path, or an address of its own).

    A streaming response (a download) holds its file open: pass it to ``release``.
    """
    request = WSGIRequest(_environ(url, host))
    # The request activates its own language and URLconf in this thread: put them back.
    language, urlconf = translation.get_language(), get_urlconf()
    try:
        return _Handler.get().get_response(request)
    finally:
        set_urlconf(urlconf)
        translation.activate(language)


def release(response):
    """Frees what a response holds (an open file, the request's uploads) without
    ``response.close()``, which would send ``request_finished`` (see the module's note)."""
    closers, response._resource_closers = response._resource_closers, []
    for closer in closers:
        closer()
