"""Old addresses answered where the site would say 404: 301 to the new one, or 410 Gone.

Like django.contrib.redirects' fallback middleware, it looks only at responses that are
already 404, so a page that exists is never slowed or shadowed, and a 404 costs one
indexed query. It sets no cookie and reads no session.

The page cache stores only 200 answers, so neither these 301/410 answers nor the 404s they
replace are ever kept there; a page that moves changes the content version, which ends the
cached copy of its old address. Browsers keep a 301 an hour at most (max-age), so a page
that later moves back to its old address is not sent in a circle by a stale copy.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from .models import Redirect

REDIRECT_MAX_AGE = 3600


def candidates(path):
    """The path, with its trailing slash, and in English when it names no language."""
    found = [path]
    if not path.endswith("/"):
        found.append(path + "/")
    if not get_language_from_path(path):
        found += [f"/{settings.LANGUAGE_CODE}{each}" for each in list(found)]
    return found


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            return self.answer(request) or response
        except DatabaseError:
            return response  # the database is down: the 404 stands, rather than a 500

    def answer(self, request):
        if "\x00" in request.path_info:  # no old address has one; PostgreSQL refuses it
            return None
        paths = candidates(request.path_info)
        found = {r.old_path: r for r in Redirect.objects.filter(old_path__in=paths)}
        redirect = next((found[p] for p in paths if p in found), None)
        if redirect is None:
            return None
        if redirect.gone:
            gone = TemplateResponse(request, "410.html", status=410)
            return gone.render()
        target = redirect.target_url()
        if not target:
            return None
        query = request.META.get("QUERY_STRING", "")
        if query:
            target += ("&" if "?" in target else "?") + query
        if target.startswith("/"):
            target = request.META.get("SCRIPT_NAME", "").rstrip("/") + target
        kind = HttpResponsePermanentRedirect if redirect.permanent else HttpResponseRedirect
        response = kind(target)
        patch_cache_control(response, max_age=REDIRECT_MAX_AGE)
        return response
