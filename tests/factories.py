"""The one place tests build content: valid rows with sensible defaults, nothing mocked.

Defaults describe a published item that visitors can see; pass what a test is about. A page
built with a translated title is published in that language too, as the migration counts
the pages that existed before languages were published one by one (docs/languages.md); pass
``published_languages`` to say otherwise.
Default slugs ("visa-regulations") are numbered when taken, so a test may call a builder
twice without naming them.
"""

from itertools import count

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from notices.models import Attachment, Category, Notice
from publishing.management.commands import add_staff
from publishing.models import Status
from relations.models import Milestone, Relation, Section

from .files import pdf_bytes

PASSWORD = "a-long-test-password-1"
_seq = count(1)


def _unique_slug(model, kwargs, base):
    if "slug" in kwargs:
        return
    slug, n = base, 1
    while model.objects.filter(slug_en=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    kwargs["slug"] = slug


def _published(kwargs, days=1):
    titled = [code for code in ("ro", "az") if kwargs.get(f"title_{code}")]
    kwargs.setdefault("published_languages", titled)
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - timezone.timedelta(days=days))


def make_category(**kwargs):
    """The "Visas" category, or the one named: found again rather than duplicated."""
    kwargs.setdefault("name", "Visas")
    kwargs.setdefault("slug", slugify(kwargs["name"]))
    return Category.objects.get_or_create(slug=kwargs["slug"], defaults=kwargs)[0]


def make_notice(**kwargs):
    kwargs.setdefault("title", "Visa regulations")
    _unique_slug(Notice, kwargs, "visa-regulations")
    kwargs.setdefault("summary", "What travellers need to know.")
    _published(kwargs, days=2)
    if kwargs.get("category") is None:
        # A category of its own, so a test's notices share one only when it says so.
        kwargs["category"] = make_category(name=f"Category {next(_seq)}")
    return Notice.objects.create(**kwargs)


def make_attachment(notice, name="form.pdf", content=None, **kwargs):
    kwargs.setdefault("title", f"Attachment {next(_seq)}")
    upload = SimpleUploadedFile(name, content if content is not None else pdf_bytes())
    return Attachment.objects.create(notice=notice, file=upload, **kwargs)


def make_relation(**kwargs):
    kwargs.setdefault("title", "NATO – Testland relations")
    _unique_slug(Relation, kwargs, "nato-testland")
    kwargs.setdefault("summary", "How NATO and Testland cooperate.")
    _published(kwargs)
    return Relation.objects.create(**kwargs)


def make_section(relation, **kwargs):
    kwargs.setdefault("heading", "Evolution of relations")
    kwargs.setdefault("anchor", "evolution")
    kwargs.setdefault("body", "<p>It began.</p>")
    return Section.objects.create(relation=relation, **kwargs)


def make_milestone(relation, **kwargs):
    kwargs.setdefault("year", 1992)
    kwargs.setdefault("slug", f"m-{next(_seq)}")
    kwargs.setdefault("text", "Something happened.")
    return Milestone.objects.create(relation=relation, **kwargs)


def make_staff(username, group=None, **kwargs):
    """A staff user in the named group (groups set up by ``setup_roles``)."""
    if group and not Group.objects.filter(name=group).exists():
        call_command("setup_roles", verbosity=0)
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


class Terminal:
    """Stands in for the keyboard of ``add_staff``: getpass reads a terminal tests lack."""

    def __init__(self, monkeypatch):
        self.answers, self.prompts = [], []
        monkeypatch.setattr(add_staff, "getpass", self.getpass)

    def getpass(self, prompt):
        self.prompts.append(prompt)
        assert self.answers, f"unexpected prompt {prompt!r}"
        return self.answers.pop(0)


def make_image(data=None, **kwargs):
    """An image in the library, stored and rendered as an upload would be."""
    from images.models import Image
    from tests.image_files import png_bytes, upload

    kwargs.setdefault("title", "The embassy's building")
    kwargs.setdefault("alt_text", "A white stone building with the Romanian flag.")
    image = Image(file=upload(data or png_bytes(), name="building.png"), **kwargs)
    image.full_clean()
    image.save()
    return image
