"""Versions: who changed what, readable differences, and restoring in one step."""

from http import HTTPStatus

import pytest

from publishing.admin_history import word_diff
from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Relation, Section

from .factories import make_notice, make_relation, make_section, make_staff
from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

NOTICE = "/admin/notices/notice/{}/"
RELATION = "/admin/relations/relation/{}/"


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("anna", PUBLISHERS, first_name="Anna"))
    return client


def edit(client, url, **changes):
    data = form_data(client.get(url + "change/"))
    data.update(changes)
    response = client.post(url + "change/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))
    return response


def versions(client, url):
    response = client.get(url + "history/")
    assert response.status_code == HTTPStatus.OK
    return parse(response).cssselect("#change-history tbody tr")


def test_word_diff_marks_removed_and_added_words_and_escapes():
    html = word_diff(
        "<p>Apply early in May.</p>", "<p>Apply <b>before</b> June &amp; <i>July</i></p>"
    )
    assert html == "Apply <del>early in May.</del> <ins>before June &amp; July</ins>"


def test_notice_versions_say_who_and_what_changed(publisher):
    notice = make_notice(title="Visa rules for the summer", body="<p>Apply early in May.</p>")
    url = NOTICE.format(notice.pk)
    edit(publisher, url, body="<p>Apply early in June.</p>", title="Visa rules 2026")
    rows = versions(publisher, url)
    assert len(rows) == 2
    newest = rows[0]
    assert "anna" in text_of(newest)
    # Only the two fields that changed are listed, with the words that changed.
    assert len(newest.cssselect(".version-changes li")) == 2
    assert {text_of(d) for d in newest.cssselect("del")} == {"May.", "for the summer"}
    assert {text_of(i) for i in newest.cssselect("ins")} == {"June.", "2026"}
    assert "First version." in text_of(rows[1])


def test_relation_versions_include_changes_to_its_sections(publisher):
    relation = make_relation()
    make_section(relation, body="<p>It began in 1992.</p>")
    url = RELATION.format(relation.pk)
    edit(publisher, url, **{"sections-0-body": "<p>It began in 1994.</p>"})
    newest = text_of(versions(publisher, url)[0])
    assert "Section “Evolution of relations”: Body" in newest
    assert "1992." in newest and "1994." in newest


def test_publisher_restores_text_and_parts_but_keeps_publishing(publisher, client):
    relation = make_relation(summary="First summary.")
    make_section(relation, body="<p>Original text.</p>")
    url = RELATION.format(relation.pk)
    edit(publisher, url, summary="Second summary.", **{"sections-0-body": "<p>Rewritten.</p>"})
    # A section added later is not part of the earlier version.
    make_section(relation, heading="Later", anchor="later")
    # A visitor has seen (and the cache holds) the rewritten page before the restore.
    assert "Rewritten." in text_of(parse(client.get(relation.get_absolute_url())))
    first = relation.history.order_by("history_date").first()
    response = publisher.post(url + f"history/{first.history_id}/restore/", follow=True)
    assert "Restored the version of" in text_of(parse(response))
    relation.refresh_from_db()
    assert relation.summary == "First summary."
    assert relation.status == Status.PUBLISHED
    assert list(relation.sections.values_list("body", flat=True)) == ["<p>Original text.</p>"]
    page = text_of(parse(client.get(relation.get_absolute_url())))
    assert "Original text." in page and "Rewritten." not in page
    assert "Restored the version of" in text_of(versions(publisher, url)[0])


def test_restore_is_a_post_for_publishers_only(client):
    notice = make_notice()
    record = notice.history.first()
    notice.save()  # a second version, so the first one could be restored
    restore = NOTICE.format(notice.pk) + f"history/{record.history_id}/restore/"
    client.force_login(make_staff("ed", EDITORS))
    assert client.post(restore).status_code == HTTPStatus.FORBIDDEN
    assert "Only a publisher can restore." in text_of(
        parse(client.get(restore[: -1 - len(f"{record.history_id}/restore")]))
    )
    client.force_login(make_staff("pub", PUBLISHERS))
    assert client.get(restore).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    bad = NOTICE.format(notice.pk) + "history/999999/restore/"
    assert client.post(bad).status_code == HTTPStatus.NOT_FOUND
    assert client.post(NOTICE.format(999999) + "history/1/restore/").status_code == 404


def test_a_version_opens_read_only(publisher):
    notice = make_notice()
    record = notice.history.first()
    response = publisher.get(NOTICE.format(notice.pk) + f"history/{record.history_id}/")
    assert response.status_code == HTTPStatus.OK
    assert not parse(response).cssselect("input[type=submit][value=Revert]")


def test_history_of_deleted_parts_is_kept():
    relation = make_relation()
    section = make_section(relation)
    section.delete()
    assert Section.history.filter(history_type="-").count() == 1
    assert Relation.history.count() == 1
