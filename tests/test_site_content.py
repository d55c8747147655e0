"""Menus and the contact record in import/export: a menu's items and the week's hours are
whole lists in order, a menu item names its page by ``MODEL:KEY``, and a round trip gives
the same bytes."""

import datetime

import pytest
import yaml
from django.core.management.base import CommandError

from pages.models import ContactDetails, HoursException, Menu, MenuItem, Page, RegularHours
from publishing import content_version

from .content_helpers import (
    database_state,
    delete_all_content,
    export_content,
    export_content_saying,
    import_content,
    write,
)

pytestmark = pytest.mark.django_db

# A menu leading to a page of this file (created by it), a list and an address; the
# contact record with the embassy's and the consular section's week and two exceptions.
SITE = """\
pages:
  - {path: consular-services, title: Consular services, slug: consular-services}
  - {path: consular-services/visas, title: Visas, slug: visas}
menus:
  - slot: header
    items:
      - label: Home
        view_name: home
      - label: Visas
        target: page:consular-services/visas
        translations:
          ro: {label: Vize}
          az: {label: Vizalar}
      - label: e-Visa
        address: https://evisa.mae.ro/
  - slot: footer
    items:
      - {label: Consular services, target: page:consular-services}
contact:
  address: |-
    Example street 1
    Baku AZ1000
  phone: +994 12 000 00 00
  emergency_phone: +994 50 000 00 00
  email: embassy@example.org
  map_url: https://www.openstreetmap.org/?mlat=40.37&mlon=49.84
  translations:
    ro: {address: "Strada Exemplu 1\\nBaku AZ1000"}
  hours:
    - {weekday: monday, opens: 09:00, closes: 13:00}
    - {weekday: monday, opens: 14:00, closes: 17:30}
    - {section: consular, weekday: tuesday, opens: 10:00, closes: 12:00}
  exceptions:
    - name: Independence Day
      first_day: 2026-10-18
      translations:
        ro: {name: Ziua Independenței}
    - {section: consular, name: Novruz, first_day: 2027-03-20, last_day: 2027-03-24}
    - {name: Short day, first_day: 2026-12-31, opens: 09:00, closes: 12:00}
"""


def _site(tmp_path, text=SITE, name="site.yaml"):
    return write(tmp_path, name, text)


def _empty():
    """No content at all: no menu either (migrate ships two)."""
    Menu.objects.all().delete()
    ContactDetails.objects.all().delete()
    for page in Page.objects.order_by("-path_en"):  # the pages under a page first
        page.delete()
    delete_all_content()


def _refused(tmp_path, text, name="site.yaml"):
    before = database_state()
    path = write(tmp_path, name, text)
    with pytest.raises(CommandError) as refused:
        import_content(path, verbosity=0)
    assert database_state() == before  # all or nothing
    return str(refused.value), str(path)


