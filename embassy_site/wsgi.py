"""The WSGI application: Django's, behind the page cache's fast path.

A visitor's page that is in the cache and fresh is answered here, before Django's handler
runs at all (no request object, no middleware chain, no request signals): the same checks
and lookup as the page-cache middleware (embassy_site/page_cache.py), made on the WSGI
environ (embassy_site/page_hits.py), and the answer made ready when the page was stored
(its status line, headers and bytes: embassy_site/page_entries.py). The middleware
handles everything else, misses included. A request this cannot answer goes on to Django
unchanged, apart from the query parameters the page does not read, which are dropped (as
the middleware would).
"""

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy_site.settings")
django_application = get_wsgi_application()

from embassy_site import page_hits  # noqa: E402 (needs the settings loaded above)

logger = logging.getLogger(__name__)


def application(environ, start_response):
    try:
        found = page_hits.answer(environ)
    except Exception:  # any surprise here is Django's to handle (and report), not a 500 of ours
        logger.exception("Page cache lookup failed; the request goes on to Django")
        found = None
    if found is None:
        return django_application(environ, start_response)
    status, headers, body = found
    start_response(status, headers)
    return [body]
