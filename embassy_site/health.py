"""/healthz for the load balancer: is the database reachable, is the cache?

Cheap enough to ask every few seconds (one ``SELECT 1`` on the worker's kept connection and
one cache ping), never cached and never setting a cookie. 503 only when the database fails,
so the server is taken out of rotation; the cache is a speed-up (pages are rendered from the
database without it), so a cache failure is 200 with ``"status": "degraded"`` naming it.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .errors import RETRY_AFTER_SECONDS

OK, FAILED, DEGRADED = "ok", "unavailable", "degraded"


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
        available = getattr(cache, "available", None)
        if available is not None and not available():
            return FAILED  # skipped after a recent failure: no need to wait on it again
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
    healthy = parts["database"] == OK
    status = FAILED if not healthy else OK if parts["cache"] == OK else DEGRADED
    response = JsonResponse({"status": status, **parts}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
