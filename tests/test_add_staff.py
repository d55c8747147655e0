"""`manage.py add_staff`: a person gets a staff account in the Editor or Publisher role."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from publishing.roles import EDITORS, PUBLISHERS

from .factories import Terminal

pytestmark = pytest.mark.django_db

PASSWORD = "tricolour-over-baku-1918"


@pytest.fixture
def terminal(monkeypatch):
    return Terminal(monkeypatch)


def roles(username):
    return sorted(User.objects.get(username=username).groups.values_list("name", flat=True))


def signs_in(client, username, password):
    """Through the admin's own sign-in form, as the person would."""
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    return response.status_code == 302 and client.get("/admin/").status_code == 200


def test_creates_a_staff_account_in_the_role_asking_the_password_twice(client, terminal, capsys):
    assert not Group.objects.exists()  # setup_roles has not run: add_staff runs it
    terminal.answers = [PASSWORD, PASSWORD]
    call_command("add_staff", "maria", "--role", "editor", "--email", "maria@example.org")
    assert terminal.prompts == ["Password: ", "Password (again): "]
    assert "maria: created" in capsys.readouterr().out
    assert roles("maria") == [EDITORS]
    maria = User.objects.get(username="maria")
    assert maria.is_staff and not maria.is_superuser
    assert maria.email == "maria@example.org"
    assert Group.objects.get(name=EDITORS).permissions.exists()
    assert signs_in(client, "maria", PASSWORD)


def test_running_again_changes_the_role_and_keeps_the_password(client, terminal, capsys):
    terminal.answers = [PASSWORD, PASSWORD]
    call_command("add_staff", "maria", "--role", "editor")
    call_command("add_staff", "maria", "--role", "publisher")  # no prompt this time
    assert roles("maria") == [PUBLISHERS]
    assert "maria: now in the Publishers group (was: Editors)" in capsys.readouterr().out
    call_command("add_staff", "maria", "--role", "publisher")
    assert roles("maria") == [PUBLISHERS]
    assert "maria: already in the Publishers group" in capsys.readouterr().out
    assert User.objects.count() == 1
    assert signs_in(client, "maria", PASSWORD)


def test_an_existing_user_without_a_role_gets_one_and_other_groups_stay(terminal):
    User.objects.create_user("ion", password=PASSWORD)
    translators = Group.objects.create(name="Translators")
    User.objects.get(username="ion").groups.add(translators)
    call_command("add_staff", "ion", "--role", "publisher", "--email", "ion@example.org")
    ion = User.objects.get(username="ion")
    assert ion.is_staff and ion.email == "ion@example.org"
    assert roles("ion") == [PUBLISHERS, "Translators"]


def test_passwords_that_differ_or_are_weak_are_asked_for_again(terminal, capsys):
    terminal.answers = [PASSWORD, PASSWORD + "x", "maria", "maria", PASSWORD, PASSWORD]
    call_command("add_staff", "maria", "--role", "editor")
    err = capsys.readouterr().err
    assert "The two passwords differ" in err
    assert "too similar to the username" in err
    assert roles("maria") == [EDITORS]


def test_gives_up_after_three_tries_without_creating_anyone(terminal):
    terminal.answers = ["short", "short"] * 3
    with pytest.raises(CommandError, match="no account was created"):
        call_command("add_staff", "maria", "--role", "editor")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["maria", "--role", "admin"], "Unknown role “admin”: choose editor or publisher."),
        (["maria"], "the following arguments are required: --role"),
        (["maria", "--role", "editor", "--email", "not-an-address"], "Invalid email"),
        (["maria smith", "--role", "editor"], "Invalid username"),
    ],
)
def test_bad_arguments_are_a_clear_error_before_any_question(terminal, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("add_staff", *args)
    assert terminal.prompts == []
    assert not User.objects.exists()
