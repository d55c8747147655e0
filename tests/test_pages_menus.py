"""Menus from data: the shipped header, aria-current, published targets only, the footer,
the admin's rules for the one contact record, and the dashboard's reminder."""

from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from notices.models import Notice
from pages.models import Menu, MenuItem, Page
from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS

from .chrome import CHROME_QUERIES
from .factories import make_notice, make_relation, make_staff
from .html import parse
from .pages_helpers import make_contact

pytestmark = pytest.mark.django_db


def nav(response, where="header"):
    links = parse(response).cssselect("ul.nav li a" if where == "header" else ".site-footer nav a")
    return [(a.text_content(), a.get("href"), a.get("aria-current")) for a in links]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Home", "Relations", "Notices"]),
        ("ro", ["Acasă", "Relații", "Anunțuri"]),
        ("az", ["Ana səhifə", "Münasibətlər", "Elanlar"]),
    ],
)
def test_the_shipped_header_menu_is_the_old_one(client, language, labels):
    links = nav(client.get(f"/{language}/"))
    assert [label for label, _href, _current in links] == labels
    assert links[0] == (labels[0], f"/{language}/", "page")
    assert [href for _label, href, _current in links][1:] == [
        f"/{language}/relations/",
        f"/{language}/notices/",
    ]


def test_a_list_is_page_on_itself_and_true_inside_its_section(client):
    notice = make_notice()
    assert nav(client.get("/en/notices/"))[2][2] == "page"
    assert nav(client.get(notice.get_absolute_url()))[2][2] == "true"
    assert [current for *_rest, current in nav(client.get(notice.get_absolute_url()))][:2] == [
        None,
        None,
    ]


def header():
    return Menu.objects.get(slot="header")


def test_a_page_target_shows_only_while_published(client):
    notice = make_notice(title="Visa rules", status=Status.DRAFT)
    MenuItem.objects.create(
        menu=header(),
        order=99,
        label_en="Visas",
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=notice.pk,
    )
    assert "Visas" not in [label for label, *_ in nav(client.get("/en/"))]
    Notice.objects.filter(pk=notice.pk).update(status=Status.PUBLISHED)
    from django.core.cache import cache

    cache.clear()  # what the committed save's version bump does
    links = nav(client.get(notice.get_absolute_url()))
    assert links[-1] == ("Visas", notice.get_absolute_url(), "page")


def test_a_typed_address_and_a_missing_translation(client):
    MenuItem.objects.create(
        menu=header(), order=99, label_en="Partner", address="https://a.example"
    )
    assert nav(client.get("/ro/"))[-1] == ("Partner", "https://a.example", None)


def test_the_footer_menu_and_the_year(client):
    footer = Menu.objects.get(slot="footer")
    assert nav(client.get("/en/"), "footer") == []  # shipped empty: the site looks the same
    MenuItem.objects.create(menu=footer, label_en="Search", label_ro="Căutare", view_name="search")
    assert nav(client.get("/ro/"), "footer") == [("Căutare", "/ro/search/", None)]
    footer_text = parse(client.get("/en/")).cssselect(".site-footer")[0].text_content()
    assert f"© {timezone.now().year} Embassy of Romania in Azerbaijan" in footer_text


def test_an_item_needs_exactly_one_target():
    item = MenuItem(menu=header(), label_en="Two", view_name="home", address="/en/")
    with pytest.raises(ValidationError, match="Choose exactly one target"):
        item.full_clean()
    item = MenuItem(menu=header(), label_en="Bad", address="javascript:alert(1)")
    with pytest.raises(ValidationError, match="starting with /"):
        item.full_clean()
    item = MenuItem(menu=header(), label_en="Gone", view_name="nowhere")
    with pytest.raises(ValidationError, match="not a list of the site"):
        item.full_clean()


