"""Withdrawing keeps a page at its address with a dated reason; change notes tell visitors
what changed. Against the real database, templates, feeds, search and sitemap."""

from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from notices.models import Notice
from publishing import actions
from publishing.models import PublicNote, Revision, Status
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_relation, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

REASON = {"en": "The visa rules changed.", "ro": "Regulile vizelor s-au schimbat."}


@pytest.fixture
def publisher():
    return make_staff("pia", PUBLISHERS)


def withdrawn(page, publisher, reason=REASON, when=None):
    actions.Withdraw(page, publisher, reason=reason).run()
    if when is not None:  # a known date for the banner
        PublicNote.objects.filter(object_id=page.pk).update(created_at=when)
    page.refresh_from_db()
    return page


def test_withdraw_refuses_without_an_english_reason(publisher):
    notice = make_notice()
    for reason in (None, {"en": "  "}, {"ro": "Doar în română"}):
        with pytest.raises(actions.Refused, match="say why in English"):
            actions.Withdraw(notice, publisher, reason=reason).run()
    notice.refresh_from_db()
    assert notice.status == Status.PUBLISHED and not PublicNote.objects.exists()


def test_an_editor_cannot_withdraw(client):
    editor = make_staff("ed", EDITORS)
    notice = make_notice()
    with pytest.raises(actions.Refused, match="Only a publisher"):
        actions.Withdraw(notice, editor, reason=REASON).run()
    client.force_login(editor)
    url = f"/admin/notices/notice/{notice.pk}/withdraw/"
    assert client.post(url, {"reason_en": "x"}).status_code == HTTPStatus.FORBIDDEN
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED


def test_the_reason_is_in_the_revision_history(publisher):
    notice = withdrawn(make_notice(), publisher)
    latest = Revision.objects.filter(object_id=notice.pk).first()
    assert latest.kind == Revision.Kind.WITHDRAW
    assert latest.note == "Withdrawn: The visa rules changed."
    assert notice.status == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("language", "banner", "lang_mark"),
    [
        ("en", "Withdrawn on 3 May 2026:", None),
        ("ro", "Retras la 3 mai 2026:", None),
        ("az", "3 may 2026 tarixində geri götürülüb:", 'lang="en"'),
    ],
)
def test_the_banner_says_when_and_why_in_the_visitors_language(
    client, publisher, language, banner, lang_mark
):
    notice = make_notice(slug="old-visa-rules", title="Old visa rules")
    withdrawn(notice, publisher, when=datetime(2026, 5, 3, 10, tzinfo=UTC))
    response = client.get(f"/{language}/notices/old-visa-rules/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Old visa rules" in html  # the content stays
    shown = " ".join(text_of(parse(response).cssselect(".banner-withdrawn")[0]).split())
    assert shown.startswith(banner)
    reason = REASON.get(language, REASON["en"])
    assert reason in html
    if lang_mark:  # no Azerbaijani reason: the English, marked as English
        assert f"<span {lang_mark}>{reason}</span>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_a_withdrawn_page_leaves_lists_feeds_search_and_sitemap(
    client, publisher, django_capture_on_commit_callbacks
):
    notice = make_notice(slug="visa-fees", title="Visa fees", summary="Fees for a visa.")
    relation = make_relation(slug="old-partnership", title="Old partnership")
    call_command("rebuild_search_index", verbosity=0)
    places = ["/en/notices/", "/en/notices/feed/", "/en/search/?q=visa", "/sitemap.xml", "/en/"]
    before = {place: client.get(place).content.decode() for place in places}
    assert "visa-fees" in before["/en/notices/"] and "visa-fees" in before["/en/notices/feed/"]
    assert "visa-fees" in before["/en/search/?q=visa"]
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's save commits
        withdrawn(notice, publisher)
        withdrawn(relation, publisher)
    for place in places:
        html = client.get(place).content.decode()
        assert "visa-fees" not in html, place
        assert "old-partnership" not in html, place
    assert client.get("/en/relations/old-partnership/").status_code == HTTPStatus.OK


