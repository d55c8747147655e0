"""An editor refused a delete reads why in a sentence, not Django's list of object types."""

from http import HTTPStatus

import pytest

from notices.models import Notice
from publishing.models import Status
from publishing.roles import EDITORS
from relations.models import Framework

from .factories import make_notice, make_relation, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

NOTICES = "/admin/notices/notice/"
DJANGOS_LIST = "doesn't have permission to delete the following types of objects"


@pytest.fixture
def editor(client):
    client.force_login(make_staff("ed", EDITORS))
    return client


def refusal(response):
    assert response.status_code == HTTPStatus.FORBIDDEN
    return text_of(parse(response).cssselect("#content-main")[0])


def test_deleting_a_published_notice_says_who_may(editor):
    notice = make_notice(title="Visa rules")
    page = refusal(editor.get(f"{NOTICES}{notice.pk}/delete/"))
    assert "“Visa rules” is published, so only a publisher can delete it." in page
    assert "Nothing was deleted. If it should go, ask a publisher to delete it." in page
    back = parse(editor.get(f"{NOTICES}{notice.pk}/delete/")).cssselect("#content-main a")
    assert back[0].get("href") == f"{NOTICES}{notice.pk}/change/"
    assert Notice.objects.filter(pk=notice.pk).exists()


def test_deleting_selected_notices_names_the_published_ones_in_sentences(editor):
    live = make_notice(title="Visa rules")
    also_live = make_notice(title="Consular hours")
    draft = make_notice(title="Draft notes", status=Status.DRAFT)
    selected = [live.pk, also_live.pk, draft.pk]
    page = refusal(
        editor.post(NOTICES, {"action": "delete_selected", "_selected_action": selected})
    )
    assert "“Visa rules” is published, so only a publisher can delete it." in page
    assert "“Consular hours” is published, so only a publisher can delete it." in page
    assert "Draft notes" not in page
    assert DJANGOS_LIST not in page
    assert Notice.objects.count() == 3
    # The draft alone goes the usual way.
    only_draft = {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}
    assert editor.post(NOTICES, only_draft).status_code == HTTPStatus.FOUND
    assert set(Notice.objects.all()) == {live, also_live}


def test_deleting_a_part_of_a_published_relation_says_so(editor):
    relation = make_relation()
    framework = Framework.objects.create(
        relation=relation, name="Partnership for Peace", slug="pfp"
    )
    url = "/admin/relations/framework/"
    page = refusal(editor.get(f"{url}{framework.pk}/delete/"))
    assert "“Partnership for Peace” is part of a published page" in page
    page = refusal(
        editor.post(url, {"action": "delete_selected", "_selected_action": [framework.pk]})
    )
    assert "only a publisher can delete it" in page and DJANGOS_LIST not in page
    assert Framework.objects.filter(pk=framework.pk).exists()
