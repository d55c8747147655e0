"""Staff users in their roles, and notices to work on, for the admin tests."""

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from embassy_site.management.commands import add_staff
from embassy_site.publishing import Status
from notices.models import Notice

from .public_content import make_category

PASSWORD = "a-long-test-password-1"


def make_staff(username, group=None, **kwargs):
    """A staff user in the named group (groups set up by ``setup_roles``)."""
    if group and not Group.objects.filter(name=group).exists():
        call_command("setup_roles", verbosity=0)
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_notice(**kwargs):
    kwargs.setdefault("title", "Visa rules for the summer")
    kwargs.setdefault("slug", "visa-rules")
    kwargs.setdefault("summary", "What travellers need to know.")
    kwargs.setdefault("body", "<p>Apply early.</p>")
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - timezone.timedelta(days=1))
    kwargs.setdefault("category", make_category())
    return Notice.objects.create(**kwargs)


class Terminal:
    """Stands in for the keyboard of ``add_staff``: getpass reads a terminal tests lack."""

    def __init__(self, monkeypatch):
        self.answers, self.prompts = [], []
        monkeypatch.setattr(add_staff, "getpass", self.getpass)

    def getpass(self, prompt):
        self.prompts.append(prompt)
        assert self.answers, f"unexpected prompt {prompt!r}"
        return self.answers.pop(0)
