"""The menus in the admin speak the admin's language: one label per item in the list, the
missing translations said in words, and an item's labels edited under the form's language
switch like every page's fields; a publisher's labels are saved per language."""

from http import HTTPStatus

import pytest
from django.test import Client

from pages.models import Menu, MenuItem
from publishing.roles import PUBLISHERS

from .factories import make_staff
from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db
MISSING = "Română (1), Azərbaycanca (1)"


def header():
    return Menu.objects.get(slot="header")


def publisher():
    client = Client()
    client.force_login(make_staff("pub", PUBLISHERS))
    return client


def listed(client, language):
    """{menu: (its items as listed, translations missing)} of the menus' changelist."""
    response = client.get("/admin/pages/menu/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == HTTPStatus.OK
    rows = parse(response).cssselect("#result_list tbody tr")
    return {
        text_of(row.cssselect("th")[0]): (
            text_of(row.cssselect("td.field-labels")[0]),
            text_of(row.cssselect("td.field-missing")[0]),
        )
        for row in rows
    }


@pytest.mark.parametrize(
    ("language", "menu", "items", "missing"),
    [
        (
            "en",
            "Header",
            "Home · Relations · Notices · Visas",
            MISSING,
        ),
        ("ro", "Antet", "Acasă · Relații · Anunțuri · Visas (netradus)", MISSING),
        (
            "az",
            "Səhifənin yuxarı hissəsi",
            "Ana səhifə · Münasibətlər · Elanlar · Visas (tərcümə edilməyib)",
            MISSING,
        ),
    ],
)
def test_the_list_shows_one_label_an_item_and_the_missing_translations(
    admin_client, language, menu, items, missing
):
    MenuItem.objects.create(menu=header(), order=99, label_en="Visas", view_name="search")
    columns = listed(admin_client, language)[menu]
    assert columns[0] == items
    assert columns[1] == missing  # in every language: which translations, how many items
    assert columns[0].count("·") == 3  # never three labels side by side


def test_an_untranslated_label_in_the_list_is_marked_english(admin_client):
    MenuItem.objects.create(menu=header(), order=99, label_en="Visas", view_name="search")
    page = parse(admin_client.get("/admin/pages/menu/", HTTP_ACCEPT_LANGUAGE="ro"))
    assert [text_of(span) for span in page.cssselect('#result_list span[lang="en"]')] == ["Visas"]


def test_a_fully_translated_menu_says_nothing_is_missing(admin_client):
    assert listed(admin_client, "en")["Header"][1] == "Nothing missing"


def test_the_form_edits_each_label_under_the_language_switch(client):
    client = publisher()
    url = f"/admin/pages/menu/{header().pk}/change/"
    page = parse(client.get(url))
    # One column a language, each saying its language to the switch; none is modeltranslation's.
    fields = {
        i.get("name"): i.get("data-language") for i in page.cssselect("input[name^=items-0-label]")
    }
    assert fields == {"items-0-label": "en", "items-0-label_ro": "ro", "items-0-label_az": "az"}
    assert page.cssselect('script[src*="js/language-switch"]')  # the form's one switch
    missing = [
        text_of(td) for td in page.cssselect("tr.has_original td.field-missing_translations")
    ]
    assert missing == ["Nothing missing"] * 3
    data = form_data(client.get(url))
    data.update(
        {
            "items-TOTAL_FORMS": str(int(data["items-TOTAL_FORMS"]) + 1),
            "items-3-order": "99",
            "items-3-label": "Visas",
            "items-3-label_ro": "Vize",
            "items-3-label_az": "",
            "items-3-view_name": "search",
            "items-3-menu": str(header().pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))[:800]
    item = MenuItem.objects.get(label_en="Visas")
    assert (item.label_ro, item.label_az) == ("Vize", None)
    page = parse(client.get(url))
    assert [text_of(td) for td in page.cssselect("tr.has_original td.field-missing_translations")][
        -1
    ] == "Azərbaycanca"


def test_an_english_label_is_required(client):
    client = publisher()
    url = f"/admin/pages/menu/{header().pk}/change/"
    data = form_data(client.get(url))
    data.update({"items-0-label": "", "items-0-label_ro": "Acasă"})
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in text_of(parse(response))
    assert MenuItem.objects.filter(label_en="Home").exists()


def test_the_list_costs_the_same_queries_however_many_items(
    admin_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            admin_client.get("/admin/pages/menu/")
        return len(queries)

    before = count()
    for n in range(10):
        MenuItem.objects.create(
            menu=header(), order=10 + n, label_en=f"Item {n}", view_name="search"
        )
    assert count() == before
