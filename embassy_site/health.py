"""/healthz for the load balancer: is the database reachable, is the cache?

Cheap enough to ask every few seconds (one ``SELECT 1`` on the worker's kept connection and
one cache ping), never cached and never setting a cookie. 200 when both answer; 503 naming
the part that failed, so the site is taken out of rotation while its database is down.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .errors import RETRY_AFTER_SECONDS

OK, FAILED = "ok", "unavailable"


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return FAILED
    return OK


def cache_status():
    try:
        check = getattr(cache, "health_check", None)
        if check is not None:
            check()
        else:
            cache.get("healthz")
    except Exception:  # any failure of the cache client means "not usable"
        return FAILED
    return OK


@require_safe
def healthz(request):
    parts = {"database": database_status(), "cache": cache_status()}
    healthy = all(state == OK for state in parts.values())
    response = JsonResponse(
        {"status": OK if healthy else FAILED, **parts}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