def test_a_draft_is_still_a_404_and_a_withdrawn_page_can_go_back_to_draft(client, publisher):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    notice = withdrawn(make_notice(), publisher)
    actions.Unpublish(notice, publisher).run()
    assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_the_admin_asks_why_before_withdrawing(client, publisher):
    notice = make_notice()
    client.force_login(publisher)
    change = client.get(f"/admin/notices/notice/{notice.pk}/change/").content.decode()
    url = f"/admin/notices/notice/{notice.pk}/withdraw/"
    assert url in change
    asked = client.get(url).content.decode()
    assert 'name="reason_en"' in asked and 'name="reason_az"' in asked
    refused = client.post(url, {"reason_ro": "Motiv"})
    assert "Say why in English, so visitors know." in refused.content.decode()
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED
    done = client.post(url, {"reason_en": "Replaced.", "reason_az": "Əvəz olunub."})
    assert done.status_code == HTTPStatus.FOUND
    note = PublicNote.objects.get()
    assert (note.text_en, note.text_ro, note.text_az) == ("Replaced.", None, "Əvəz olunub.")


def test_a_change_note_is_shown_newest_first_and_in_the_feed(client, publisher):
    notice = make_notice(slug="visa-hours", title="Visa hours")
    for text, day in (("Opening hours added.", 1), ("Saturday hours removed.", 4)):
        actions.Publish(notice, publisher, public_note={"en": text}).run()
        PublicNote.objects.filter(text_en=text).update(
            created_at=datetime(2026, 6, day, tzinfo=UTC)
        )
    html = " ".join(client.get("/en/notices/visa-hours/").content.decode().split())
    first = html.index('Updated on <time datetime="2026-06-04">4 June 2026</time>: ')
    assert first < html.index('Updated on <time datetime="2026-06-01">1 June 2026</time>: ')
    assert "Saturday hours removed." in html
    feed = client.get("/en/notices/feed/").content.decode()
    assert "Updated on 4 June 2026: Saturday hours removed." in feed
    assert "Opening hours added." not in feed  # the latest note only


def test_a_change_note_needs_english_and_a_page_visitors_read(publisher):
    notice = make_notice()
    with pytest.raises(actions.Refused, match="in English"):
        actions.Publish(notice, publisher, public_note={"ro": "Doar"}).run()
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    with pytest.raises(actions.Refused, match="already read"):
        actions.Publish(draft, publisher, public_note={"en": "New"}).run()
    content_type = ContentType.objects.get_for_model(Notice)
    assert not PublicNote.objects.filter(content_type=content_type).exists()


def test_save_and_publish_on_the_change_form_takes_a_change_note(client, publisher):
    """The change form offers the note with "Save and publish" to a publisher of a live
    page, in every language; an editor, who cannot publish, is not offered it."""
    from publishing import revisions

    from .html import form_data

    notice = make_notice(slug="fees", title="Visa fees")
    revisions.ensure_baseline(notice)
    url = f"/admin/notices/notice/{notice.pk}/change/"
    editor = make_staff("eddie", EDITORS)
    client.force_login(editor)
    assert not parse(client.get(url)).cssselect("textarea[name=public_note_en]")
    client.force_login(publisher)
    form = parse(client.get(url))
    labels = [text_of(label) for label in form.cssselect("fieldset.change-note label")]
    assert labels == ["English", "Romanian", "Azerbaijani"]
    data = form_data(client.get(url))
    data.update(
        title="Visa fees from June",
        public_note_en="The fees changed in June.",
        public_note_ro="Taxele s-au schimbat în iunie.",
        _publish="Save and publish",
    )
    response = client.post(url, data, follow=True)
    assert "Saved and published" in text_of(parse(response))
    shown = text_of(parse(client.get("/en/notices/fees/")))
    assert "Visa fees from June" in shown
    assert "Updated on" in shown and "The fees changed in June." in shown
    assert "Taxele s-au schimbat în iunie." in text_of(parse(client.get("/ro/notices/fees/")))
    client.logout()
    assert "The fees changed in June." in text_of(parse(client.get("/en/notices/fees/")))


def test_saving_a_withdrawn_page_keeps_it_withdrawn(client, publisher):
    """Its dates are fixed while it is withdrawn: a changed date on a live page is
    published at once, which here would bring the page back."""
    from django.test import Client

    from .html import form_data

    notice = withdrawn(make_notice(), publisher)
    client.force_login(publisher)
    url = f"/admin/notices/notice/{notice.pk}/change/"
    form = client.get(url)
    assert "its dates change when it is published again" in form.content.decode()
    data = form_data(form)
    data["expires_at_0"], data["expires_at_1"] = "2030-01-01", "10:00:00"
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    notice = Notice.objects.get(pk=notice.pk)
    assert notice.status == Status.WITHDRAWN and notice.expires_at is None
    assert Client().get(notice.get_absolute_url()).status_code == HTTPStatus.OK  # the banner
