"""Teasers in lists and feeds: an ellipsis only where the text was cut, not after a sentence."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from .factories import make_notice
from .html import parse, text_of

pytestmark = pytest.mark.django_db

LIST = reverse("notices:list")
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def teasers(client, url=LIST):
    """{title: the text before "Read more"} for every notice card on the page."""
    doc = parse(client.get(url))
    return {
        text_of(card.xpath("./*[self::h2 or self::h3]")[0]): card.xpath("./p[not(@class)]")[
            0
        ].text.strip()
        for card in doc.xpath("//main//li[./*[self::h2 or self::h3]/a]")
    }


def test_seed_teasers_end_without_doubled_punctuation(client):
    call_command("loaddata", "notices", verbosity=0)
    expected = {
        "Romania’s Visa Regulations in Preparation for UEFA EURO 2020": (
            "For general information regarding Romania’s Visa Regulations in Preparation for "
            "UEFA EURO 2020 please check this link."
        ),
        "The visit to Azerbaijan of Deputy Prime Minister Ana Birchall": (
            "Romanian Deputy Prime Minister Ana Birchall has visited Azerbaijan between 14 and "
            "16 March 2019 to attend the 7th Global Baku Forum."
        ),
        # Cut mid-sentence from a longer body: the ellipsis is right here.
        "Scholarships offered by the Romanian State to foreign citizens through the Ministry "
        "of Foreign Affairs of Romania": (
            "The Embassy of Romania to Azerbaijan announces the publication of the 2019-2020 "
            "Program of scholarships offered by the Romanian State…"
        ),
    }
    assert teasers(client) == expected
    assert teasers(client, reverse("home")) == expected
    feed = etree.fromstring(client.get(reverse("notices:feed")).content)
    summaries = {
        entry.findtext("a:title", namespaces=ATOM): entry.findtext("a:summary", namespaces=ATOM)
        for entry in feed.findall("a:entry", namespaces=ATOM)
    }
    assert summaries == expected


@pytest.mark.parametrize(
    ("summary", "body", "shown"),
    [
        # A full sentence needs no ellipsis, whatever follows in the body.
        ("What travellers need to know.", "<p>Apply early.</p>", "What travellers need to know."),
        ("Apply now!…", "<p>Apply now! Places are few.</p>", "Apply now!"),
        # Nothing was cut: the summary is all there is, or all the body says.
        ("Consular hours", "", "Consular hours"),
        ("Consular hours…", "<p>Consular hours</p>", "Consular hours"),
        # Cut from the body, or marked as cut by the editor: one ellipsis.
        (
            "The consular section is open",
            "<p>The consular section is open <em>from nine to one</em>.</p>",
            "The consular section is open…",
        ),
        ("Office hours change …", "<p>From May we open at nine.</p>", "Office hours change…"),
    ],
)
def test_teaser_has_an_ellipsis_only_where_text_was_cut(client, summary, body, shown):
    make_notice(title="Consular section", summary=summary, body=body)
    assert teasers(client) == {"Consular section": shown}
