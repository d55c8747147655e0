"""The header and footer kept rendered per content version (pages/rendered_chrome.py): each
page still gets its own current item, language links and search form, a kept copy is
what a fresh render gives, and every change to what they show is seen by the next visitor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notices.models import Notice
from pages import rendered_chrome
from pages.models import Menu, MenuItem
from publishing.models import Status

from .factories import make_category, make_notice
from .html import parse
from .pages_helpers import make_contact, make_page

pytestmark = pytest.mark.django_db


def header_links(response):
    links = parse(response).cssselect("ul.nav li a")
    return [(a.text_content(), a.get("aria-current")) for a in links]


def switcher(response):
    return [a.get("href") for a in parse(response).cssselect("nav.languages a")]


def chrome_of(response):
    page = response.content.decode()
    return page[page.index("<header") : page.index("<main")], page[page.index("</main>") :]


def test_each_page_has_its_own_current_item_and_language_links(client):
    category = make_category(name="Visas", slug="visas")
    first = make_notice(title="Visa hours", slug="visa-hours", category=category)
    second = make_notice(title="Visa fees", slug="visa-fees", category=category)
    assert header_links(client.get("/en/"))[:3] == [
        ("Home", "page"),
        ("Relations", None),
        ("Notices", None),
    ]
    assert header_links(client.get("/en/notices/"))[2] == ("Notices", "page")
    assert header_links(client.get(first.get_absolute_url()))[2] == ("Notices", "true")
    assert header_links(client.get("/en/"))[0] == ("Home", "page")  # a kept copy, again
    assert switcher(client.get(first.get_absolute_url())) == [
        "/ro/notices/visa-hours/",
        "/az/notices/visa-hours/",
    ]
    assert switcher(client.get(second.get_absolute_url())) == [
        "/ro/notices/visa-fees/",
        "/az/notices/visa-fees/",
    ]
    assert switcher(client.get("/ro/notices/?page=1")) == [
        "/en/notices/?page=1",
        "/az/notices/?page=1",
    ]


def test_the_search_page_alone_has_no_header_form(client):
    search = "form.search-form"
    assert not parse(client.get("/en/search/")).cssselect(search)
    assert parse(client.get("/en/")).cssselect(search)
    assert not parse(client.get("/en/search/?q=visa")).cssselect(search)


def test_a_kept_copy_is_what_a_fresh_render_gives(client):
    make_contact()
    make_notice(title="Visa hours", category=make_category(slug="visas"))
    paths = ["/en/", "/ro/notices/", "/az/notices/category/visas/", "/en/search/"]
    first = {path: chrome_of(client.get(path)) for path in paths}
    again = {path: chrome_of(client.get(path)) for path in paths}
    rendered_chrome.forget()
    fresh = {path: chrome_of(client.get(path)) for path in paths}
    assert first == again == fresh
    assert rendered_chrome._kept  # the copies were kept, and used


def test_a_published_footer_statement_shows_at_once(client, django_capture_on_commit_callbacks):
    def footer_links():
        return [a.text_content() for a in parse(client.get("/en/")).cssselect(".site-footer a")]

    assert "Cookies" not in footer_links()
    with django_capture_on_commit_callbacks(execute=True):
        make_page("Cookies", in_footer=True)
    assert "Cookies" in footer_links()


def test_a_translated_menu_label_shows_in_its_language(client, django_capture_on_commit_callbacks):
    client.get("/ro/")
    item = MenuItem.objects.get(menu__slot="header", view_name="notices:list")
    with django_capture_on_commit_callbacks(execute=True):
        item.label_ro = "Comunicate"
        item.save()
    assert header_links(client.get("/ro/"))[2] == ("Comunicate", None)
    assert header_links(client.get("/en/"))[2] == ("Notices", None)


def test_a_scheduled_menu_target_shows_once_its_time_comes(client, clock):
    """No save happens when a scheduled page goes live: the kept header must not outlive
    the moment its menu item appears."""
    notice = make_notice(
        title="Visa rules",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + timezone.timedelta(seconds=3),
    )
    MenuItem.objects.create(
        menu=Menu.objects.get(slot="header"),
        order=99,
        label_en="Visas",
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=notice.pk,
    )
    assert "Visas" not in [label for label, _ in header_links(client.get("/en/"))]
    clock.advance((notice.publish_at - timezone.now()).total_seconds() + 0.1)
    assert header_links(client.get("/en/"))[-1] == ("Visas", None)
