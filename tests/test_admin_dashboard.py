"""The admin start page: drafts waiting, notices going live and expiring this week;
staff previews at the public address; "View on site" from change pages."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from notices.models import Notice
from publishing.models import Status
from publishing.registry import registry
from publishing.roles import EDITORS

from .factories import make_notice, make_relation, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

DAY = timezone.timedelta(days=1)


@pytest.fixture
def week():
    now = timezone.now()
    return {
        "draft": make_notice(slug="draft", title="Draft notice", status=Status.DRAFT),
        "draft_relation": make_relation(slug="draft-rel", title="Draft relation", status="draft"),
        "soon": make_notice(slug="soon", title="Going live soon", publish_at=now + 3 * DAY),
        "later": make_notice(slug="later", title="Going live later", publish_at=now + 10 * DAY),
        "ending": make_notice(slug="ending", title="Ending soon", expires_at=now + 2 * DAY),
        "lasting": make_notice(slug="lasting", title="Lasting", expires_at=now + 30 * DAY),
    }


def titles(doc, panel):
    return [text_of(a) for a in doc.cssselect(f"#{panel} tbody th a")]


def test_start_page_lists_what_needs_attention_with_links(client, week):
    client.force_login(make_staff("ed", EDITORS))
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert sorted(titles(doc, "drafts")) == ["Draft notice", "Draft relation"]
    assert titles(doc, "scheduled") == ["Going live soon"]
    assert titles(doc, "expiring") == ["Ending soon"]
    link = doc.cssselect("#scheduled tbody th a")[0].get("href")
    assert link == f"/admin/notices/notice/{week['soon'].pk}/change/"
    preview = doc.cssselect("#drafts a[aria-label='Preview Draft notice']")[0]
    assert preview.get("href") == week["draft"].get_absolute_url()
    # The app list is still there below the overview.
    assert doc.cssselect("#content-main .app-notices")


def test_start_page_says_when_nothing_waits(admin_client):
    page = text_of(parse(admin_client.get("/admin/")))
    assert "No drafts: everything written has been published." in page
    assert "Nothing is scheduled for the next 7 days." in page
    assert "Nothing expires in the next 7 days." in page
    assert "Every link with text has an address." in page


EURO_2020 = "Romania’s Visa Regulations in Preparation for UEFA EURO 2020"


def test_start_page_lists_links_with_text_but_no_address(client):
    call_command("loaddata", "notices", verbosity=0)
    make_notice(
        slug="full-link", title="Full link", link_url="https://example.org/", link_label="X"
    )
    make_notice(slug="no-link", title="No link")
    client.force_login(make_staff("ed", EDITORS))
    doc = parse(client.get("/admin/"))
    assert titles(doc, "unlinked") == [EURO_2020]
    euro = Notice.objects.get(title=EURO_2020)
    link = doc.cssselect("#unlinked tbody th a")[0].get("href")
    assert link == f"/admin/notices/notice/{euro.pk}/change/"


def test_change_page_warns_of_link_text_without_address(client):
    call_command("loaddata", "notices", verbosity=0)
    client.force_login(make_staff("ed", EDITORS))
    euro = Notice.objects.get(title=EURO_2020)
    response = client.get(f"/admin/notices/notice/{euro.pk}/change/")
    assert response.status_code == HTTPStatus.OK
    warnings = [text_of(li) for li in parse(response).cssselect("ul.messagelist li.warning")]
    assert len(warnings) == 1
    assert f"The link text “{EURO_2020}” has no address" in warnings[0]
    # Said on that page only, and not again on the next one.
    other = Notice.objects.exclude(pk=euro.pk).first()
    response = client.get(f"/admin/notices/notice/{other.pk}/change/")
    assert parse(response).cssselect("ul.messagelist li.warning") == []


def test_overview_costs_three_queries_per_page_type_and_one_per_panel(
    week, django_assert_num_queries
):
    panels = [panel.id for page_type in registry for panel in page_type.attention]
    # notices': links with text but no address; per page type: translations out of date
    assert panels == [
        "translations-relation",
        "unlinked",
        "translations-notice",
        "translations-page",
    ]
    template = Template("{% load editorial %}{% editorial_overview as o %}{{ o.drafts|length }}")
    template.render(Context())  # content types are looked up once per process
    with django_assert_num_queries(3 * len(registry) + len(panels)):
        assert template.render(Context()) == "2"


def test_staff_preview_a_draft_with_a_banner_visitors_get_404(client, week):
    url = week["draft"].get_absolute_url()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    client.force_login(make_staff("ed", EDITORS))
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    banner = text_of(parse(response).cssselect(".banner")[0])
    assert "Draft" in banner and "Visitors cannot see this page" in banner
    assert "no-cache" in response["Cache-Control"]


def test_staff_preview_a_scheduled_notice_says_from_when(client, week):
    client.force_login(make_staff("ed", EDITORS))
    banner = text_of(parse(client.get(week["soon"].get_absolute_url())).cssselect(".banner")[0])
    assert "Scheduled" in banner
    assert timezone.localtime(week["soon"].publish_at).strftime("%Y") in banner


def test_change_pages_link_to_the_public_page(admin_client, week):
    relation = week["draft_relation"]
    framework = relation.frameworks.create(name="Partnership for Peace", slug="pfp", year=1994)
    for url in [
        f"/admin/notices/notice/{week['draft'].pk}/change/",
        f"/admin/relations/relation/{relation.pk}/change/",
        f"/admin/relations/framework/{framework.pk}/change/",
    ]:
        link = parse(admin_client.get(url)).cssselect("a.viewsitelink")
        assert link, url
        target = admin_client.get(link[0].get("href"))
        assert target.status_code == HTTPStatus.FOUND
        assert admin_client.get(target["Location"]).status_code == HTTPStatus.OK


def test_lists_say_where_a_page_stands_in_a_whole_sentence(client):
    """ "Live, with rejected" read badly: each state and what waits is one message, which
    each language phrases itself."""
    from django.utils.translation import override

    from publishing import actions, revisions, snapshots
    from publishing.roles import PUBLISHERS
    from publishing.state import label

    notice = make_notice(slug="rejected", title="Rejected changes")
    editor, publisher = make_staff("ed", EDITORS), make_staff("pat", PUBLISHERS)
    revisions.ensure_baseline(notice)
    data = snapshots.take(notice)
    data["page"]["fields"]["summary_en"] = "A summary the publisher rejects."
    draft = actions.SaveDraft(notice, editor, data).run()
    client.force_login(publisher)

    def shown():
        listing = text_of(parse(client.get("/admin/notices/notice/")))
        start = text_of(parse(client.get("/admin/")))
        return listing, start

    listing, start = shown()
    assert "Live, with unpublished changes" in listing
    assert "Live, with unpublished changes" in start
    actions.Submit(notice, editor, draft).run()
    assert "Live, with changes waiting for review" in shown()[0]
    actions.Reject(notice, publisher, revisions.waiting(notice), "Not yet.").run()
    listing, start = shown()
    assert "Live, with changes a publisher rejected" in listing
    assert "Live, with changes a publisher rejected" in start
    notice.refresh_from_db()
    with override("ro"):
        assert label(notice) == "Activ, cu modificări respinse de un publicator"
    with override("az"):
        assert label(notice) == "Canlı, dərc edən şəxsin rədd etdiyi dəyişikliklərlə"
    draft_notice = make_notice(slug="new", title="New", status=Status.DRAFT)
    revisions.ensure_baseline(draft_notice)
    actions.Submit(draft_notice, editor, revisions.waiting(draft_notice)).run()
    draft_notice.refresh_from_db()
    assert label(draft_notice) == "Draft, waiting for review"
