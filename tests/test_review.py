"""Review by email, end to end: an editor sends a draft for review, the publishers get an
email from a real SMTP server, a publisher rejects with a comment the editor reads, and
publishes the next draft for visitors to see.

The SMTP server is aiosmtpd, started on a free port of 127.0.0.1 for the test; Django talks
to it with its own SMTP backend, as it would to the embassy's mail server.
"""

import email
import email.policy
import socket
from http import HTTPStatus

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client

from publishing import revisions
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Relation

from .factories import make_staff
from .html import parse, text_of
from .revisions_helpers import RELATION, edit, visible_text

pytestmark = pytest.mark.django_db


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.mail_from, sorted(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1, and the site's email settings pointing at it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Embassy website <website@example.org>"
    yield mailbox
    controller.stop()


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def staff(username, role, email="", **kwargs):
    first_name = username.title()
    return make_staff(
        username, role, email=email, first_name=first_name, last_name="Staff", **kwargs
    )


def button_form(response, label):
    """The action and fields of the form whose button says ``label``."""
    for form in parse(response).forms:
        if any(text_of(button) == label for button in form.cssselect("button")):
            return form.get("action"), dict(form.form_values())
    raise AssertionError(f"No form with a {label!r} button")


def test_a_draft_goes_to_review_is_rejected_then_published(seed, smtp, client):
    editor = login(staff("eddie", EDITORS, email="eddie@example.org"))
    publisher = login(staff("anna", PUBLISHERS, email="anna@example.org"))
    staff("olga", PUBLISHERS, email="olga@example.org")
    staff("nomail", PUBLISHERS)  # no address: nobody to email
    staff("gone", PUBLISHERS, email="gone@example.org", is_active=False)
    url = RELATION.format(seed.pk)

    # The editor changes the live page: a draft waits, visitors see the live version.
    edit(editor, url, summary="A summary the publisher will reject.")
    draft = revisions.pending_draft(seed)
    revision_url = f"{url}history/{draft.pk}/"
    action, fields = button_form(editor.get(revision_url), "Send for review")
    response = editor.post(action, fields, follow=True)
    assert "Sent for review: 2 publisher(s) were emailed." in text_of(parse(response))

    # One email, to the active publishers that have an address, naming the page and linking
    # to the revision.
    assert len(smtp.received) == 1
    sender, recipients, message = smtp.received[0]
    assert sender == "website@example.org"
    assert recipients == ["anna@example.org", "olga@example.org"]
    assert message["Subject"] == "Review requested: NATO – Azerbaijan relations"
    body = message.get_body().get_content()
    assert "Eddie Staff asks a publisher to review changes to “NATO – Azerbaijan relations”" in (
        body
    )
    assert f"http://testserver{revision_url}" in body
    # The history says so; the link opens the revision, with the publisher's buttons.
    assert "Waiting for review" in text_of(parse(publisher.get(url + "history/")))
    review = publisher.get(revision_url)
    assert review.status_code == HTTPStatus.OK

    # The publisher rejects, saying why; the editor reads it on the change form.
    action, fields = button_form(review, "Reject")
    fields["comment"] = "Please keep the dates in the summary."
    assert publisher.post(action, fields).status_code == HTTPStatus.FOUND
    banner = text_of(parse(editor.get(url + "change/")).cssselect(".publishing-banner")[0])
    assert "Rejected by Anna Staff: “Please keep the dates in the summary.”" in banner
    assert "A summary the publisher will reject." not in visible_text(client, seed)

    # Another draft, sent again, is published: visitors see it.
    edit(editor, url, summary="A summary since 1992, as asked.")
    second = revisions.pending_draft(seed)
    action, fields = button_form(editor.get(f"{url}history/{second.pk}/"), "Send for review")
    assert editor.post(action, fields).status_code == HTTPStatus.FOUND
    assert len(smtp.received) == 2
    action, fields = button_form(
        publisher.get(f"{url}history/{second.pk}/"), "Publish these changes"
    )
    assert publisher.post(action, fields).status_code == HTTPStatus.FOUND
    assert "A summary since 1992, as asked." in visible_text(client, seed)
    assert revisions.pending_draft(seed) is None


def test_no_email_is_sent_when_no_publisher_has_an_address(seed, smtp):
    editor = login(staff("eddie", EDITORS, email="eddie@example.org"))
    staff("nomail", PUBLISHERS)
    url = RELATION.format(seed.pk)
    edit(editor, url, summary="A change nobody is emailed about.")
    draft = revisions.pending_draft(seed)
    action, fields = button_form(editor.get(f"{url}history/{draft.pk}/"), "Send for review")
    response = editor.post(action, fields, follow=True)
    assert "Sent for review: 0 publisher(s) were emailed." in text_of(parse(response))
    assert smtp.received == []
    assert revisions.pending_draft(seed).review == "submitted"


def test_a_mail_server_that_is_down_leaves_the_draft_to_send_again(seed, smtp, settings):
    editor = login(staff("eddie", EDITORS))
    staff("anna", PUBLISHERS, email="anna@example.org")
    url = RELATION.format(seed.pk)
    edit(editor, url, summary="A change sent while the mail server is down.")
    draft = revisions.pending_draft(seed)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nothing listens there
    action, fields = button_form(editor.get(f"{url}history/{draft.pk}/"), "Send for review")
    response = editor.post(action, fields, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "could not be sent, so the draft is not marked for review" in text_of(parse(response))
    assert revisions.pending_draft(seed).review == ""
    settings.EMAIL_PORT = port
    action, fields = button_form(editor.get(f"{url}history/{draft.pk}/"), "Send for review")
    assert editor.post(action, fields).status_code == HTTPStatus.FOUND
    assert len(smtp.received) == 1
