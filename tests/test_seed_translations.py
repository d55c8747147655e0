"""The shipped Romanian and Azerbaijani content: complete, with every date and number of
the English, in each language's own letters and spelling of names."""

import re

import pytest
from django.core.management import call_command

from publishing import content_translations
from publishing.content.schema import all_kinds
from publishing.translated import column

pytestmark = pytest.mark.django_db

# How each language writes the names the English text uses (and what it must not write).
NAMES = {
    "ro": {"Azerbaidjan": "Azerbaijan", "Praga": "Prague", "Baku": "Bakı"},
    "az": {"Azərbaycan": "Azerbaijan", "Heydər Əliyev": "Heydar Aliyev",
           "İlham Əliyev": "Ilham Aliyev", "Praqa": "Prague", "Bakı": "Baku",
           "Rumıniya": "Romania"},
}  # fmt: skip


def seed_texts():
    """(kind, object, field, English) of every non-empty translated field of the seed."""
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    for kind in all_kinds():
        for obj in kind.model._default_manager.all():
            for name in content_translations.fields_of(kind):
                english = getattr(obj, column(name, "en"))
                if english:
                    yield kind, obj, name, english


def test_every_seed_text_has_both_translations_with_its_dates_and_numbers():
    checked = 0
    for kind, obj, name, _english in seed_texts():
        for language in ("ro", "az"):
            assert getattr(obj, column(name, language)), f"{obj!r} {name} has no {language}"
        assert content_translations.doubts(obj, kind) == [], f"{obj!r}"
        checked += 1
    assert checked > 60


def test_each_language_writes_its_own_letters_and_names():
    texts = {"ro": [], "az": []}
    for _kind, obj, name, _english in seed_texts():
        for language in texts:
            texts[language].append(getattr(obj, column(name, language)))
    romanian, azerbaijani = " ".join(texts["ro"]), " ".join(texts["az"])
    assert not re.search("[şţŞŢ]", romanian)  # cedillas: ș ț have the comma below
    assert "ș" in romanian and "ț" in romanian
    assert not re.search("[\u0400-\u04ff]", azerbaijani)  # Latin alphabet, no Cyrillic
    assert all(letter in azerbaijani for letter in "əğıöüçş")
    for language, text in (("ro", romanian), ("az", azerbaijani)):
        for own, foreign in NAMES[language].items():
            assert own in text, (language, own)
            assert foreign not in text, (language, foreign)


@pytest.mark.parametrize("language", ["ro", "az"])
def test_the_translated_seed_page_reads_wholly_in_its_language(client, language):
    from .html import parse

    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    # The English slug leads to the page's own slug in the language.
    response = client.get(f"/{language}/relations/nato-azerbaijan/", follow=True)
    slug = {"ro": "relatiile-nato-azerbaidjan", "az": "nato-azerbaycan-munasibetleri"}
    assert response.redirect_chain == [(f"/{language}/relations/{slug[language]}/", 301)]
    doc = parse(response)
    main = doc.xpath("//main")[0]
    assert main.xpath(".//*[@role='note']") == []
    assert main.xpath(".//*[@lang]") == []  # nothing in it is marked as English
    title = {"ro": "Relațiile NATO – Azerbaidjan", "az": "NATO – Azərbaycan münasibətləri"}
    assert main.xpath(".//h1")[0].text_content() == title[language]
