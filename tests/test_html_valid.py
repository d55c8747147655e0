"""Every public page type in every language is valid HTML, by the Nu HTML Checker (npm
vnu-jar, local Java).

All pages go to one JVM call: its start costs about two seconds. Where Java or the jar is
missing the test is skipped with a clear message, except in CI (CI=true or
REQUIRE_BROWSER=1), where that is a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .public_content import page_paths, public_pages

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

# Pictures per page type: the lead images (the notice's and the relation's) where they show.
WITH_IMAGES = {
    "home": 2,
    "relations-list": 1,
    "relation": 1,
    "notices-list": 1,
    "category": 1,
    "notice": 1,
}


def required():
    return os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def unavailable(reason):
    if required():
        pytest.fail(f"The HTML check is required here (CI) but {reason}")
    pytest.skip(f"HTML check skipped: {reason}")


def test_every_public_page_type_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    if not java:
        unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        unavailable(f"{VNU} is missing (run `npm ci`)")
    files = {}
    public_pages()
    for language, _language_name in settings.LANGUAGES:
        for kind, path in page_paths(language).items():
            name = f"{kind} ({language})"
            response = client.get(path)
            assert response.status_code == (404 if kind == "404" else 200), name
            if kind in WITH_IMAGES:  # public_content.add_images: the markup is checked too
                assert response.content.count(b"<picture>") == WITH_IMAGES[kind], name
                assert (b"data-image-id" in response.content) == (kind == "notice"), name
            files[name] = tmp_path / f"{kind}-{language}.html"
            files[name].write_bytes(response.content)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The checker writes its JSON report to stderr.
    messages = json.loads(result.stderr)["messages"]
    by_file = {str(path): name for name, path in files.items()}
    errors = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
