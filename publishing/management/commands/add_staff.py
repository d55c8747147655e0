from getpass import getpass

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from publishing.roles import EDITORS, PUBLISHERS

ROLE_GROUPS = {"editor": EDITORS, "publisher": PUBLISHERS}
PASSWORD_TRIES = 3


class Command(BaseCommand):
    help = (
        "Give a person the Editor or Publisher role, creating their staff account if needed "
        "(the password is asked for twice). Run again to change the role."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="NAME", help="The name they sign in with.")
        parser.add_argument(
            "--role",
            required=True,
            metavar="editor|publisher",
            help="Editors write drafts; publishers also publish, schedule and withdraw.",
        )
        parser.add_argument("--email", default="", help="Their e-mail address (optional).")

    def handle(self, *args, username, role, email, verbosity=1, **options):
        group_name = ROLE_GROUPS.get(role.lower())
        if group_name is None:
            raise CommandError(f"Unknown role “{role}”: choose editor or publisher.")
        username = self._valid("username", username)
        email = self._valid("email", email) if email else ""
        user = User.objects.filter(username=username).first()
        password = None if user else self._ask_password(User(username=username, email=email))
        with transaction.atomic():
            if Group.objects.filter(name__in=ROLE_GROUPS.values()).count() < len(ROLE_GROUPS):
                call_command("setup_roles", verbosity=0)
            if user is None:
                user = User.objects.create_user(username, email, password, is_staff=True)
                message = f"{username}: created, a staff user in the {group_name} group."
            else:
                message = self._change(user, group_name, email)
            user.groups.add(Group.objects.get(name=group_name))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(message))

    def _change(self, user, group_name, email):
        """An existing account keeps its password; its role (and e-mail, if given) change."""
        roles = user.groups.filter(name__in=ROLE_GROUPS.values())
        was = sorted(roles.values_list("name", flat=True))
        user.is_staff = True
        user.email = email or user.email
        user.save(update_fields=["is_staff", "email"])
        user.groups.remove(*roles.exclude(name=group_name))
        if was == [group_name]:
            return f"{user.username}: already in the {group_name} group."
        return f"{user.username}: now in the {group_name} group (was: {', '.join(was) or 'none'})."

    def _valid(self, field, value):
        try:
            return User._meta.get_field(field).clean(value, None)
        except ValidationError as error:
            raise CommandError(f"Invalid {field} “{value}”: {' '.join(error.messages)}") from None

    def _ask_password(self, user):
        """Asked twice, checked by the site's password rules; a few tries, then give up."""
        for _ in range(PASSWORD_TRIES):
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                self.stderr.write("The two passwords differ. Try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No password was set, so no account was created.")
