"""Staff type a milestone's or framework's date as they write it, in one box."""

from http import HTTPStatus

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command

from publishing.models import Status
from relations.models import Framework, Milestone, Relation

from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

CHANGE = "/admin/relations/relation/{}/change/"


@pytest.fixture
def nato(db):
    """The seed relation as a draft, so a save reaches the tables at once (a live page's
    edits wait as a draft revision for a publisher, which is not what these tests are about).
    """
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    Relation.objects.filter(slug="nato-azerbaijan").update(status=Status.DRAFT)
    return Relation.objects.get(slug="nato-azerbaijan")


def add_milestone(data, **fields):
    """The relation form's data with one more milestone row, as "Add another" makes it."""
    n = int(data["milestones-TOTAL_FORMS"])
    data["milestones-TOTAL_FORMS"] = str(n + 1)
    data.update({f"milestones-{n}-{name}": value for name, value in fields.items()})
    data.setdefault(f"milestones-{n}-slug", "")
    return f"milestones-{n}"


def post(admin_client, relation, data):
    return admin_client.post(CHANGE.format(relation.pk), data)


def test_each_milestone_and_framework_shows_one_date_box_as_written(admin_client, nato):
    doc = parse(admin_client.get(CHANGE.format(nato.pk)))
    for group in ("milestones", "frameworks"):
        names = [e.get("name") for e in doc.cssselect(f"#{group}-group input, select")]
        assert not [n for n in names if n and n.startswith(f"{group}-0-") and n[-4:] in
                    ("year", "onth", "-day", "sion")]  # fmt: skip
    pfp = Milestone.objects.get(slug="1994-pfp")
    boxes = {
        e.get("value")
        for e in doc.cssselect("#milestones-group input[name$=-date_text]")
        if e.getparent().getparent().cssselect(f"input[value='{pfp.slug}']")
    }
    assert boxes == {"4 May 1994"}
    dates = [e.get("value") for e in doc.cssselect("#frameworks-group input[name$=-date_text]")]
    assert dates[:2] == ["1992", "4 May 1994"]
    # Shown as initial values, so saving the form untouched changes no date.
    unchanged = form_data(admin_client.get(CHANGE.format(nato.pk)))
    assert post(admin_client, nato, unchanged).status_code == HTTPStatus.FOUND
    logged = LogEntry.objects.filter(object_id=str(nato.pk)).latest("action_time")
    assert logged.get_change_message() == "No fields changed."


@pytest.mark.parametrize(
    ("written", "stored", "shown"),
    [
        ("1992", (1992, None, None, "year"), "1992"),
        ("May 2003", (2003, 5, None, "month"), "May 2003"),
        ("4 May 1994", (1994, 5, 4, "day"), "4 May 1994"),
        ("1994-05-04", (1994, 5, 4, "day"), "4 May 1994"),
    ],
)
def test_a_typed_date_is_stored_as_written_and_the_key_is_made(
    admin_client, nato, written, stored, shown
):
    data = form_data(admin_client.get(CHANGE.format(nato.pk)))
    add_milestone(data, date_text=written, text="Azerbaijan opened its Mission to NATO.")
    assert post(admin_client, nato, data).status_code == HTTPStatus.FOUND
    milestone = nato.milestones.get(text="Azerbaijan opened its Mission to NATO.")
    assert (milestone.year, milestone.month, milestone.day, milestone.precision) == stored
    assert milestone.date_display == shown
    assert milestone.slug == f"{stored[0]}-azerbaijan-opened-its-mission"


def test_a_given_key_is_kept_and_a_made_one_never_repeats(admin_client, nato):
    data = form_data(admin_client.get(CHANGE.format(nato.pk)))
    add_milestone(data, date_text="2019", text="Twenty-five years of partnership.", slug="2019-25")
    assert post(admin_client, nato, data).status_code == HTTPStatus.FOUND
    assert nato.milestones.filter(slug="2019-25").exists()
    for _ in range(2):
        data = form_data(admin_client.get(CHANGE.format(nato.pk)))
        add_milestone(data, date_text="2020", text="A meeting in Brussels.")
        assert post(admin_client, nato, data).status_code == HTTPStatus.FOUND
    slugs = nato.milestones.filter(year=2020).values_list("slug", flat=True)
    assert sorted(slugs) == ["2020-a-meeting-in-brussels", "2020-a-meeting-in-brussels-2"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("the 1990s", "“the 1990s” is not a date; write it as 1992, May 2003, 4 May 1994"),
        ("31 February 1994", "“31 February 1994” does not exist: check the day and the month"),
        ("Mai 1994", "“Mai” in “Mai 1994” is not a month name"),
        ("", "This field is required."),
    ],
)
def test_a_wrong_date_is_named_next_to_its_box_and_nothing_is_saved(
    admin_client, nato, written, message
):
    data = form_data(admin_client.get(CHANGE.format(nato.pk)))
    row = add_milestone(data, date_text=written, text="Something happened.")
    response = post(admin_client, nato, data)
    assert response.status_code == HTTPStatus.OK
    cell = parse(response).cssselect(f"#{row} td.field-date_text")[0]
    assert message in text_of(cell.cssselect(".errorlist")[0])
    assert cell.cssselect("input")[0].get("value", "") == written
    assert not nato.milestones.filter(text="Something happened.").exists()


def test_the_framework_page_takes_its_date_in_one_box_and_may_leave_it_empty(admin_client, nato):
    pfp = Framework.objects.get(slug="pfp")
    url = f"/admin/relations/framework/{pfp.pk}/change/"
    data = form_data(admin_client.get(url))
    assert data["date_text"] == "4 May 1994"
    data["date_text"] = "1994"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    pfp.refresh_from_db()
    assert (pfp.year, pfp.month, pfp.day, pfp.precision) == (1994, None, None, "year")
    data = form_data(admin_client.get(url))
    data["date_text"] = ""
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    pfp.refresh_from_db()
    assert pfp.year is None and pfp.date_display == ""


def test_each_framework_row_links_plainly_to_its_cycles(admin_client, nato):
    doc = parse(admin_client.get(CHANGE.format(nato.pk)))
    parp = Framework.objects.get(slug="parp")
    links = doc.cssselect("#frameworks-group td.field-cycles_link a")
    assert {text_of(a) for a in links} == {"Edit cycles"}
    href = f"/admin/relations/framework/{parp.pk}/change/"
    cell = next(a.getparent() for a in links if a.get("href") == href)
    labels = [cycle.label for cycle in parp.cycles.all()]
    assert labels and text_of(cell) == ", ".join(labels) + " Edit cycles"
