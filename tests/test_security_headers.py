import base64
import hashlib
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/en/",
    "/en/relations/",
    "/en/relations/nato-azerbaijan/",
    "/en/notices/",
    "/en/search/?q=nato",
]


@pytest.fixture(autouse=True)
def content(db):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)


@pytest.mark.parametrize("url", [*PUBLIC, "/no-such-page/"])
def test_public_pages_forbid_scripts_and_other_hosts(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_admin_scripts_are_its_own_files_and_the_editors_import_map(admin_client):
    """The browser side is tests/browser/test_admin_csp.py; here, what the header allows."""
    response = admin_client.get("/admin/notices/notice/add/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", response.content.decode(), re.DOTALL)
    inline = [script for script in scripts if script.strip()]
    assert len(inline) == 1  # the editor's import map, nothing else inline
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert directives["script-src"] == f"'self' 'sha256-{digest}'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
