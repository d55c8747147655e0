"""Single-line text holds no control character, and rich text has a size limit: in the admin,
in the import, and in the review email built from a row written some other way."""

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from notices.models import Category, Notice
from publishing import revisions
from publishing.control_characters import one_line
from publishing.registry import registry
from publishing.roles import EDITORS, PUBLISHERS
from publishing.text_rules import RICH_TEXT_MAX, RichTextLimitValidator, SingleLineValidator
from relations.models import Relation

from . import test_review
from .content_helpers import database_state, import_content, write
from .factories import make_category
from .html import parse, text_of
from .revisions_helpers import RELATION, edit

pytestmark = pytest.mark.django_db

# The review test's real SMTP server and shipped content, as fixtures of this module too.
smtp, seed = test_review.smtp, test_review.seed

ONE_LINE = "This field is one line of text and cannot hold"
TOO_LONG = "This text is too long:"


def registered_fields():
    """(model, field, is rich text) of every page, part and lookup."""
    for page_type in registry:
        for model in [*page_type.models(), *page_type.lookups]:
            rich_text = page_type.rich_text_fields(model)
            for field in model._meta.concrete_fields:
                yield model, field, field.name in rich_text


def test_every_single_line_field_of_every_registered_model_refuses_control_characters():
    checked = []
    for model, field, rich_text in registered_fields():
        if isinstance(field, models.CharField) and not rich_text:
            for bad in ["a\r\nb", "a\nb", "a\tb", "a\x00b", "a\x1bb", "a\x85b", "a\u2028b"]:
                with pytest.raises(ValidationError) as refused:
                    field.run_validators(bad)
                codes = [error.code for error in refused.value.error_list]
                assert SingleLineValidator.code in codes, (field, bad)
            try:  # letters, dashes and quotes pass (a URL or a slug may refuse them itself)
                field.run_validators("Ș ə – “ok”")
            except ValidationError as error:
                assert SingleLineValidator.code not in [e.code for e in error.error_list]
            checked.append(f"{model._meta.label}.{field.name}")
    # Pages, parts and lookups: notices' titles, slugs, link, categories, relation sections...
    assert {"notices.Notice.title", "notices.Notice.link_url", "notices.Category.slug"} <= set(
        checked
    )
    assert any(name.startswith("relations.Section.") for name in checked)


def test_every_rich_text_field_has_the_limit():
    fields = [field for _, field, rich_text in registered_fields() if rich_text]
    assert len(fields) >= 3
    for field in fields:
        assert any(isinstance(v, RichTextLimitValidator) for v in field.validators), field


def test_the_limit_counts_the_html_as_stored():
    limit = RichTextLimitValidator(limit=20)
    limit("<p>" + "a" * 13 + "</p>")  # 20 characters exactly
    with pytest.raises(ValidationError, match="21 characters of HTML, at most 20"):
        limit("<p>" + "a" * 14 + "</p>")
    # Short as sent, longer once cleaned: "&" is stored as "&amp;".
    with pytest.raises(ValidationError, match="32 characters of HTML"):
        limit("<p>&&&&&</p>")


def add_notice(client, **changes):
    data = {
        "title": "Visa rules",
        "slug": "visa-rules",
        "category": make_category().pk,
        "summary": "New visa rules.",
        "body": "<p>Bring your passport.</p>",
        "link_url": "",
        "link_label": "",
        "status": "draft",
        "publish_at_0": "2024-05-01",
        "publish_at_1": "10:00:00",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    return client.post(reverse("admin:notices_notice_add"), {**data, **changes})


def field_errors(response, name):
    """The error list the admin shows in the row of one field."""
    rows = parse(response).cssselect(f".field-{name}")
    return " ".join(text_of(e) for row in rows for e in row.cssselect(".errorlist"))


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("title", "Visa rules\r\nBcc: all@example.org", "a line break (U+000D, character 11)"),
        ("link_label", "Read\tmore", "a tab (U+0009, character 5)"),
        ("title", "Visa\x1b[31m rules", "a control character (U+001B, character 5)"),
    ],
)
def test_the_admin_shows_the_refusal_next_to_the_field_and_saves_nothing(
    admin_client, field, value, shown
):
    changes = {field: value}
    if field == "link_label":
        changes["link_url"] = "https://example.org/"
    response = add_notice(admin_client, **changes)
    assert response.status_code == HTTPStatus.OK
    assert f"{ONE_LINE} {shown}" in field_errors(response, field)
    assert not Notice.objects.exists()


