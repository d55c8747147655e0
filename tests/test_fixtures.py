"""The shipped fixtures: loaddata twice leaves one copy; a natural-key dump loads back the same."""

import json

import pytest
from django.core.management import call_command

from notices.models import Notice
from pages.models import Menu, MenuItem

from .content_helpers import (
    CONTENT_DIR,
    content_models,
    counts,
    delete_all_content,
    export_content,
    import_content,
    write,
)

pytestmark = pytest.mark.django_db

FIXTURES = ["nato_azerbaijan", "notices"]
# What `make run` loads (Makefile's FIXTURES): content/ holds the same site.
SITE_FIXTURES = [*FIXTURES, "pages"]


def dump():
    from io import StringIO

    out = StringIO()
    call_command(
        "dumpdata", "relations", "notices", natural_foreign=True, natural_primary=True,
        indent=1, stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


def test_loading_the_fixtures_twice_leaves_one_copy():
    call_command("loaddata", *FIXTURES, verbosity=0)
    first = counts()
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert counts() == first
    assert first["Relation"] == 1 and first["Notice"] == 3 and first["Category"] == 3


def test_a_changed_fixture_updates_rows_in_place(tmp_path, settings):
    call_command("loaddata", *FIXTURES, verbosity=0)
    notice = Notice.objects.get(slug="visit-deputy-prime-minister-ana-birchall")
    fixture = json.loads((settings.BASE_DIR / "notices/fixtures/notices.json").read_text())
    for entry in fixture:
        if entry["fields"].get("slug_en") == notice.slug_en:
            entry["fields"]["title_en"] = "The visit of Deputy Prime Minister Ana Birchall"
    call_command("loaddata", write(tmp_path, "changed.json", json.dumps(fixture)), verbosity=0)
    changed = Notice.objects.get(slug=notice.slug)
    assert changed.pk == notice.pk
    assert changed.title == "The visit of Deputy Prime Minister Ana Birchall"
    assert Notice.objects.count() == 3


def test_a_natural_key_dump_flushed_and_loaded_gives_the_same_content(tmp_path):
    call_command("loaddata", *FIXTURES, verbosity=0)
    before = dump()
    path = write(tmp_path, "dump.json", json.dumps(before))
    call_command("flush", interactive=False, verbosity=0)
    shipped = (Menu, MenuItem)  # migrate ships the menus, and flush brings them back
    assert all(m.objects.count() == 0 for m in content_models() if m not in shipped)
    call_command("loaddata", path, verbosity=0)
    assert dump() == before
    assert all("pk" not in entry for entry in before)


def test_the_content_folder_and_the_fixtures_hold_the_same_content():
    """content/ is the operator's copy of the seed: it must not drift from the fixtures (and
    the menus migrate ships, which content/site.yaml holds)."""
    call_command("loaddata", *SITE_FIXTURES, verbosity=0)
    from_fixtures = export_content(format="json")
    call_command("flush", interactive=False, verbosity=0)
    import_content(CONTENT_DIR, verbosity=0)
    assert export_content(format="json") == from_fixtures
    assert {"pages", "menus", "contact"} <= set(json.loads(from_fixtures))
    assert len(json.loads(from_fixtures)["pages"]) == 9
    # Into an empty database: no menu either, they come from content/site.yaml alone.
    delete_all_content()  # not flush: PostgreSQL refuses it after the import's writes
    Menu.objects.all().delete()
    assert not any(model.objects.exists() for model in content_models())
    import_content(CONTENT_DIR, verbosity=0)
    assert export_content(format="json") == from_fixtures


def test_the_seed_page_text_is_in_the_content_folder_word_for_word(settings):
    seed = (settings.BASE_DIR / "tests/data/seed_page.txt").read_text()
    content = "".join(path.read_text() for path in sorted(CONTENT_DIR.glob("*.yaml")))
    paragraphs = [" ".join(line.split()) for line in seed.splitlines() if len(line) > 80]
    assert paragraphs
    for paragraph in paragraphs:
        assert paragraph.rstrip(" …").rstrip("…") in " ".join(content.split())
