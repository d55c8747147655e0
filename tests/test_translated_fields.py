"""Content fields exist once per language; English is required, the others optional."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from notices.models import Notice
from publishing.registry import registry
from publishing.translated import columns, shown_language, translated_fields
from relations.models import Relation, Section

from .factories import make_notice

pytestmark = pytest.mark.django_db

# What a visitor reads, per model: every text of a page, a part or a lookup.
EXPECTED = {
    "relations.relation": {"title", "slug", "summary"},
    "relations.section": {"heading", "body"},
    "relations.framework": {"name", "description"},
    "relations.cycle": {"note"},
    "relations.cooperationarea": {"title", "description"},
    "relations.milestone": {"text"},
    "notices.category": {"name", "slug", "description"},
    "notices.notice": {"title", "slug", "summary", "body", "link_label"},
    "notices.attachment": {"title"},
}


def test_every_page_part_and_lookup_has_its_texts_in_three_languages():
    models = [m for t in registry for m in t.models()] + registry.lookups()
    found = {m._meta.label_lower: set(translated_fields(m)) for m in models}
    assert {label: names for label, names in found.items() if label in EXPECTED} == EXPECTED
    for model in models:
        for name in translated_fields(model):
            en, ro, az = (model._meta.get_field(c) for c in columns(model, name))
            assert en.blank == model._meta.get_field(name).blank  # English as required as ever
            assert ro.blank and az.blank


def test_loaddata_twice_fills_english_word_for_word_and_nothing_else(settings):
    fixture = json.loads(
        (settings.BASE_DIR / "relations/fixtures/nato_azerbaijan.json").read_text()
    )
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    assert Relation.objects.count() == 1
    relation = Relation.objects.get()
    assert relation.title_en == fixture[0]["fields"]["title_en"] == "NATO – Azerbaijan relations"
    for entry in fixture:
        if entry["model"] == "relations.section":
            section = Section.objects.get(anchor=entry["fields"]["anchor"])
            assert section.body_en == entry["fields"]["body_en"]
            assert section.heading_en == entry["fields"]["heading_en"]


def test_a_romanian_body_is_sanitised_like_the_english_one():
    notice = make_notice(
        body_en="<p>Visas</p>", body_ro='<p onclick="x()">Vize</p><script>1</script>'
    )
    notice.refresh_from_db()
    assert notice.body_ro == "<p>Vize</p>"
    assert notice.body_en == "<p>Visas</p>"


def test_a_missing_translation_reads_english_and_says_so():
    notice = make_notice(title_en="Visa rules", title_ro="Regimul vizelor")
    with translation.override("ro"):
        assert notice.title == "Regimul vizelor"
        assert notice.summary == notice.summary_en  # no Romanian teaser: the English
        assert shown_language(notice, "title", "ro") == "ro"
        assert shown_language(notice, "summary", "ro") == "en"
    assert shown_language(notice, "summary", "en") == "en"


def test_saving_in_romanian_never_copies_english_into_the_romanian_columns():
    notice = make_notice(title_en="Visa rules", body_en="<p>Visas</p>")
    with translation.override("ro"):
        Notice.objects.get(pk=notice.pk).save()
    notice.refresh_from_db()
    assert not notice.title_ro and not notice.body_ro


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_text_into_english():
    executor = MigrationExecutor(connection)
    before = [("relations", "0004_publish_at_starts_empty"), ("notices", "0006_list_indexes")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    category = old.get_model("notices", "Category").objects.create(name="Visas", slug="visas")
    old.get_model("notices", "Notice").objects.create(
        title="Visa rules", slug="visa-rules", category=category, summary="Rules.", body="<p>B</p>"
    )
    old.get_model("relations", "Relation").objects.create(title="NATO", slug="nato", summary="S")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    notice = apps.get_model("notices", "Notice").objects.get(slug="visa-rules")
    assert (notice.title_en, notice.summary_en, notice.body_en) == (
        "Visa rules",
        "Rules.",
        "<p>B</p>",
    )
    assert notice.title_ro is None and notice.body_az is None
    assert Relation.objects.get(slug="nato").summary_en == "S"


def test_a_snapshot_carries_every_language_and_restores_it():
    from publishing import snapshots

    from .factories import make_relation, make_section

    relation = make_relation(title="NATO", title_ro="NATO (ro)")
    section = make_section(relation, heading="History", heading_az="Tarix")
    data = snapshots.take(relation)
    assert data["page"]["fields"]["title_ro"] == "NATO (ro)"
    assert data["parts"][0]["fields"]["heading_az"] == "Tarix"
    Relation.objects.filter(pk=relation.pk).update(title_ro="changed")
    Section.objects.filter(pk=section.pk).update(heading_az="dəyişdi")
    snapshots.apply(relation, data)
    assert Relation.objects.get(pk=relation.pk).title_ro == "NATO (ro)"
    assert Section.objects.get(relation=relation).heading_az == "Tarix"


def test_a_revision_from_before_translation_restores_its_english():
    """Revisions saved before the fields were translated hold ``title`` alone."""
    from publishing import snapshots

    from .factories import make_relation

    relation = make_relation(title="NATO")
    data = snapshots.take(relation)
    fields = data["page"]["fields"]
    for name in translated_fields(Relation):
        for key in columns(Relation, name):
            fields.pop(key, None)
    fields["title"] = "NATO, as it was"
    snapshots.apply(relation, data)
    restored = Relation.objects.get(pk=relation.pk)
    assert restored.title_en == "NATO, as it was"
    with translation.override("en"):
        assert restored.title == "NATO, as it was"
