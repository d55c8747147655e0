"""Translation status: each translated field knows which English it was made from."""

from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from relations.models import Milestone, Relation, Section
from translations.models import State, TranslationStamp

from .html import parse

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/translations/translationstamp/"


@pytest.fixture
def seed():
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    return Relation.objects.get(slug="nato-azerbaijan")


def states(page, language="ro"):
    stamps = TranslationStamp.objects.filter(page_id=page.pk, page_type="relations.relation")
    return {
        (s.content_type_id, s.field, s.object_id): s.state for s in stamps.filter(language=language)
    }


def stamp_of(obj, field, language="ro"):
    content_type = ContentType.objects.get_for_model(obj)
    return TranslationStamp.objects.get(
        content_type=content_type, object_id=obj.pk, field=field, language=language
    )


def test_the_translated_seed_is_up_to_date_in_both_languages(seed):
    for language in ("ro", "az"):
        assert set(states(seed, language).values()) == {State.CURRENT}
    assert (
        len(states(seed)) == 46
    )  # every non-empty English text of the page and its parts, slug included


def test_an_english_only_change_puts_the_translations_out_of_date_until_updated(seed):
    section = Section.objects.get(anchor="evolution-of-relations")
    section.heading_en = "How relations evolved"
    section.save()
    stamp = stamp_of(section, "heading")
    assert stamp.state == State.OUT_OF_DATE
    assert stamp.source_text == "Evolution of relations"  # what the Romanian was made from
    assert stamp_of(section, "body").state == State.CURRENT  # its English did not change
    section.heading_ro = "Cum au evoluat relațiile"
    section.save()
    stamp.refresh_from_db()
    assert stamp.state == State.CURRENT
    assert stamp.source_text == "How relations evolved"
    az = stamp_of(section, "heading", "az")
    assert az.state == State.OUT_OF_DATE  # Azerbaijani still waits


def test_the_dashboard_lists_the_page_while_a_translation_is_out_of_date(admin_client, seed):
    def listed():
        doc = parse(admin_client.get("/admin/"))
        links = doc.cssselect("#translations-relation a")
        return [a.text_content() for a in links if a.text_content() != "Preview"]

    assert listed() == []
    milestone = Milestone.objects.get(slug="1994-pfp")
    milestone.text_en = "President Heydar Aliyev signed the PfP Framework Document."
    milestone.save()
    assert listed() == ["NATO – Azerbaijan relations"]
    milestone.text_ro = "Președintele Heydar Aliyev a semnat Documentul-cadru PfP."
    milestone.text_az = "Prezident Heydər Əliyev PfP Çərçivə Sənədini imzaladı."
    milestone.save()
    assert listed() == []


def test_the_overview_filters_links_to_the_field_and_shows_the_english_changes(admin_client, seed):
    milestone = Milestone.objects.get(slug="1994-pfp")
    milestone.text_en = "President Heydar Aliyev signed the PfP Framework Document."
    milestone.save()
    response = admin_client.get(OVERVIEW, {"state": "out_of_date", "language": "ro"})
    assert response.status_code == HTTPStatus.OK
    rows = parse(response).cssselect("#result_list tbody tr")
    assert len(rows) == 1
    link = rows[0].cssselect("a")[0].get("href")
    index = list(seed.milestones.values_list("pk", flat=True)).index(milestone.pk)
    assert link == f"/admin/relations/relation/{seed.pk}/change/#id_milestones-{index}-text_ro"
    changes = rows[0].cssselect(".english-changes")[0]
    removed = " ".join(d.text_content() for d in changes.cssselect("del"))
    added = " ".join(i.text_content() for i in changes.cssselect("ins"))
    assert "Peace" in removed and "joined the PfP Programme." in removed
    assert "PfP" in added and "Peace" not in added
    assert "President Heydar Aliyev signed the" in changes.text_content()


def test_a_publisher_can_say_the_english_change_was_minor(admin_client, seed):
    section = Section.objects.get(anchor="framework-for-cooperation")
    section.heading_en = "Framework for co-operation"
    section.save()
    content_type = ContentType.objects.get_for_model(section)
    stale = TranslationStamp.objects.filter(
        content_type=content_type, object_id=section.pk, field="heading"
    )
    ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
    response = admin_client.post(
        OVERVIEW, {"action": "english_change_was_minor", "_selected_action": ids}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert set(stale.values_list("state", flat=True)) == {State.CURRENT}
    assert stale.first().source_text == "Framework for co-operation"


def test_editors_see_the_overview_in_the_admin_and_cannot_mark_changes_minor(client, seed):
    from publishing.roles import EDITORS

    from .factories import make_staff

    client.force_login(make_staff("elena", EDITORS))
    assert OVERVIEW in client.get("/admin/").content.decode()
    section = Section.objects.get(anchor="framework-for-cooperation")
    section.heading_en = "Framework for co-operation"
    section.save()
    stale = TranslationStamp.objects.filter(state=State.OUT_OF_DATE)
    ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
    client.post(OVERVIEW, {"action": "english_change_was_minor", "_selected_action": ids})
    assert stale.count() == len(ids) == 2


def test_a_publisher_marks_an_english_change_minor_on_the_change_form(seed, client):
    """Ticked with "Save and publish", the translations made from the English before stay up
    to date; unticked they go out of date; one out of date before stays so."""
    from publishing.roles import EDITORS, PUBLISHERS

    from .factories import make_staff
    from .html import form_data

    url = f"/admin/relations/relation/{seed.pk}/change/"
    first, second = Section.objects.order_by("order")[:2]
    client.force_login(make_staff("eddie", EDITORS))
    assert not parse(client.get(url)).cssselect("[name=minor_english]")
    client.force_login(make_staff("pia", PUBLISHERS))

    def publish(**changes):
        data = form_data(client.get(url))
        data.update(changes, _publish="Save and publish")
        assert client.post(url, data).status_code == HTTPStatus.FOUND

    publish(**{"sections-1-heading": "A heading changed in earnest"})
    assert stamp_of(second, "heading").state == State.OUT_OF_DATE
    assert parse(client.get(url)).cssselect("[name=minor_english]")
    publish(**{"sections-0-heading": "Evolution of the relations", "minor_english": "1"})
    for language in ("ro", "az"):
        stamp = stamp_of(first, "heading", language)
        assert stamp.state == State.CURRENT
        assert stamp.source_text == "Evolution of the relations"
    assert stamp_of(second, "heading").state == State.OUT_OF_DATE  # not this save's
    publish(**{"sections-0-heading": "Evolution of relations, in earnest"})
    assert stamp_of(first, "heading").state == State.OUT_OF_DATE


def test_a_deleted_part_loses_its_stamps_when_the_deletion_commits(
    seed, django_capture_on_commit_callbacks
):
    """Publishing a draft deletes parts and inserts them again: stamps wait for the commit."""
    section = Section.objects.order_by("order").first()
    pk, content_type = section.pk, ContentType.objects.get_for_model(Section)
    assert TranslationStamp.objects.filter(content_type=content_type, object_id=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()
    assert not TranslationStamp.objects.filter(content_type=content_type, object_id=pk).exists()
