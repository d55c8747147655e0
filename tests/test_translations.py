"""The interface in Romanian and Azerbaijani: every message translated, none fuzzy, and
dates written the way each language writes them."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import override

from .html import parse, text_of
from .public_content import make_nato_relation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["ro", "az"]
SOURCES = [
    "embassy_site",
    "notices",
    "publishing",
    "relations",
    "search",
    "templates",
    "addresses",
    "upkeep",
    "pages",
    "translations",
    "images",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def gaps(po):
    """Every entry a visitor or an editor would see in English: untranslated or fuzzy."""
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]


def wrong_placeholders(po):
    wrong = []
    for e in po:
        forms = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        expected = set(PLACEHOLDER.findall(e.msgid_plural or e.msgid))
        # A singular form may say "one" instead of naming the count.
        if any(set(PLACEHOLDER.findall(f)) - expected for f in forms):
            wrong.append(e.msgid)
        if not e.msgid_plural and set(PLACEHOLDER.findall(e.msgstr)) != expected:
            wrong.append(e.msgid)
    return wrong


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert not po.metadata_is_fuzzy
    assert gaps(po) == []
    assert wrong_placeholders(po) == []
    assert len(po) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_mo_is_compiled_from_the_po(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    assert compiled == source


@pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("CI") != "true",
    reason="gettext is missing (apt-get install gettext)",
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_code_and_templates(language, tmp_path, settings):
    """A new {% translate %} or gettext() with no translation fails here.

    makemessages writes beside the sources it reads, so it runs on a copy of them.
    """
    project = tmp_path / "project"
    for folder in SOURCES:
        shutil.copytree(settings.BASE_DIR / folder, project / folder)
    catalogue = project / "locale" / language / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    shutil.copy(LOCALE / language / "LC_MESSAGES" / "django.po", catalogue)
    settings.LOCALE_PATHS = [project / "locale"]
    here = os.getcwd()
    os.chdir(project)
    try:
        call_command("makemessages", locale=[language], no_location=True, verbosity=0)
    finally:
        os.chdir(here)
    po = polib.pofile(str(catalogue / "django.po"))
    assert gaps(po) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day", "month", "lead"),
    [
        ("en", "4 May 1994", "May 2003", "Skip to main content"),
        ("ro", "4 mai 1994", "mai 2003", "Salt la conținutul principal"),
        ("az", "4 may 1994", "may 2003", "Əsas məzmuna keçin"),
    ],
)
def test_pages_speak_the_language_and_dates_keep_their_precision(
    client, language, day, month, lead
):
    relation = make_nato_relation()
    with override(language):
        url = relation.get_absolute_url()
    doc = parse(client.get(url))
    times = {t.get("datetime"): text_of(t) for t in doc.iter("time")}
    assert times["1994-05-04"] == day
    assert times["2003-05"] == month
    assert times["1992"] == "1992"
    assert text_of(doc.xpath("//a[@class='skip-link']")[0]) == lead
