"""Static files as whitenoise serves them in production: hashed names and cache headers."""

import re
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
