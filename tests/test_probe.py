"""The site asking itself what a visitor gets at one of its addresses (addresses/probe.py).

It answers as a visitor is answered (200, 301 and its target, 404, 410, a download), and it
is safe beside other threads: it sends no request signals (their receiver closes the
thread's database connection) and changes nothing global, so a probe in one thread cannot
close or break the connection another thread is using mid-transaction.
"""

import threading

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, connections, transaction

from addresses import probe
from addresses.models import Redirect

from .factories import make_attachment, make_notice


def _answers(notice, attachment):
    found = {}
    for url in (
        notice.get_absolute_url(),
        "/ro/notices/old-visa/",
        "/en/notices/gone-visa/",
        "/en/notices/no-such-notice/",
        attachment.file.url,
    ):
        response = probe.answer(url)
        found[url] = (response.status_code, response.get("Location", ""))
        probe.release(response)
    return found


def _seed():
    notice = make_notice(slug="visa")
    attachment = make_attachment(notice, title="Form")
    Redirect.objects.create(old_path="/ro/notices/old-visa/", target_path="/ro/notices/visa/")
    Redirect.objects.create(old_path="/en/notices/gone-visa/", gone=True)
    return notice, attachment


@pytest.mark.django_db
def test_a_probe_answers_as_a_visitor_is_answered_and_sends_no_request_signals():
    notice, attachment = _seed()
    sent = []

    def note(sender, **kwargs):
        sent.append(sender)

    request_started.connect(note)
    request_finished.connect(note)
    try:
        found = _answers(notice, attachment)
    finally:
        request_started.disconnect(note)
        request_finished.disconnect(note)
    assert found == {
        "/en/notices/visa/": (200, ""),
        "/ro/notices/old-visa/": (301, "/ro/notices/visa/"),
        "/en/notices/gone-visa/": (410, ""),
        "/en/notices/no-such-notice/": (404, ""),
        attachment.file.url: (200, ""),
    }
    assert sent == []
    receivers = [entry[1]() for entry in request_finished.receivers]
    assert close_old_connections in receivers


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="one connection per thread")
def test_probes_in_two_threads_leave_each_others_connection_and_transaction_alone():
    notice, attachment = _seed()
    start = threading.Barrier(2)
    failures = []

    def serve(rounds):
        # As a request in a threaded worker does: a transaction open while it probes.
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    pid = cursor.fetchone()[0]
                mine = Redirect.objects.create(old_path=f"/en/t{threading.get_ident()}/", gone=True)
                start.wait()
                for _ in range(rounds):
                    assert _answers(notice, attachment)[attachment.file.url] == (200, "")
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_backend_pid()")
                        assert cursor.fetchone()[0] == pid
                    assert connection.in_atomic_block and not connection.needs_rollback
                    assert Redirect.objects.filter(pk=mine.pk).exists()
        except Exception as error:  # noqa: BLE001 - reported below, with its thread
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=serve, args=(15,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # Both transactions committed: neither thread's connection was closed under it.
    assert Redirect.objects.filter(old_path__startswith="/en/t").count() == 2


@pytest.mark.django_db
def test_a_probe_uses_the_middleware_as_configured_now(settings):
    _seed()
    assert probe.answer("/ro/notices/old-visa/").status_code == 301
    # Without the redirects' middleware, the old address is a plain 404.
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "addresses.middleware.RedirectFallbackMiddleware"
    ]
    assert probe.answer("/ro/notices/old-visa/").status_code == 404
