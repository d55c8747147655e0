"""Content Security Policies, as defence in depth: one for public pages, one for the admin.

Public pages run no JavaScript and load nothing from other hosts, so the policy can forbid
both: even HTML that slipped past the sanitiser could not run a script. The admin runs
Django's scripts and the rich-text editor (django-prose-editor), all from /static/; the
only inline script is the editor's import map, allowed by its hash and nothing else, so a
script injected into an admin page (a title, a body) would not run either. Inline styles are
allowed there (see admin_policy).
"""

import base64
import hashlib
import re

from django.urls import reverse
from django_prose_editor.widgets import importmap

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
_INLINE = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


def admin_policy():
    """The admin's policy; the import map's URLs come from static(), so it is built once the
    static files' storage is set up (first admin request)."""
    source = _INLINE.search(str(importmap)).group(1)
    digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'sha256-{digest}'",
            # Inline styles only (they run no code): Django's change list, the admin
            # templates of publishing/ and the editor (tiptap adds its base CSS as <style>).
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None
        self._admin_policy = None

    def __call__(self, request):
        response = self.get_response(request)
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        if not request.path.startswith(self._admin_prefix):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        else:
            if self._admin_policy is None:
                self._admin_policy = admin_policy()
            response.headers.setdefault("Content-Security-Policy", self._admin_policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