def test_menus_and_the_contact_record_import_with_their_order_and_translations(tmp_path):
    import_content(_site(tmp_path), verbosity=0)

    header = Menu.objects.get(slot="header").items.order_by("order")
    assert [item.label for item in header] == ["Home", "Visas", "e-Visa"]
    visas = header[1]
    assert visas.target == Page.objects.get(path_en="consular-services/visas")
    assert (visas.label_ro, visas.label_az) == ("Vize", "Vizalar")
    assert header[0].view_name == "home" and header[2].address == "https://evisa.mae.ro/"
    contact = ContactDetails.objects.get()
    assert contact.address_ro == "Strada Exemplu 1\nBaku AZ1000" and contact.is_filled_in
    hours = [
        (h.section, h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in contact.hours.all()
    ]
    assert sorted(hours) == [
        ("consular", 1, "10:00", "12:00"),
        ("embassy", 0, "09:00", "13:00"),
        ("embassy", 0, "14:00", "17:30"),  # 14:00 unquoted: text, not YAML 1.1's base 60
    ]
    day = contact.exceptions.get(name_en="Independence Day")
    assert day.last_day == day.first_day == datetime.date(2026, 10, 18) and day.closed
    assert contact.exceptions.get(name_en="Novruz").last_day == datetime.date(2027, 3, 24)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_gives_identical_files(tmp_path, fmt):
    import_content(_site(tmp_path), verbosity=0)
    first = tmp_path / f"one.{fmt}"
    export_content(output=str(first))
    _empty()
    assert not ContactDetails.objects.exists() and not MenuItem.objects.exists()

    import_content(first, verbosity=0)  # into an empty database
    second = tmp_path / f"two.{fmt}"
    export_content(output=str(second))
    assert second.read_bytes() == first.read_bytes()
    text = first.read_text()
    for written in ("page:consular-services/visas", "monday", "14:00", "2027-03-24"):
        assert written in text


def test_an_export_imports_back_into_a_filled_database_writing_nothing(tmp_path):
    import_content(_site(tmp_path), verbosity=0)
    output = tmp_path / "site.yaml"
    export_content(output=str(output))
    before = database_state(), list(MenuItem.objects.order_by("pk").values())
    report = import_content(output)
    assert (database_state(), list(MenuItem.objects.order_by("pk").values())) == before
    assert "Menu items: 0 created, 0 updated, 4 unchanged" in report
    assert "Opening hours: 0 created, 0 updated, 3 unchanged" in report
    assert "everything was already up to date" in report


def test_an_item_whose_page_was_deleted_is_left_out_said_and_the_rest_round_trips(tmp_path):
    import_content(_site(tmp_path), verbosity=0)
    Page.objects.get(path_en="consular-services/visas").delete()  # the item stays, leading nowhere
    first = tmp_path / "one.yaml"
    _out, said = export_content_saying(output=str(first))
    assert (
        "The menu item “Visas” of the menu “Header” is left out: the page it leads to was deleted."
    ) in said
    written = {menu["slot"]: menu for menu in yaml.safe_load(first.read_text())["menus"]}
    assert [item["label"] for item in written["header"]["items"]] == ["Home", "e-Visa"]
    import_content(first, verbosity=0)  # back into this site: the item visitors never saw goes
    header = Menu.objects.get(slot="header").items.order_by("order")
    assert [(item.label, item.view_name, item.address) for item in header] == [
        ("Home", "home", ""),
        ("e-Visa", "", "https://evisa.mae.ro/"),
    ]
    _empty()
    import_content(first, verbosity=0)  # and into an empty one: everything else is there
    second = tmp_path / "two.yaml"
    assert export_content_saying(output=str(second))[1].count("left out") == 0
    assert second.read_bytes() == first.read_bytes()
    footer = Menu.objects.get(slot="footer").items.get()
    assert footer.target == Page.objects.get(path_en="consular-services")


def test_a_whole_list_is_what_the_file_says_items_left_out_are_removed(tmp_path):
    import_content(_site(tmp_path), verbosity=0)
    kept = list(
        MenuItem.objects.filter(menu__slot="header").order_by("order").values_list("pk", flat=True)
    )
    shorter = """\
menus:
  - slot: header
    items:
      - {label: Home page, view_name: home}
      - {label: Visas, target: page:consular-services/visas}
contact:
  hours:
    - {weekday: friday, opens: 09:00, closes: 13:00}
"""
    report = import_content(write(tmp_path, "shorter.yaml", shorter))
    header = list(MenuItem.objects.filter(menu__slot="header").order_by("order"))
    assert [(i.pk, i.label) for i in header] == [(kept[0], "Home page"), (kept[1], "Visas")]
    assert header[1].label_ro is None  # as the file gives it: no translation
    assert "Menu items: 0 created, 2 updated, 0 unchanged, 1 removed" in report
    assert "Opening hours: 0 created, 1 updated, 0 unchanged, 2 removed" in report
    assert MenuItem.objects.filter(menu__slot="footer").count() == 1  # not in the file: kept
    assert HoursException.objects.count() == 3  # "exceptions" not given: kept
    assert list(RegularHours.objects.values_list("weekday", flat=True)) == [4]


def test_a_changed_menu_renews_every_cached_page(tmp_path, django_capture_on_commit_callbacks):
    import_content(_site(tmp_path), verbosity=0)
    before = content_version.current()
    source = "menus:\n  - slot: footer\n    items:\n      - {label: Search, view_name: search}\n"
    with django_capture_on_commit_callbacks(execute=True):
        import_content(write(tmp_path, "footer.yaml", source), verbosity=0)
    assert content_version.current() != before


def test_a_target_names_a_relation_or_a_notice_by_its_slug(tmp_path):
    from .content_helpers import CONTENT_DIR

    import_content(CONTENT_DIR, verbosity=0)
    source = """\
menus:
  - slot: header
    items:
      - {label: NATO, target: relation:nato-azerbaijan}
      - {label: EURO 2020, target: notice:romanias-visa-regulations-uefa-euro-2020}
"""
    import_content(write(tmp_path, "menus.yaml", source), verbosity=0)
    items = MenuItem.objects.filter(menu__slot="header").order_by("order")
    assert [item.target.slug for item in items] == [
        "nato-azerbaijan",
        "romanias-visa-regulations-uefa-euro-2020",
    ]
    assert "target: relation:nato-azerbaijan\n" in export_content()


def test_an_unknown_page_is_refused_naming_the_file_the_item_and_the_field(tmp_path):
    text = SITE.replace("target: page:consular-services/visas", "target: page:consular/visa")
    message, path = _refused(tmp_path, text)
    assert (
        f"{path}, line 10: menus[0].items[1]: target: there is no page with the path "
        "“consular/visa”; add it under pages or correct the target"
    ) in message
    assert "1 problem to fix" in message


@pytest.mark.parametrize(
    ("wrong", "right", "said"),
    [
        ("target: page:consular-services}", "target: consular-services}",
         "menus[1].items[0]: target: “consular-services” names no page; write one of "
         "relation:SLUG, notice:SLUG, page:PATH"),
        ("view_name: home", "view_name: nowhere",
         "menus[0].items[0]: view_name: This is not a list of the site."),
        ("view_name: home", "view_name: home\n        address: /en/",
         "menus[0].items[0]: Choose exactly one target: a page, a list, or an address."),
        ("ro: {label: Vize}", "ro: {label: " + "V" * 81 + "}",
         "menus[0].items[1]: translations.ro.label: Ensure this value has at most 80"),
        ("address: https://evisa.mae.ro/", "address: evisa.mae.ro",
         "menus[0].items[2]: address: Give a path of this site starting with /"),
        ("- slot: footer", "- slot: sidebar", "menus[1] (sidebar): slot: Value 'sidebar' is not"),
        ("weekday: tuesday", "weekday: tue",
         "contact.hours[2]: weekday: “tue” is not a weekday; write one of: monday, tuesday"),
        ("opens: 10:00", "opens: 25:00",
         "contact.hours[2]: opens: “25:00” is not a time of day; write hours and minutes"),
        ("closes: 12:00}\n  exceptions", "closes: 09:00}\n  exceptions",
         "contact.hours[2]: closes: The closing time must come after the opening time."),
        ("first_day: 2026-10-18", "first_day: 2026-02-30",
         "contact.exceptions[0]: first_day: “2026-02-30” value has the correct format"),
        ("last_day: 2027-03-24", "last_day: 2027-03-19",
         "contact.exceptions[1]: last_day: The last day cannot come before the first."),
        ("first_day: 2026-12-31, opens: 09:00,", "first_day: 2026-12-31,",
         "contact.exceptions[2]: closes: Give both times, or neither when closed all day."),
        ("email: embassy@example.org", "email: embassy",
         "contact: email: Enter a valid email address."),
        ("map_url: https://www.openstreetmap.org/", "map_url: https://maps.example.com/",
         "contact: map_url: Give an https address on openstreetmap.org"),
        ("  phone:", "  fax: 1\n  phone:", "contact: fax: unknown field; contact take: address"),
    ],
)  # fmt: skip
def test_a_wrong_value_is_refused_naming_the_object_and_the_field(tmp_path, wrong, right, said):
    assert wrong in SITE
    message, path = _refused(tmp_path, SITE.replace(wrong, right, 1))
    assert said in message, message
    assert message.count(path) == 1, message


def test_the_contact_record_is_given_once_in_all_the_files(tmp_path):
    import_content(_site(tmp_path), verbosity=0)
    write(tmp_path / "two", "a.yaml", "contact: {phone: '1'}\n")
    second = write(tmp_path / "two", "b.yaml", "contact: {phone: '2'}\n")
    with pytest.raises(CommandError) as refused:
        import_content(tmp_path / "two", verbosity=0)
    assert f"{second}, line 1: contact: contact: is already given in " in str(refused.value)
    assert ContactDetails.objects.get().phone == "+994 12 000 00 00"
    message, _ = _refused(tmp_path, "contact: [1]\n", name="list.yaml")
    assert "list.yaml, line 1: contact: must be an object with named fields" in message


def test_export_reads_menus_and_the_contact_record_in_a_fixed_number_of_queries(
    tmp_path, django_assert_num_queries
):
    import_content(_site(tmp_path), verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_model(Page)  # cached once per process in production
    # Relations, categories, notices; pages, their facts, documents; menus, their items,
    # the pages they lead to; the contact record, its hours, its exceptions.
    with django_assert_num_queries(12):
        export_content(output=str(tmp_path / "site.json"))
