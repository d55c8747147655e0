import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from publishing.models import Status
from relations.models import Cycle, Relation

from .chrome import CHROME_QUERIES
from .factories import make_milestone, make_relation, make_section
from .html import parse, text_of

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "data" / "seed_page.txt"
URL = "/en/relations/nato-azerbaijan/"
# Every dated fact of the seed, as the seed writes it, in chronological order.
SEED_DATES = ["1992", "4 May 1994", "1996", "1997", "2002", "15 May 2003", "27 May 2005", "2007",
              "2010", "2011"]  # fmt: skip


@pytest.fixture
def nato(db):
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def seed_evolution_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    body = text.split("Evolution of relations", 2)[2].split("Romania’s Visa Regulations")[0]
    return [" ".join(p.split()) for p in body.splitlines() if p.strip()]


def test_page_has_every_sentence_of_the_seed(client, nato):
    page_text = text_of(parse(client.get(URL)))
    paragraphs = seed_evolution_paragraphs()
    assert len(paragraphs) == 10
    for paragraph in paragraphs:
        assert paragraph in page_text


def test_title_summary_and_last_updated(client, nato):
    doc = parse(client.get(URL))
    assert text_of(doc.cssselect("h1")[0]) == "NATO – Azerbaijan relations"
    assert "1992" in text_of(doc.cssselect("p.lead")[0])
    assert "Last updated: 20 March 2019" in text_of(doc)


def test_table_of_contents_links_to_the_sections_in_seed_order(client, nato):
    doc = parse(client.get(URL))
    links = doc.cssselect("nav.toc a")
    assert [text_of(a) for a in links] == [
        "Evolution of relations",
        "Framework for cooperation",
        "Key areas of cooperation",
        "Key milestones of cooperation",
    ]
    for link in links:
        target = doc.get_element_by_id(link.get("href").removeprefix("#"))
        assert text_of(target.cssselect("h2")[0]) == text_of(link)


def test_timeline_lists_every_seed_milestone_in_order_with_its_date_text(client, nato):
    doc = parse(client.get(URL))
    shown = [text_of(t) for t in doc.cssselect("#key-milestones-of-cooperation ol.timeline time")]
    assert list(dict.fromkeys(d for d in shown if d in SEED_DATES)) == SEED_DATES
    dates = [t.get("datetime") for t in doc.cssselect("ol.timeline time")]
    assert dates == sorted(dates), "the timeline is chronological"
    assert "1994-05-04" in dates


def test_frameworks_show_their_cycles_and_partnership_goals(client, nato):
    doc = parse(client.get(URL))
    section = text_of(doc.get_element_by_id("framework-for-cooperation"))
    for name in [
        "Partnership for Peace (PfP)",
        "Status of Forces Agreement (SOFA)",
        "Planning and Review Process (PARP)",
        "Individual Partnership Action Plan (IPAP)",
        "Euro-Atlantic Partnership Council (EAPC)",
    ]:
        assert name in section
    rows = {
        text_of(r.cssselect("th")[0]): text_of(r.cssselect("td")[0])
        for r in doc.cssselect("#framework-parp ~ dd table tbody tr")[:2]
    }
    assert rows == {"2000–2002": "27", "2004–2006": "33"}
    assert "Since 4 May 1994" in section


def cycle_tables(doc):
    """{caption: [header row, then each row's cells]} for every cycles table."""
    return {
        text_of(table.cssselect("caption")[0]): [
            [text_of(cell) for cell in row.xpath("./th|./td")] for row in table.cssselect("tr")
        ]
        for table in doc.cssselect("dl.frameworks table")
    }


def test_cycle_tables_leave_out_columns_empty_in_every_row(client, nato):
    tables = cycle_tables(parse(client.get(URL)))
    assert tables["IPAP cycles"] == [
        ["Cycle", "Note"],
        ["2005–2007", "First IPAP cycle, completed in 2007."],
        ["2007–2009", "Second IPAP cycle, completed in 2010."],
        ["2011–2012", "Third IPAP, agreed in 2011."],
    ]
    assert tables["PARP cycles"][0] == ["Cycle", "Partnership Goals", "Note"]