def test_the_admin_refuses_a_lookup_name_with_a_line_break(admin_client):
    response = admin_client.post(
        reverse("admin:notices_category_add"),
        {"name": "Visas\nand more", "slug": "visas", "description": "", "order": "1"},
    )
    assert ONE_LINE in field_errors(response, "name")
    assert not Category.objects.exists()


def test_the_admin_refuses_rich_text_over_the_limit_next_to_the_field(admin_client):
    body = "<p>" + "a" * (RICH_TEXT_MAX - 6) + "</p>"  # one character over, as stored
    response = add_notice(admin_client, body=body)
    assert f"{TOO_LONG} 200,001 characters of HTML, at most 200,000." in field_errors(
        response, "body"
    )
    assert not Notice.objects.exists()
    # A long text is refused as sent, before it is cleaned ("&" would grow to "&amp;").
    body = "<p>" + "Visa & passport. " * 60_000 + "</p>"
    response = add_notice(admin_client, body=body)
    assert f"{TOO_LONG} {len(body):,} characters of HTML" in field_errors(response, "body")
    body = "<p>" + "a" * (RICH_TEXT_MAX - 7) + "</p>"
    response = add_notice(admin_client, body=body)  # at the limit
    assert response.status_code == HTTPStatus.FOUND
    assert len(Notice.objects.get().body) == RICH_TEXT_MAX


def notices_file(tmp_path, **notice):
    content = {
        "categories": [{"slug": "visas", "name": "Visas"}],
        "notices": [
            {"slug": "visa-rules", "title": "Visa rules", "category": "visas",
             "summary": "New visa rules.", **notice}
        ],
    }  # fmt: skip
    return write(tmp_path, "notices.json", json.dumps(content))


def refused(path):
    before = database_state()
    with pytest.raises(Exception) as error:
        import_content(path)
    assert database_state() == before
    return str(error.value)


def test_the_import_names_file_object_and_field_of_a_line_break(tmp_path):
    message = refused(notices_file(tmp_path, title="Visa rules\nBcc: all@example.org"))
    assert message.startswith("Nothing was imported: 1 problem to fix first.")
    assert (
        f"notices.json: notices[0] (visa-rules): title: {ONE_LINE} a line break "
        "(U+000A, character 11)"
    ) in message


def test_a_30_mb_body_is_refused_before_it_is_cleaned(tmp_path):
    # "&" grows to "&amp;" when cleaned: the length in the message is the one sent, so the
    # 30 MB were refused without being sanitised first.
    body = "<p>" + "Visa & passport. " * (30 * 2**20 // 17) + "</p>"
    message = refused(notices_file(tmp_path, body=body))
    assert (
        f"notices.json: notices[0] (visa-rules): body: {TOO_LONG} "
        f"{len(body):,} characters of HTML, at most 200,000."
    ) in message
    assert len(body) > 30_000_000


def test_one_line_makes_any_stored_text_safe_for_a_header():
    assert one_line("NATO\r\nBcc: x@example.org\u2028\x00 relations ") == (
        "NATO Bcc: x@example.org relations"
    )


def test_send_for_review_of_a_legacy_title_with_a_line_break_sends_one_clean_subject(seed, smtp):
    editor = test_review.login(test_review.staff("eddie", EDITORS, email="eddie@example.org"))
    test_review.staff("anna", PUBLISHERS, email="anna@example.org")
    url = RELATION.format(seed.pk)
    edit(editor, url, summary="A summary for review.")
    draft = revisions.pending_draft(seed)
    # A row from before the rule (or written by SQL): update() runs no validation.
    Relation.objects.filter(pk=seed.pk).update(title="NATO\r\nBcc: all@example.org\r\n")
    revision_url = f"{url}history/{draft.pk}/"
    action, fields = test_review.button_form(editor.get(revision_url), "Send for review")
    response = editor.post(action, fields, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Sent for review: 1 publisher(s) were emailed." in text_of(parse(response))
    [(_, recipients, message)] = smtp.received
    assert recipients == ["anna@example.org"]
    assert message["Subject"] == "Review requested: NATO Bcc: all@example.org"
    assert message["Bcc"] is None