def test_the_home_page_queries_do_not_grow_with_menu_items(client, django_assert_num_queries):
    relation = make_relation()
    for n in range(20):
        MenuItem.objects.create(menu=header(), order=n, label_en=f"R{n}", address=f"/en/{n}/")
    make_contact()
    MenuItem.objects.create(
        menu=header(),
        label_en="NATO",
        content_type=ContentType.objects.get_for_model(type(relation)),
        object_id=relation.pk,
    )
    # relations, notices, the consular services page (none); menus, their one linked page
    # type, contact with its two hour tables
    with django_assert_num_queries(3 + CHROME_QUERIES + 1 + 2):
        client.get("/en/")
    # The menus and the record come from the cache, the sections are kept rendered.
    with django_assert_num_queries(0):
        client.get("/en/")


def test_the_contact_record_is_one_and_never_deleted(admin_client):
    assert admin_client.get("/admin/pages/contactdetails/add/").status_code == HTTPStatus.OK
    contact = make_contact()
    assert admin_client.get("/admin/pages/contactdetails/add/").status_code == HTTPStatus.FORBIDDEN
    url = f"/admin/pages/contactdetails/{contact.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN


def test_the_dashboard_lists_the_contact_details_to_complete(admin_client):
    page = parse(admin_client.get("/admin/"))
    [panel] = page.cssselect("#to-complete")
    assert "To complete before publishing" in panel.text_content()
    assert panel.cssselect('a[href="/admin/pages/contactdetails/add/"]')
    make_contact()
    assert not parse(admin_client.get("/admin/")).cssselect("#to-complete")


def test_publishers_edit_menus_editors_only_read(client, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    url = f"/admin/pages/menu/{header().pk}/change/"
    client.force_login(make_staff("ed", EDITORS))
    assert client.get(url).status_code == HTTPStatus.OK
    assert client.get("/admin/pages/contactdetails/add/").status_code == HTTPStatus.FORBIDDEN
    client.force_login(make_staff("pub", PUBLISHERS))
    assert client.get("/admin/pages/contactdetails/add/").status_code == HTTPStatus.OK
    assert b'name="_save"' in client.get(url).content


def test_a_committed_change_to_a_menu_or_the_contact_shows_at_once(
    client, django_capture_on_commit_callbacks
):
    """The menus and the record are one cached entry (pages.data.chrome), read once a page,
    and never after the content version moved."""

    def footer_text():
        return parse(client.get("/en/")).cssselect(".site-footer")[0].text_content()

    assert "Example street" not in footer_text()
    with django_capture_on_commit_callbacks(execute=True):
        MenuItem.objects.create(menu=header(), order=99, label_en="Consular", view_name="search")
        contact = make_contact()
    assert nav(client.get("/en/"))[-1] == ("Consular", "/en/search/", None)
    assert "Example street 1" in footer_text()
    with django_capture_on_commit_callbacks(execute=True):
        contact.address_en = "New street 2\nBaku AZ1000"
        contact.save()
    assert "New street 2" in footer_text() and "Example street 1" not in footer_text()


def test_the_dashboard_lists_the_pages_with_facts_to_complete(admin_client):
    from django.core.management import call_command

    call_command("loaddata", "pages", verbosity=0)
    [panel] = parse(admin_client.get("/admin/")).cssselect("#to-complete")
    listed = {a.text_content(): a.get("href") for a in panel.cssselect("a")}
    contact = Page.objects.get(path_en="contact")
    assert listed["Contact"] == f"/admin/pages/page/{contact.pk}/change/"
    assert "Passports and travel documents" in listed and "Visas" in listed
    assert "Privacy notice" not in listed  # published: nothing to complete
    assert contact.to_complete in panel.text_content()
    Page.objects.exclude(to_complete="").update(to_complete="")
    make_contact()
    assert not parse(admin_client.get("/admin/")).cssselect("#to-complete")


def test_a_menu_item_can_lead_to_an_embassy_page(client):
    from .pages_helpers import make_page

    page = make_page("Consular services")
    MenuItem.objects.create(
        menu=header(),
        order=99,
        label_en="Consular services",
        content_type=ContentType.objects.get_for_model(Page),
        object_id=page.pk,
    )
    links = nav(client.get("/en/consular-services/"))
    assert links[-1] == ("Consular services", "/en/consular-services/", "page")
