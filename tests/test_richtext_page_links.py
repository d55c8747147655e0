"""Links to the site's own pages in rich text (publishing/page_links.py): the sanitiser keeps
a reference only in its one form; visitors get the page's current address in their
language, or the words alone when the page is not theirs to see, with a query per page
type whatever the number of links; the link checker lists a link to a withdrawn page
against the page that holds it."""

from io import StringIO

import lxml.html
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from notices.models import Notice
from publishing.models import Status
from publishing.page_links import render
from publishing.roles import PUBLISHERS
from publishing.sanitize import clean_html
from upkeep.items import upkeep_items
from upkeep.models import LinkCheck, Tier

from .factories import make_notice, make_relation, make_staff
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


def link(page, text="the page", href="/en/old/"):
    return f'<a href="{href}" data-page="{page._meta.label_lower}:{page.pk}">{text}</a>'


@pytest.mark.parametrize(
    "value",
    ["notices.notice:42", "relations.relation:1", "pages.page:7"],
)
def test_the_sanitiser_keeps_a_reference_to_a_page_type(value):
    cleaned = clean_html(f'<p><a href="/en/x/" data-page="{value}">x</a></p>')
    assert f'data-page="{value}"' in cleaned


@pytest.mark.parametrize(
    "value",
    [
        "notices.notice:0",  # no such key
        "notices.notice:42 ",
        "notices.notice:42;x",
        "Notices.Notice:42",
        "notices.notice",
        "notices.notice:-1",
        "notices.notice:12345678901",
        "notices.attachment:1",  # a part, not a page
        "auth.user:1",  # not a page type
        "nothing.here:1",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_sanitiser_drops_any_other_reference(value):
    cleaned = clean_html(f'<p><a href="/en/x/" data-page="{value}">x</a></p>')
    assert "data-page" not in cleaned
    assert '<a href="/en/x/"' in cleaned  # the link itself stays


def test_only_a_link_may_hold_a_reference():
    cleaned = clean_html(
        '<p data-page="notices.notice:4">x <em data-page="pages.page:1">y</em></p>'
    )
    assert "data-page" not in cleaned


def anchors(html):
    tree = lxml.html.fromstring(f"<div>{html}</div>") if isinstance(html, str) else html
    return [(a.get("href"), a.text) for a in tree.iter("a")]


def test_a_renamed_and_moved_page_keeps_its_links_in_every_language(client):
    target = make_page("Passports", slug="passports")
    notice = make_notice(slug="holder", body=f"<p>See {link(target, 'passports')}.</p>")
    parent = make_page("Consular services", slug="consular-services")
    target.parent = parent
    target.slug_en, target.slug_ro, target.slug_az = "travel-documents", "acte", "sened"
    target.published_languages = ["ro", "az"]  # their slugs are live once published
    target.save()
    expected = {
        "en": "/en/consular-services/travel-documents/",
        "ro": "/ro/consular-services/acte/",
        "az": "/az/consular-services/sened/",
    }
    for language, address in expected.items():
        response = client.get(f"/{language}/notices/holder/")
        assert response.status_code == 200
        body = lxml.html.fromstring(response.content.decode()).find(".//*[@class='notice-body']")
        assert [(a.get("href"), a.text) for a in body.iter("a")] == [(address, "passports")]
        assert "data-page" not in response.content.decode()  # visitors get a plain link
        with translation.override(language):
            assert client.get(address).status_code == 200  # and it leads there
    assert Notice.objects.get(pk=notice.pk).body.count("data-page") == 1  # stored as written


def test_a_link_to_a_withdrawn_page_still_leads_to_it_and_its_banner(client):
    target = make_notice(slug="target", title="Target")
    make_notice(slug="holder", body=f"<p>Read {link(target, 'the target')} now.</p>")
    Notice.objects.filter(pk=target.pk).update(status=Status.WITHDRAWN)
    html = client.get("/en/notices/holder/").content.decode()
    assert anchors(lxml.html.fromstring(html).find(".//*[@class='notice-body']")) == [
        ("/en/notices/target/", "the target")
    ]


@pytest.mark.parametrize("state", ["draft", "removed", "deleted"])
def test_a_link_to_a_page_visitors_cannot_see_is_its_words_alone(client, state):
    target = make_notice(slug="target", title="Target")
    make_notice(slug="holder", body=f"<p>Read {link(target, 'the target')} now.</p>")
    if state == "deleted":
        target.delete()
    else:
        Notice.objects.filter(pk=target.pk).update(status=getattr(Status, state.upper()))
    html = client.get("/en/notices/holder/").content.decode()
    body = lxml.html.fromstring(html).find(".//*[@class='notice-body']")
    assert list(body.iter("a")) == []
    assert "".join(body.itertext()).strip() == "Read the target now."


def test_each_type_is_read_once_whatever_the_number_of_links():
    notices = [make_notice(title=f"N{n}") for n in range(10)]
    relation, page = make_relation(), make_page("About")

    def queries(html):
        with translation.override("en"), CaptureQueriesContext(connection) as captured:
            found = anchors(render(clean_html(html)))
        return len(captured), found

    one, found = queries(link(notices[0]) + link(relation) + link(page))
    assert one == 3 and [href for href, _ in found] == [
        notices[0].get_absolute_url(),
        relation.get_absolute_url(),
        page.get_absolute_url(),
    ]
    ten, found = queries("".join(link(n) for n in notices) + link(relation) + link(page))
    assert ten == one and len(found) == 12
    assert queries("<p><a href='/en/x/'>x</a></p>")[0] == 0  # no reference, no query


def test_the_page_view_reads_no_more_for_ten_links(client):
    targets = [make_notice(title=f"T{n}") for n in range(10)]
    make_notice(slug="one", body=link(targets[0]))
    make_notice(slug="ten", body="".join(link(t) for t in targets))
    client.get("/en/notices/")  # caches filled once (content types, site settings)
    counts = []
    for slug in ("one", "ten"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/en/notices/{slug}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_link_checker_lists_a_link_to_a_withdrawn_page_with_its_holder():
    target = make_notice(slug="target")
    holder = make_notice(slug="holder", body=f"<p>{link(target, href='/en/notices/old/')}</p>")
    call_command("check_links", timeout=1, deadline=30, workers=1, stdout=StringIO())
    assert LinkCheck.objects.get(page_id=holder.pk).tier == Tier.OK  # checked where it leads now
    Notice.objects.filter(pk=target.pk).update(status=Status.WITHDRAWN)
    call_command("check_links", timeout=1, deadline=30, workers=1, stdout=StringIO())
    row = LinkCheck.objects.get(page_id=holder.pk)
    assert row.url.endswith("/en/notices/target/") and row.tier == Tier.BROKEN
    items = upkeep_items(make_staff("pub", PUBLISHERS))
    assert [(item["kind"], item["page"], item["detail"]) for item in items] == [
        (
            "broken",
            holder,
            "Links to a withdrawn page. Link to what replaces it, or remove the link.",
        )
    ]
    Notice.objects.filter(pk=target.pk).update(status=Status.DRAFT)
    call_command("check_links", timeout=1, deadline=30, workers=1, stdout=StringIO())
    assert "not published" in LinkCheck.objects.get(page_id=holder.pk).describe()


def test_a_relation_s_cached_body_follows_a_renamed_link_target(
    client, settings, django_capture_on_commit_callbacks
):
    """The relation's body is a cached fragment; a link in it must not keep an old address
    for the fragment's lifetime once its target is renamed."""
    from .factories import make_section

    settings.PAGE_FRAGMENT_CACHE_SECONDS = 300
    target = make_page("Passports", slug="passports")
    relation = make_relation(slug="nato")
    make_section(relation, heading="Visits", body=f"<p>See {link(target, 'passports')}.</p>")

    def hrefs():
        page = lxml.html.fromstring(client.get("/en/relations/nato/").content.decode())
        return [a.get("href") for a in page.iter("a") if a.text == "passports"]

    assert hrefs() == ["/en/passports/"]
    with django_capture_on_commit_callbacks(execute=True):
        target.slug_en = "travel-documents"
        target.save()
    assert hrefs() == ["/en/travel-documents/"]
