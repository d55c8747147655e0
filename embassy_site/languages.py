"""Addresses per language: /en/, /ro/ and /az/, with the old unprefixed ones kept working.

Links shared before the site had languages pointed at /notices/… and /relations/…; they
answer 301 to the English page, which is what they showed. "/" alone is left to Django's
LocaleMiddleware, which sends each visitor to the language their browser asks for.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils.translation import get_language_from_path, override


class LegacyAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path != "/" and not get_language_from_path(path):
            # Only an address that is a public page in English; the admin and the rest
            # resolve as they are. The prefix patterns match the active language's prefix.
            with override(settings.LANGUAGE_CODE):
                legacy = not is_valid_path(path) and is_valid_path(
                    f"/{settings.LANGUAGE_CODE}{path}"
                )
            if legacy:
                prefix = get_script_prefix()
                full = request.get_full_path()
                return HttpResponsePermanentRedirect(
                    full.replace(prefix, f"{prefix}{settings.LANGUAGE_CODE}/", 1)
                )
        return self.get_response(request)
