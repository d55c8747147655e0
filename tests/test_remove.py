"""Removing a page: its addresses in every language answer 410 Gone, or 301 to the page a
publisher names; it leaves lists, feeds, search and the sitemap; its revisions stay, and
publishing it again brings it back. Only publishers remove, after a confirmation page."""

from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client

from addresses.models import Redirect
from notices.models import Notice
from publishing import actions
from publishing.models import Revision, Status
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Relation

from .factories import make_notice, make_relation, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ro", "az")


@pytest.fixture
def publisher():
    return make_staff("pia", PUBLISHERS)


def choice(page):
    return f"{ContentType.objects.get_for_model(type(page)).pk}:{page.pk}"


def test_a_removed_page_is_gone_in_every_language(client, publisher):
    notice = make_notice(slug="visa-fees-2019", title="Visa fees 2019")
    actions.Remove(notice, publisher).run()
    assert notice.status == Status.REMOVED
    for code in LANGUAGES:
        response = client.get(f"/{code}/notices/visa-fees-2019/")
        assert response.status_code == HTTPStatus.GONE, code
        assert not response.cookies
    # An address from before languages goes to English first, then is gone.
    assert client.get("/notices/visa-fees-2019/", follow=True).status_code == HTTPStatus.GONE


def test_its_old_addresses_are_gone_too_in_one_hop(client, publisher):
    notice = make_notice(slug="visa-old")
    notice.slug = "visa-new"
    notice.save()
    actions.Remove(notice, publisher).run()
    for code in LANGUAGES:
        response = client.get(f"/{code}/notices/visa-old/")
        assert response.status_code == HTTPStatus.GONE, code


def test_a_replacement_of_another_type_gets_visitors_in_their_language(client, publisher):
    notice = make_notice(slug="nato-visit")
    relation = make_relation(slug="nato-relations", title="NATO relations")
    actions.Remove(notice, publisher, replacement=relation).run()
    for code in LANGUAGES:
        response = client.get(f"/{code}/notices/nato-visit/?from=mail")
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY, code
        assert response["Location"] == f"/{code}/relations/nato-relations/?from=mail"
        assert client.get(response["Location"]).status_code == HTTPStatus.OK
    # The replacement moves: visitors follow it there, still in one hop.
    relation.slug_en = "nato"  # the English column, whichever language the requests left on
    relation.save()
    response = client.get("/ro/notices/nato-visit/")
    assert response["Location"] == "/ro/relations/nato/"


def test_a_removed_replacement_passes_its_fate_on(client, publisher):
    first, second = make_notice(slug="first"), make_notice(slug="second")
    actions.Remove(first, publisher, replacement=second).run()
    actions.Remove(second, publisher).run()
    assert client.get("/en/notices/first/").status_code == HTTPStatus.GONE


def test_a_removed_page_leaves_lists_feeds_search_and_sitemap(
    client, publisher, django_capture_on_commit_callbacks
):
    notice = make_notice(slug="visa-fees", title="Visa fees", summary="Fees for a visa.")
    relation = make_relation(slug="old-partnership", title="Old partnership")
    call_command("rebuild_search_index", verbosity=0)
    places = ["/en/notices/", "/en/notices/feed/", "/en/search/?q=visa", "/sitemap.xml", "/en/"]
    places.append("/en/relations/")
    before = {place: client.get(place).content.decode() for place in places}
    assert "visa-fees" in before["/en/notices/"] and "visa-fees" in before["/en/search/?q=visa"]
    assert "old-partnership" in before["/en/relations/"]
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's action commits
        actions.Remove(notice, publisher).run()
        actions.Remove(relation, publisher).run()
    for place in places:
        html = client.get(place).content.decode()
        assert "visa-fees" not in html, place
        assert "old-partnership" not in html, place


def test_revisions_are_kept_and_publishing_it_again_brings_it_back(client, publisher):
    notice = make_notice(slug="visa-hours", title="Visa hours")
    actions.Publish(notice, publisher).run()
    count = Revision.objects.filter(object_id=notice.pk).count()
    actions.Remove(notice, publisher).run()
    kept = Revision.objects.filter(object_id=notice.pk)
    assert kept.count() == count + 1
    assert kept.first().note == "Removed: its addresses answer “gone” (410)."
    assert Notice.objects.filter(pk=notice.pk).exists()  # the row, for a restore
    actions.Publish(notice, publisher).run()
    assert client.get("/az/notices/visa-hours/").status_code == HTTPStatus.OK
    assert not Redirect.objects.filter(old_path__contains="visa-hours").exists()


