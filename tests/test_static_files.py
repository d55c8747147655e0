"""Static files as whitenoise serves them in production: hashed names and cache headers."""

import re
import struct
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.templatetags.static import static

MAX_AGE = re.compile(r"max-age=(\d+)")
DAY = 24 * 60 * 60


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic with the production storage, as the README's deploy steps run it."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The site's own files are enough; the admin's would only slow the test down.
    call_command("collectstatic", "--no-input", "-i", "admin", "-i", "django_prose_*", verbosity=0)


def cache_control(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response["Cache-Control"]


def test_only_hashed_static_names_are_cached_for_good(collected, client):
    hashed = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", hashed)
    assert "immutable" in cache_control(client, hashed)
    plain = cache_control(client, "/static/css/site.css")
    assert "immutable" not in plain
    assert int(MAX_AGE.search(plain).group(1)) < DAY


def test_favicon_ico_is_served_from_the_site_itself(client):
    """Browsers and crawlers ask for /favicon.ico whatever the page's <link rel=icon> says."""
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/x-icon"
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert int(MAX_AGE.search(response["Cache-Control"]).group(1)) < DAY
    icon = b"".join(response.streaming_content)
    # An ICO directory of square images, each a PNG (as static/favicon.svg, drawn small).
    reserved, kind, count = struct.unpack_from("<HHH", icon)
    assert (reserved, kind) == (0, 1) and count >= 1
    sizes = set()
    for n in range(count):
        width, height, *_, length, offset = struct.unpack_from("<BBBBHHII", icon, 6 + 16 * n)
        assert width == height
        assert icon[offset : offset + length].startswith(b"\x89PNG\r\n\x1a\n")
        sizes.add(width)
    assert {16, 32} <= sizes
