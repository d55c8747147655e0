"""The page cache's hits answered from the WSGI environ, before any Django request exists.

embassy_site/wsgi.py asks ``answer`` first. Its checks are the middleware's (the rule of
``page_cache.allows``, Django's Host validation, the same key and lookup), made on the
environ with Django's own helpers. What it is unsure of goes on to Django, whose first
middleware answers it exactly as before, from the cache too: any Cookie header (Django
parses it; a cookie means someone signed in), a request with no Host header, a
malformed setting. So a hit here can never differ from a hit there.
"""

from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.core.signals import setting_changed
from django.http.request import split_domain_port, validate_host

from . import page_cache

# The settings read on every hit, copied (each read of django.conf.settings costs about
# 4,000 instructions) and copied again when one changes (only tests change them).
READ = (
    "PAGE_CACHE_SECONDS",
    "PAGE_CACHE_SKIP",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "USE_X_FORWARDED_HOST",
    "ALLOWED_HOSTS",
    "DEBUG",
    "SITE_URL",
    "FORCE_SCRIPT_NAME",
)


@lru_cache(maxsize=1)
def _settings():
    return SimpleNamespace(**{name: getattr(settings, name) for name in READ})


def answer(environ):
    """(status line, header list, body) of the stored page for this request, or None."""
    conf = _settings()
    method = environ["REQUEST_METHOD"].upper()
    if environ.get("HTTP_COOKIE"):
        return None
    scheme = _scheme(environ, conf.SECURE_PROXY_SSL_HEADER)
    script_name, path_info = _script_and_path(environ, conf)
    path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"  # as WSGIRequest's
    if scheme is None or not page_cache.allows(method, None, path, scheme == "https", conf):
        return None
    host = _raw_host(environ, conf)
    if host is None or not _allowed(host, tuple(conf.ALLOWED_HOSTS), conf.DEBUG):
        return None  # Django answers 400 (or finds the host from SERVER_NAME)
    found = page_cache.lookup(environ, scheme, path, path_info, _backend(), conf.SITE_URL)
    if found[2] is None:
        return None
    status, headers, body = found[2].answer(environ)
    return status, headers, b"" if method == "HEAD" else body


def _script_and_path(environ, conf):
    """WSGIRequest's script name and path_info; ASCII ones (all but a few) as they are."""
    script_name, path_info = environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", "/")
    plain = conf.FORCE_SCRIPT_NAME is None and not (
        environ.get("SCRIPT_URL") or environ.get("REDIRECT_URL")
    )
    if plain and script_name.isascii() and path_info.isascii():
        return script_name, path_info or "/"
    return get_script_name(environ), get_path_info(environ) or "/"


def _scheme(environ, proxy):
    """HttpRequest.scheme, or None where Django would refuse the setting."""
    if proxy:
        try:
            header, secure_value = proxy
        except ValueError:
            return None
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme")


def _raw_host(environ, conf):
    """HttpRequest._get_raw_host, but None where it would be built from SERVER_NAME."""
    if conf.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST")


@lru_cache(maxsize=64)
def _allowed(host, allowed_hosts, debug):
    """HttpRequest.get_host's test (a few hosts are asked again and again)."""
    if debug and not allowed_hosts:
        allowed_hosts = (".localhost", "127.0.0.1", "[::1]")
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed_hosts)


# The default cache, kept: Django finds it through a context-local on every access (about
# 20,000 instructions). A cache setting changed (only tests change it) drops it.
_kept = []


def _backend():
    if not _kept:
        _kept.append(caches["default"])
    return _kept[0]


def _forget(*, setting, **kwargs):
    if setting == "CACHES":
        _kept.clear()
    if setting in READ:
        _settings.cache_clear()


setting_changed.connect(_forget, dispatch_uid="page-hits-backend")
