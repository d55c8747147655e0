"""Absolute addresses from the configured SITE_URL, never from the request's Host header.

A cached page, feed or sitemap is shared by every visitor, so the Host one request sent
must not end up in it (an allowed host with another port would otherwise do).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    return settings.SITE_URL + path


class SiteRequest:
    """A request as code that reads the host from it (Django's feeds) should see it: its
    host and scheme are the site's."""

    def __init__(self, request):
        self._request = request
        self._site = urlsplit(settings.SITE_URL)

    def get_host(self):
        return self._site.netloc

    def is_secure(self):
        return self._site.scheme == "https"

    @property
    def scheme(self):
        return self._site.scheme

    def build_absolute_uri(self, location=None):
        return absolute(location if location is not None else self._request.get_full_path())

    def __getattr__(self, name):
        return getattr(self._request, name)
