"""The withdraw and remove confirmation pages share one form (admin/publishing/
asking_form.html), asked from a page's change form or from the list's action, with or
without a refusal, and each is valid HTML by the Nu HTML Checker."""

import json
import shutil
import subprocess
from http import HTTPStatus

import pytest

from publishing.roles import PUBLISHERS

from .factories import make_notice, make_staff
from .html import parse
from .test_html_valid import VNU, unavailable

pytestmark = pytest.mark.django_db

SHARED = "admin/publishing/asking_form.html"


def asked(client):
    one, two = make_notice(slug="one"), make_notice(slug="two")
    client.force_login(make_staff("pia", PUBLISHERS))
    selected = {"_selected_action": [one.pk, two.pk]}
    page = f"/admin/notices/notice/{one.pk}"
    return {
        "withdraw": client.get(f"{page}/withdraw/"),
        "withdraw refused": client.post(f"{page}/withdraw/", {"reason_ro": "Motiv"}),
        "withdraw selected": client.post(
            "/admin/notices/notice/", {"action": "withdraw", **selected}
        ),
        "remove": client.get(f"{page}/remove/"),
        "remove refused": client.post(f"{page}/remove/", {"replacement": "999:1"}),
        "remove selected": client.post("/admin/notices/notice/", {"action": "remove", **selected}),
    }


def test_both_confirmation_pages_ask_with_one_shared_form(client):
    for name, response in asked(client).items():
        assert response.status_code == HTTPStatus.OK, name
        assert SHARED in [t.name for t in response.templates], name
        action, label = name.split()[0], name.split()[0].capitalize()
        form = parse(response).cssselect("#content-main form")[0]
        assert form.cssselect("input[type=submit]")[0].get("value") == label, name
        posted_back = form.cssselect("input[name=action]")
        if name.endswith("selected"):  # the list's action gets its pages and name back
            assert [i.get("value") for i in posted_back] == [action], name
            assert len(form.cssselect("input[name=_selected_action]")) == 2, name
        else:
            assert posted_back == [], name


def test_both_confirmation_pages_are_valid_html(client, tmp_path):
    java = shutil.which("java")
    if not java:
        unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        unavailable(f"{VNU} is missing (run `npm ci`)")
    files = {}
    for name, response in asked(client).items():
        files[name] = tmp_path / f"{name.replace(' ', '-')}.html"
        files[name].write_bytes(response.content)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr)["messages"]  # the checker reports on stderr
    errors = [
        f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