def test_a_withdrawn_page_can_be_removed_but_not_a_draft_or_itself(client, publisher):
    withdrawn = make_notice(slug="withdrawn")
    actions.Withdraw(withdrawn, publisher, reason={"en": "Old."}).run()
    actions.Remove(withdrawn, publisher).run()
    assert client.get("/en/notices/withdrawn/").status_code == HTTPStatus.GONE
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    with pytest.raises(actions.Refused, match="published or withdrawn"):
        actions.Remove(draft, publisher).run()
    page = make_notice()
    with pytest.raises(actions.Refused, match="cannot replace itself"):
        actions.Remove(page, publisher, replacement=page).run()
    with pytest.raises(actions.Refused, match="visitors can read now"):
        actions.Remove(page, publisher, replacement=draft).run()
    assert Notice.objects.get(pk=page.pk).status == Status.PUBLISHED


def test_an_editor_cannot_remove(client):
    editor = make_staff("ed", EDITORS)
    notice = make_notice()
    with pytest.raises(actions.Refused, match="Only a publisher"):
        actions.Remove(notice, editor).run()
    client.force_login(editor)
    url = f"/admin/notices/notice/{notice.pk}/remove/"
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert client.post(url, {"replacement": ""}).status_code == HTTPStatus.FORBIDDEN
    listing = client.get("/admin/notices/notice/").content.decode()
    assert 'value="remove"' not in listing
    bulk = {"action": "remove", "_selected_action": [notice.pk], "post": "yes"}
    client.post("/admin/notices/notice/", bulk)
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED
    assert not Redirect.objects.exists()


def test_the_admin_asks_before_removing(client, publisher):
    notice = make_notice(slug="old-visa", title="Old visa rules")
    relation = make_relation(slug="nato", title="NATO relations")
    draft = make_relation(slug="draft", title="A draft", status=Status.DRAFT, publish_at=None)
    client.force_login(publisher)
    url = f"/admin/notices/notice/{notice.pk}/remove/"
    asked = parse(client.get(url))
    assert "Old visa rules" in text_of(asked.cssselect("#content-main ul")[0])
    options = {o.get("value"): text_of(o) for o in asked.cssselect("select option")}
    assert options[""] == "None: the page is gone"
    assert options[choice(relation)] == "Relation: NATO relations"
    assert choice(draft) not in options and choice(notice) not in options
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED  # asking wrote nothing
    refused = client.post(url, {"replacement": choice(draft)})
    assert "Choose a page visitors can read now, or none." in refused.content.decode()
    assert Notice.objects.get(pk=notice.pk).status == Status.PUBLISHED
    done = client.post(url, {"replacement": choice(relation)})
    assert done.status_code == HTTPStatus.FOUND
    assert Notice.objects.get(pk=notice.pk).status == Status.REMOVED
    visitor = Client()  # signed-in staff see a preview of the page itself
    assert visitor.get("/en/notices/old-visa/")["Location"] == "/en/relations/nato/"


def test_the_list_action_asks_then_removes_the_selected(client, publisher):
    one, two = make_notice(slug="one"), make_notice(slug="two")
    client.force_login(publisher)
    bulk = {"action": "remove", "_selected_action": [one.pk, two.pk]}
    asked = client.post("/admin/notices/notice/", bulk)
    assert asked.status_code == HTTPStatus.OK
    assert 'name="post"' in asked.content.decode()
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    done = client.post("/admin/notices/notice/", {**bulk, "post": "yes", "replacement": ""})
    assert done.status_code == HTTPStatus.FOUND
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.REMOVED}
    for slug in ("one", "two"):
        assert Client().get(f"/ro/notices/{slug}/").status_code == HTTPStatus.GONE
    listing = client.get("/admin/notices/notice/?status__exact=removed").content.decode()
    assert "Removed" in listing


def test_an_editor_cannot_bring_a_removed_page_back(client, publisher):
    notice = make_notice(slug="gone-for-good")
    actions.Remove(notice, publisher).run()
    client.force_login(make_staff("ed", EDITORS))
    form = client.get(f"/admin/notices/notice/{notice.pk}/change/").content.decode()
    assert 'name="status"' not in form  # read-only: only a publisher changes it
    assert Relation.objects.count() == 0


def test_the_change_form_offers_remove_to_publishers_of_live_pages_only(client, publisher):
    notice = make_notice()
    draft = make_notice(slug="draft-only", status=Status.DRAFT, publish_at=None)

    def offered(user, page):
        client.force_login(user)
        form = parse(client.get(f"/admin/notices/notice/{page.pk}/change/"))
        url = f"/admin/notices/notice/{page.pk}/remove/"
        return [text_of(a) for a in form.cssselect(f'a.button[href="{url}"]')]

    assert offered(publisher, notice) == ["Remove from the site…"]
    assert offered(publisher, draft) == []
    assert offered(make_staff("ed", EDITORS), notice) == []
