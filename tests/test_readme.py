"""The README tried as a new user would: its commands exist and do what it says."""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command, get_commands

from publishing.roles import EDITORS

from .factories import Terminal

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(text):
    """The lines of the README's command blocks (indented four spaces)."""
    return [line.strip() for line in text.splitlines() if line.startswith("    ")]


def test_set_up_takes_exactly_two_commands():
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert commands(section) == ["make run", "make test"]


def test_every_manage_py_command_named_exists():
    named = set(re.findall(r"manage\.py (\w+)", README))
    assert "add_staff" in named
    assert named <= set(get_commands())


@pytest.mark.django_db
def test_giving_a_person_a_role_works_as_written(monkeypatch, client):
    (line,) = [c for c in commands(README) if "manage.py add_staff" in c]
    args = shlex.split(line.split("manage.py", 1)[1])
    terminal = Terminal(monkeypatch)
    terminal.answers = ["a-long-new-password-7", "a-long-new-password-7"]
    call_command(*args)
    username = args[1]
    assert list(User.objects.get(username=username).groups.values_list("name", flat=True)) == [
        EDITORS
    ]
    # Through the sign-in form, as the person would: django-axes checks every sign-in with
    # its request, which Client.login() does not pass.
    response = client.post(
        "/admin/login/",
        {"username": username, "password": "a-long-new-password-7", "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("make_args", "port"), [([], "8000"), (["PORT=8080"], "8080")])
def test_make_run_serves_on_the_port_asked_for(make_args, port):
    make = shutil.which("make")
    if not make:
        pytest.skip("make is missing")
    # -n prints what would run without running it; an outer `make test`'s flags stay out.
    env = {
        k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PORT"}
    }
    result = subprocess.run(
        [make, "-n", "run", *make_args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert re.search(rf"manage\.py runserver 127\.0\.0\.1:{port}$", result.stdout, re.M)
