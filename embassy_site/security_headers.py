"""A strict Content Security Policy for the public pages, as defence in depth.

Public pages run no JavaScript and load nothing from other hosts, so the policy can forbid
both: even HTML that slipped past the sanitiser could not run a script. The admin is left
to Django and its editor widget, which need their own scripts and inline styles.
"""

from django.urls import reverse

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
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        if not request.path.startswith(self._admin_prefix):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
