"""The 410 "Page removed" page is valid HTML in every language, like the 404 page."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

from addresses.models import Redirect

from .test_html_valid import VNU, unavailable

pytestmark = pytest.mark.django_db


def test_the_gone_page_is_valid_html_in_every_language(client, tmp_path):
    java = shutil.which("java")
    if not java:
        unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        unavailable(f"{VNU} is missing (run `npm ci`)")
    files = []
    for language, _name in settings.LANGUAGES:
        Redirect.objects.create(old_path=f"/{language}/notices/removed/", gone=True)
        response = client.get(f"/{language}/notices/removed/")
        assert response.status_code == 410
        files.append(tmp_path / f"gone-{language}.html")
        files[-1].write_bytes(response.content)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    assert errors == []
