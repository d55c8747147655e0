"""The WSGI application: Django's, behind the page cache's fast path.

A visitor's page that is in the cache and fresh is answered here, before Django's handler
runs at all (no middleware chain, no request signals): the same checks and lookup as the
page-cache middleware (embassy_site/page_cache.py), which handles everything else, misses
included. A request this cannot answer goes on to Django unchanged, apart from the query
parameters the page does not read, which are dropped (as the middleware would).
"""

import logging
import os

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy_site.settings")
django_application = get_wsgi_application()

from embassy_site import page_cache  # noqa: E402 (needs the settings loaded above)

logger = logging.getLogger(__name__)


def application(environ, start_response):
    request = WSGIRequest(environ)
    try:
        if not page_cache.may_use(request):
            return django_application(environ, start_response)
        request.get_host()
    except DisallowedHost:
        return django_application(environ, start_response)  # Django answers 400
    try:
        _key, _version, entry = page_cache.lookup(request)
    except Exception:  # any surprise here is Django's to handle (and report), not a 500 of ours
        logger.exception("Page cache lookup failed; the request goes on to Django")
        entry = None
    if entry is None:
        return django_application(environ, start_response)
    response = entry.answer(request)
    status = f"{response.status_code} {response.reason_phrase}"
    start_response(status, list(response.items()))
    return [] if request.method == "HEAD" else [response.content]