def test_a_column_with_a_value_in_some_row_stays_with_a_dash_elsewhere(client):
    relation = make_relation()
    make_section(relation, kind="frameworks", anchor="frameworks")
    pfp = relation.frameworks.create(name="Partnership for Peace", acronym="PfP", slug="pfp")
    Cycle.objects.create(framework=pfp, start_year=2000, end_year=2002, partnership_goals=0)
    Cycle.objects.create(framework=pfp, start_year=2004, end_year=2006)
    tables = cycle_tables(parse(client.get(relation.get_absolute_url())))
    assert tables == {
        "PfP cycles": [["Cycle", "Partnership Goals"], ["2000–2002", "0"], ["2004–2006", "—"]]
    }


def test_key_areas_named_by_the_seed(client, nato):
    areas = text_of(parse(client.get(URL)).get_element_by_id("key-areas-of-cooperation"))
    for area in [
        "Defence cooperation and military interoperability",
        "Crisis management and peace support operations",
        "Domestic reform through the IPAP",
        "NATO standards through Partnership Goals",
    ]:
        assert area in areas


def test_list_shows_published_relations_only(client, nato):
    make_relation(slug="draft-one", title="Draft relation", status=Status.DRAFT)
    make_relation(
        slug="later", title="Scheduled relation", publish_at=timezone.now() + timezone.timedelta(1)
    )
    page = text_of(parse(client.get("/en/relations/")))
    assert "NATO – Azerbaijan relations" in page
    assert "Draft relation" not in page
    assert "Scheduled relation" not in page


@pytest.mark.parametrize(
    "kwargs",
    [{"status": Status.DRAFT}, {"publish_at": timezone.now() + timezone.timedelta(days=3)}],
)
def test_unpublished_relation_is_404_for_visitors_and_previewable_by_staff(
    client, admin_client, kwargs
):
    relation = make_relation(**kwargs)
    assert client.get(relation.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    response = admin_client.get(relation.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    banner = text_of(parse(response).cssselect(".banner")[0])
    assert re.search(r"Draft|Scheduled", banner)
    assert "no-cache" in response["Cache-Control"]


def test_published_page_has_no_banner_and_sets_no_cookie(client, nato):
    response = client.get(URL)
    assert not parse(response).cssselect(".banner")
    assert not response.cookies


def test_unknown_slug_is_our_404_page(client):
    response = client.get("/en/relations/no-such-relation/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in text_of(parse(response))


def test_detail_queries_do_not_grow_with_content(client, django_assert_num_queries):
    relation = make_relation()
    make_section(relation, kind="milestones")
    make_milestone(relation)
    # the relation, its notes for visitors, its parts
    with django_assert_num_queries(6 + CHROME_QUERIES):
        client.get(relation.get_absolute_url())
    for i in range(30):
        make_milestone(relation, year=1990 + i)
        make_section(relation, anchor=f"s{i}")
    with django_assert_num_queries(6):  # the menus are cached now
        client.get(relation.get_absolute_url())


def test_editing_a_part_alone_moves_last_updated(client, nato):
    Relation.objects.filter(pk=nato.pk).update(updated_at=timezone.now() - timezone.timedelta(400))
    cycle = Cycle.objects.get(framework__slug="parp", start_year=2004)
    cycle.note = "Corrected."
    cycle.save()
    shown = parse(client.get(URL)).cssselect("p.meta time")[0].get("datetime")
    assert shown[:10] == timezone.localdate().isoformat()


def test_a_repeat_visit_reads_the_body_from_the_cache(client, nato, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):  # the relation kept per content version, its body cached
        response = client.get(URL)
    assert "4 May 1994" in text_of(parse(response))


@pytest.mark.parametrize("how", ["edit", "delete"])
def test_a_changed_part_shows_at_once_despite_the_cache(client, nato, how):
    assert "Lord Robertson" in text_of(parse(client.get(URL)))
    milestone = nato.milestones.get(slug="2003-letter-of-intent")
    if how == "edit":
        milestone.text = "A letter of intent was sent (corrected)."
        milestone.save()
    else:
        milestone.delete()
    page = text_of(parse(client.get(URL)).get_element_by_id("key-milestones-of-cooperation"))
    assert "Lord Robertson" not in page
    assert ("(corrected)" in page) is (how == "edit")
