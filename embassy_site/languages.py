"""Addresses per language: /en/, /ro/ and /az/, with the old unprefixed ones kept working.

Links shared before the site had languages pointed at /notices/… and /relations/…; they
answer 301 to the English page, which is what they showed. "/" alone is left to Django's
LocaleMiddleware, which sends each visitor to the language their browser asks for.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, get_script_prefix, is_valid_path, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path, override


def is_old_page(path):
    """A page the old site had: the embassy's pages (a catch-all, pages/urls.py) came with
    the languages, so no unprefixed link ever named one."""
    try:
        return resolve(path).view_name != "pages:page"
    except Resolver404:
        return False


class LegacyAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path != "/" and not get_language_from_path(path):
            # Only an address that is a public page in English; the admin and the rest
            # resolve as they are. The prefix patterns match the active language's prefix.
            with override(settings.LANGUAGE_CODE):
                legacy = not is_valid_path(path) and is_old_page(f"/{settings.LANGUAGE_CODE}{path}")
            if legacy:
                prefix = get_script_prefix()
                full = request.get_full_path()
                return HttpResponsePermanentRedirect(
                    full.replace(prefix, f"{prefix}{settings.LANGUAGE_CODE}/", 1)
                )
        return self.get_response(request)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that an unknown address without a language stays a 404: Django sends
    it to /<language>/… whenever that resolves, and the embassy's pages resolve any path
    there. Pages came with the languages, so no link without one ever named a page."""

    def process_response(self, request, response):
        path = request.path_info
        if response.status_code == 404 and path != "/" and not get_language_from_path(path):
            language = get_language()
            candidates = [f"/{language}{path}"]
            if not path.endswith("/"):
                candidates.append(f"/{language}{path}/")
            if not any(is_old_page(candidate) for candidate in candidates):
                patch_vary_headers(response, ("Accept-Language",))
                response.headers.setdefault("Content-Language", language)
                return response
        return super().process_response(request, response)
