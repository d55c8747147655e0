"""The shipped seed: three notices with the embassy's exact words, loadable twice."""

from http import HTTPStatus

import pytest
from django.core.management import call_command

from notices.models import Category, Notice

pytestmark = pytest.mark.django_db

SEED = {
    "Romania’s Visa Regulations in Preparation for UEFA EURO 2020": (
        "For general information regarding Romania’s Visa Regulations in Preparation for "
        "UEFA EURO 2020 please check this link. …"
    ),
    "The visit to Azerbaijan of Deputy Prime Minister Ana Birchall": (
        "Romanian Deputy Prime Minister Ana Birchall has visited Azerbaijan between 14 and 16 "
        "March 2019 to attend the 7th Global Baku Forum.…"
    ),
    "Scholarships offered by the Romanian State to foreign citizens through the Ministry of "
    "Foreign Affairs of Romania": (
        "The Embassy of Romania to Azerbaijan announces the publication of the 2019-2020 "
        "Program of scholarships offered by the Romanian State…"
    ),
}


def test_seed_holds_the_exact_titles_and_teasers():
    call_command("loaddata", "notices", verbosity=0)
    assert dict(Notice.objects.values_list("title", "summary")) == SEED
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Visas",
        "Official visits",
        "Scholarships",
    ]
    visas = Notice.objects.get(category__slug="visas")
    assert visas.link_label
    # The seed gives no address for "this link"; none is invented.
    assert visas.link_url == ""


def test_loading_twice_leaves_one_copy():
    call_command("loaddata", "notices", verbosity=0)
    call_command("loaddata", "notices", verbosity=0)
    assert Notice.objects.count() == 3
    assert Category.objects.count() == 3


def test_seed_notices_are_shown_newest_first_as_the_seed_orders_them(client):
    call_command("loaddata", "notices", verbosity=0)
    assert list(Notice.objects.current().values_list("title", flat=True)) == list(SEED)
    for notice in Notice.objects.all():
        assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.OK
        notice.full_clean()
