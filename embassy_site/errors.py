"""Server errors as visitors see them: a database outage is "come back soon" (503), not a bug.

The 500 handler runs for an error raised anywhere, in a view or in a middleware, so it is the
one place that sees every database failure. Its pages are rendered without touching the
database: the site's own look from templates and static files only. Any other error gets
``views.server_error``'s 500 page.
"""

import sys

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from .outage_log import UNAVAILABLE
from .views import server_error

RETRY_AFTER_SECONDS = 30


def service_unavailable(request):
    # "offline": the shared templates' menus and footer read nothing of the database.
    response = render(request, "503.html", {"noindex": True, "offline": True}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def handler500(request):
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return service_unavailable(request)
    return server_error(request)
