"""Review-by dates: a page type's default set on publishing, kept by restores, listed on the
dashboard when overdue, and a daily e-mail to the last publisher, once per date, through a
real SMTP server (aiosmtpd on a free port, as in test_review)."""

import datetime
from http import HTTPStatus

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.utils import timezone

from notices.models import Notice
from publishing import actions, revisions
from publishing.models import Status
from publishing.registry import registry
from publishing.review_dates import add_months
from publishing.roles import EDITORS, PUBLISHERS
from tests.toy.models import Leaflet
from upkeep.models import ReviewReminder

from .factories import make_notice, make_staff
from .html import parse, text_of
from .test_review import Mailbox, free_port

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run may cross midnight in Baku."""
    return timezone.localdate()


def long_ago():
    return today() - datetime.timedelta(days=40)


@pytest.fixture
def mailserver(settings):
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
def leaflets():
    """A page type only the tests know, declaring a six-month review period."""
    page_type = registry.register(Leaflet, review_months=6)
    yield page_type
    registry.unregister(Leaflet)


@pytest.fixture
def publisher():
    return make_staff("pia", PUBLISHERS, email="pia@example.org", first_name="Pia")


def overdue_notice(publisher, **kwargs):
    """A notice its publisher published, whose review date has passed."""
    notice = make_notice(status=Status.DRAFT, publish_at=None, **kwargs)
    actions.Publish(notice, publisher).run()
    Notice.objects.filter(pk=notice.pk).update(review_by=long_ago())
    notice.refresh_from_db()
    return notice


def test_months_are_added_as_a_calendar_does():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 12, 1), 1) == datetime.date(2027, 1, 1)


@pytest.mark.urls("tests.toy.urls")
def test_a_registered_type_s_default_is_set_when_published(leaflets, publisher):
    draft = Leaflet.objects.create(title="Consular hours", slug="hours")
    assert draft.review_by is None
    actions.Publish(draft, publisher).run()
    assert draft.review_by == add_months(today(), 6)
    given = datetime.date(2030, 1, 15)
    chosen = Leaflet.objects.create(title="Fees", slug="fees", review_by=given)
    actions.Publish(chosen, publisher).run()
    assert chosen.review_by == given  # a date given is kept
    # A type without ``review_months`` gets none.
    notice = make_notice(status=Status.DRAFT, publish_at=None)
    actions.Publish(notice, publisher).run()
    assert notice.review_by is None


@pytest.mark.urls("tests.toy.urls")
def test_a_scheduled_page_is_reviewed_from_when_it_goes_live(leaflets, publisher):
    later = timezone.now() + datetime.timedelta(days=60)
    leaflet = Leaflet.objects.create(title="Next year", slug="next")
    actions.Publish(leaflet, publisher, values={"publish_at": later}).run()
    assert leaflet.review_by == add_months(timezone.localdate(later), 6)


def test_a_restore_keeps_the_review_date(publisher):
    notice = overdue_notice(publisher)
    first = revisions.for_page(notice).last()
    Notice.objects.filter(pk=notice.pk).update(review_by=datetime.date(2031, 5, 1))
    actions.Restore(notice, publisher, first).run()
    assert Notice.objects.get(pk=notice.pk).review_by == datetime.date(2031, 5, 1)


def test_the_reminder_goes_to_the_last_publisher_once(publisher, mailserver):
    notice = overdue_notice(publisher, title="Visa fees")
    other = make_staff("otto", PUBLISHERS, email="otto@example.org")
    actions.Publish(make_notice(status=Status.DRAFT, publish_at=None), other).run()  # not due
    call_command("send_review_reminders", verbosity=0)
    assert len(mailserver.received) == 1
    sender, to, message = mailserver.received[0]
    assert (sender, to) == ("website@example.org", ["pia@example.org"])
    assert str(message["Subject"]).strip().startswith("Please check “Visa fees”: review by ")
    body = message.get_content()
    assert f"http://testserver/admin/notices/notice/{notice.pk}/change/" in body
    call_command("send_review_reminders", verbosity=0)  # the next day's run, or a retry
    assert len(mailserver.received) == 1
    assert ReviewReminder.objects.get().sent_to == "pia@example.org"


def test_a_new_review_date_is_written_about_again_when_it_passes(publisher, mailserver):
    notice = overdue_notice(publisher)
    call_command("send_review_reminders", verbosity=0)
    Notice.objects.filter(pk=notice.pk).update(review_by=today())
    call_command("send_review_reminders", verbosity=0)
    assert len(mailserver.received) == 2


def test_without_the_publisher_s_address_the_type_s_publishers_are_told(mailserver):
    gone = make_staff("left", PUBLISHERS, email="left@example.org")
    overdue_notice(gone)
    gone.is_active = False  # left the embassy since
    gone.save()
    make_staff("otto", PUBLISHERS, email="otto@example.org")
    call_command("send_review_reminders", verbosity=0)
    assert [to for _sender, to, _message in mailserver.received] == [["otto@example.org"]]


def test_a_mail_server_that_is_down_is_tried_again_next_time(publisher, mailserver, settings):
    overdue_notice(publisher)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nothing listens there
    with pytest.raises(CommandError, match="tried again on the next run"):
        call_command("send_review_reminders", verbosity=0)
    assert not ReviewReminder.objects.exists()
    settings.EMAIL_PORT = port
    call_command("send_review_reminders", verbosity=0)
    assert len(mailserver.received) == 1


def test_the_dashboard_lists_overdue_pages_and_mark_checked_sets_a_new_date(client, publisher):
    notice = overdue_notice(publisher, title="Visa fees")
    make_notice(title="Fresh page", review_by=today() + datetime.timedelta(days=3))
    client.force_login(make_staff("ed", EDITORS))  # editors check pages too
    doc = parse(client.get("/admin/"))
    rows = [text_of(tr) for tr in doc.cssselect("#upkeep tr[data-kind=review]")]
    assert len(rows) == 1
    assert "Visa fees" in rows[0] and "Pia" in rows[0]  # the owner: who published it
    assert long_ago().strftime("%Y") in rows[0]
    form = doc.cssselect("#upkeep tr[data-kind=review] form")[0]
    response = client.post(form.get("action"))
    assert response.status_code == HTTPStatus.FOUND
    notice.refresh_from_db()
    assert notice.review_by == add_months(today(), 12)  # notices declare no period: a year
    assert not parse(client.get("/admin/")).cssselect("#upkeep tr[data-kind=review]")


def test_remind_me_later_puts_an_overdue_page_off_for_a_week(client, publisher):
    overdue_notice(publisher)
    client.force_login(publisher)
    doc = parse(client.get("/admin/"))
    later = doc.cssselect("#upkeep tr[data-kind=review] form")[1]
    client.post(later.get("action"))
    assert not parse(client.get("/admin/")).cssselect("#upkeep tr[data-kind=review]")


def test_the_review_date_is_with_the_publishing_dates(client, publisher):
    notice = make_notice()
    client.force_login(publisher)
    form = parse(client.get(f"/admin/notices/notice/{notice.pk}/change/"))
    names = [field.get("name") for field in form.cssselect("fieldset input, fieldset select")]
    assert names.index("review_by") == names.index("expires_at_1") + 1
    actions.Withdraw(notice, publisher, reason={"en": "Old."}).run()
    form = parse(client.get(f"/admin/notices/notice/{notice.pk}/change/"))
    assert not form.cssselect('[name="review_by"]')  # read-only: nothing to review


def test_embassy_pages_are_due_for_review_six_months_after_publishing(publisher):
    from .pages_helpers import make_page

    page = make_page("Passports", status=Status.DRAFT, publish_at=None)
    assert page.review_by is None
    actions.Publish(page, publisher).run()
    page.refresh_from_db()
    today = timezone.localdate()
    assert page.review_by == add_months(today, 6)
