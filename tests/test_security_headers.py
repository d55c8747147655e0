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


def test_admin_keeps_what_its_editor_needs(admin_client):
    response = admin_client.get("/admin/notices/notice/add/")
    assert "Content-Security-Policy" not in response
    assert "camera=()" in response["Permissions-Policy"]
