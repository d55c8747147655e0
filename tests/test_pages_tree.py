"""The tree of pages: addresses per language made of the ancestors' slugs, kept right when
a page moves (its pages move with it, each leaving a redirect), no circles, no address the
site itself answers, nothing published while facts are missing."""

import pytest
from django.core.exceptions import ValidationError

from addresses.models import Redirect
from pages.models import Page

from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


def test_a_page_address_is_its_ancestors_slugs_in_each_language():
    ro = {"published_languages": ["ro"]}
    parent = make_page("Consular services", slug_ro="servicii-consulare", **ro)
    child = make_page("Passports", parent=parent, slug_ro="pasapoarte", **ro)
    assert (child.path_en, child.path_ro, child.path_az) == (
        "consular-services/passports",
        "servicii-consulare/pasapoarte",
        # No Azerbaijani slugs: the English ones stand in, so the page has an address.
        "consular-services/passports",
    )
    assert child.get_absolute_url() == "/en/consular-services/passports/"
    # Romanian not yet published for the child: its visitors get its English slug, under
    # the parent's Romanian address, until it is.
    child.published_languages = []
    child.save()
    assert child.path_ro == "servicii-consulare/passports"


def test_a_moved_page_takes_its_pages_along_and_leaves_redirects():
    parent = make_page("Consular services")
    child = make_page("Passports", parent=parent)
    grandchild = make_page("Lost passports", parent=child)
    parent.slug_en = "consular"
    parent.save()
    grandchild.refresh_from_db()
    assert grandchild.path_en == "consular/passports/lost-passports"
    old = Redirect.objects.get(old_path="/en/consular-services/passports/lost-passports/")
    assert old.target_path == "/en/consular/passports/lost-passports/"
    assert Redirect.objects.filter(old_path="/en/consular-services/passports/").exists()


def test_a_page_cannot_be_placed_under_itself_or_its_own_pages():
    parent = make_page("Consular services")
    child = make_page("Passports", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as raised:
        parent.full_clean()
    assert "cannot be placed under itself" in str(raised.value.message_dict["parent"])
    parent.parent = parent
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_two_pages_cannot_share_an_address():
    parent = make_page("Consular services")
    make_page("Passports", parent=parent)
    twin = Page(title_en="Passports again", slug_en="passports", parent=parent)
    with pytest.raises(ValidationError) as raised:
        twin.full_clean()
    assert "already the address of “Passports”" in str(raised.value.message_dict["slug"])
    # The same slug under another parent is another address.
    Page(title_en="Passports", slug_en="passports", parent=make_page("About")).full_clean()


@pytest.mark.parametrize("slug", ["notices", "relations", "search"])
def test_a_page_at_the_top_cannot_take_an_address_of_the_site(slug):
    with pytest.raises(ValidationError) as raised:
        Page(title_en="Mine", slug_en=slug).full_clean()
    assert "an address the site itself uses" in str(raised.value.message_dict["slug"])


def test_a_page_with_facts_to_complete_cannot_be_published():
    page = Page(title_en="Contact", slug_en="contact", status="published", to_complete="Phone")
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "facts to complete" in str(raised.value)
    page.status = "draft"
    page.full_clean()


def test_ancestors_are_read_in_one_query(django_assert_num_queries):
    top = make_page("A")
    middle = make_page("B", parent=top)
    bottom = make_page("C", parent=middle)
    bottom = Page.objects.get(pk=bottom.pk)
    with django_assert_num_queries(1):
        assert [page.title for page in bottom.ancestors()] == ["A", "B"]


def test_no_button_or_list_action_publishes_a_page_with_facts_to_complete(client):
    from http import HTTPStatus

    from publishing import actions
    from publishing.models import Status
    from publishing.roles import PUBLISHERS

    from .factories import make_staff

    publisher = make_staff("pia", PUBLISHERS)
    page = make_page("Visas", status=Status.DRAFT, publish_at=None, to_complete="The fees")
    with pytest.raises(actions.Refused, match="facts to complete"):
        actions.Publish(page, publisher).run()
    client.force_login(publisher)
    bulk = {"action": "publish", "_selected_action": [page.pk]}
    response = client.post("/admin/pages/page/", bulk, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "facts to complete" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    Page.objects.filter(pk=page.pk).update(to_complete="")
    actions.Publish(Page.objects.get(pk=page.pk), publisher).run()
    assert Page.objects.get(pk=page.pk).status == Status.PUBLISHED
