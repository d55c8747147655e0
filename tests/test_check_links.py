"""manage.py check_links against a real local server: each kind of answer, its tier.

The seeded notice links to every path of tests/link_server.py, to pages of the site that
exist and one that does not, and carries an attachment; the checker must find exactly the
broken ones, warn about the redirect and the refusal, and leave drafts alone.
"""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status
from upkeep.models import LinkCheck, RunLock
from upkeep.results import lock

from .factories import make_attachment, make_notice
from .link_server import link_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    # The local server is on loopback, which the checker refuses unless allowed.
    settings.LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    with link_server() as urls:
        yield urls


def seed(server):
    base = server["base"]
    outbound = ["/ok", "/moved", "/missing", "/error", "/slow", "/forbidden", "/no-head"]
    links = [base + path for path in outbound] + [server["never"], server["closed"]]
    links += ["/en/notices/", "/en/notices/no-such-notice/", "../", "mailto:a@b.example", "#top"]
    body = "".join(f'<p><a href="{href}">link</a></p>' for href in links)
    notice = make_notice(slug="links", body=body, link_url=base + "/ok", link_label="More")
    attachment = make_attachment(notice, title="Form")
    make_notice(slug="draft", status=Status.DRAFT, body=f'<a href="{base}/missing">x</a>')
    return notice, attachment


def run(**options):
    out = StringIO()
    call_command("check_links", timeout=1, deadline=60, workers=4, stdout=out, **options)
    return out.getvalue()


def tiers():
    return {row.url: row.tier for row in LinkCheck.objects.all()}


def test_the_checker_finds_exactly_the_broken_links(server):
    notice, attachment = seed(server)
    output = run()
    base = server["base"]
    found = tiers()
    broken = {url for url, tier in found.items() if tier == "broken"}
    assert broken == {
        base + "/missing",
        base + "/error",
        base + "/slow",
        server["never"],
        server["closed"],
        "/en/notices/no-such-notice/",
    }
    warnings = {url for url, tier in found.items() if tier == "warning"}
    assert warnings == {base + "/moved", base + "/forbidden"}
    assert {url for url, tier in found.items() if tier == "ok"} == {
        base + "/ok",
        base + "/no-head",
        "/en/notices/",  # and "../" from the notice's own address: the same page
        attachment.file.url,
    }
    assert "6 broken, 2 to check" in output
    # Every row belongs to the published notice; the draft's link was never asked for.
    kind = ContentType.objects.get_for_model(Notice)
    assert set(LinkCheck.objects.values_list("page_type", "page_id")) == {(kind.pk, notice.pk)}
    rows = {row.url: row for row in LinkCheck.objects.all()}
    assert rows[base + "/missing"].status == 404
    assert rows[base + "/moved"].error == "Leads to /ok"
    assert rows[base + "/slow"].error.startswith("No answer")
    assert rows[server["closed"]].error == "Connection refused"


def test_head_first_then_get_where_head_is_refused_with_a_polite_user_agent(server):
    seed(server)
    run()
    seen = server["seen"]
    assert ("HEAD", "/ok") in [(method, path) for method, path, _agent in seen]
    no_head = [method for method, path, _agent in seen if path == "/no-head"]
    assert no_head == ["HEAD", "GET"]
    assert {agent for *_rest, agent in seen} == {
        "Embassy of Romania in Azerbaijan link checker (+https://testserver/)"
    }


def test_a_second_run_updates_the_same_rows_and_drops_links_that_went(server):
    notice, _attachment = seed(server)
    run()
    first = {row.url: (row.pk, row.first_seen) for row in LinkCheck.objects.all()}
    run()
    again = {row.url: (row.pk, row.first_seen) for row in LinkCheck.objects.all()}
    assert again == first
    Notice.objects.filter(pk=notice.pk).update(body="", link_url="")
    run()
    assert server["base"] + "/missing" not in tiers()


def test_a_run_while_another_holds_the_lock_does_nothing(server):
    seed(server)
    err = StringIO()
    with lock("check_links", 60):
        call_command("check_links", timeout=1, deadline=60, stderr=err, stdout=StringIO())
    assert "still going" in err.getvalue()
    assert not LinkCheck.objects.exists()
    # Released: the next run goes ahead.
    assert RunLock.objects.get().held_until <= timezone.now()
    run()
    assert LinkCheck.objects.exists()


def test_a_crashed_runs_lock_expires(server):
    seed(server)
    RunLock.objects.create(name="check_links", held_until=timezone.now() - timezone.timedelta(1))
    run()
    assert LinkCheck.objects.exists()
