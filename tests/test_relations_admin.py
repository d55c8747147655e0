from http import HTTPStatus

import pytest
from django.core.management import call_command

from relations.models import Framework, Relation

from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

CHANGE = "/admin/relations/relation/{}/change/"


@pytest.fixture
def nato(db):
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def test_changelist_shows_status_and_last_update_and_searches(admin_client, nato):
    response = admin_client.get("/admin/relations/relation/", {"q": "Azerbaijan"})
    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    headers = [text_of(th) for th in doc.cssselect("#result_list thead th")]
    assert "State" in headers and "Last updated" in headers
    assert "NATO – Azerbaijan relations" in text_of(doc.cssselect("#result_list")[0])
    empty = admin_client.get("/admin/relations/relation/", {"q": "Antarctica"})
    assert "0 relations" in text_of(parse(empty))


def test_add_page_renders_with_all_inlines(admin_client):
    response = admin_client.get("/admin/relations/relation/add/")
    assert response.status_code == HTTPStatus.OK
    page = text_of(parse(response))
    for heading in ["Sections", "Frameworks", "Key areas of cooperation", "Milestones"]:
        assert heading in page


def test_change_page_renders_and_links_to_the_site(admin_client, nato):
    response = admin_client.get(CHANGE.format(nato.pk))
    assert response.status_code == HTTPStatus.OK
    assert parse(response).cssselect("a.viewsitelink")


def test_saving_through_the_admin_changes_the_public_page(admin_client, client, nato):
    data = form_data(admin_client.get(CHANGE.format(nato.pk)))
    data["title"] = "NATO – Azerbaijan partnership"
    milestone_text = next(k for k in data if k.startswith("milestones-") and k.endswith("-text"))
    data[milestone_text] = "Azerbaijan joined the North Atlantic Cooperation Council (edited)."
    data["_publish"] = "Save and publish"  # a publisher (superuser) publishes at once
    response = admin_client.post(CHANGE.format(nato.pk), data)
    assert response.status_code == HTTPStatus.FOUND, text_of(
        parse(response).cssselect(".errornote, .errorlist")[0]
    )
    page = text_of(parse(client.get(nato.get_absolute_url())))
    assert "NATO – Azerbaijan partnership" in page
    assert "(edited)" in page


def test_admin_shows_a_readable_error_for_an_impossible_date(admin_client, nato):
    data = form_data(admin_client.get(CHANGE.format(nato.pk)))
    prefix = next(k for k in data if k.startswith("milestones-") and k.endswith("-date_text"))
    data[prefix] = "31 February 1994"
    response = admin_client.post(CHANGE.format(nato.pk), data)
    assert response.status_code == HTTPStatus.OK
    assert "“31 February 1994” does not exist" in text_of(parse(response))


def test_framework_page_edits_cycles(admin_client, nato):
    parp = Framework.objects.get(slug="parp")
    url = f"/admin/relations/framework/{parp.pk}/change/"
    data = form_data(admin_client.get(url))
    goals = next(k for k in data if k.startswith("cycles-") and k.endswith("-partnership_goals"))
    start = goals.replace("partnership_goals", "start_year")
    end = goals.replace("partnership_goals", "end_year")
    data[end] = str(int(data[start]) - 1)
    response = admin_client.post(url, data)
    assert "A cycle cannot end before it starts" in text_of(parse(response))


def test_admin_is_branded_for_the_embassy(admin_client):
    doc = parse(admin_client.get("/admin/"))
    assert "Embassy of Romania in Azerbaijan: administration" in text_of(
        doc.cssselect("#header")[0]
    )
