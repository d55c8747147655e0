"""PostgreSQL deletes a document's words with the document, whoever deletes it.

The words' foreign key was DO_NOTHING with a constraint that refused a document deleted
alone: anything but search.indexing (a test, a shell, a content type's removal) that deleted
documents failed at commit. The model keeps DO_NOTHING, so Django's delete stays one
statement; the database's ON DELETE CASCADE removes the words.
"""

from django.db import migrations

TABLE, COLUMN = "search_searchterm", "document_id"
CASCADING = "search_searchterm_document_cascade"


def _replace(schema_editor, cascade):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite keeps no words (search_searchterm stays empty there)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [TABLE],
        )
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
    on_delete = " ON DELETE CASCADE" if cascade else ""
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {CASCADING} FOREIGN KEY ({COLUMN}) "
        f"REFERENCES search_searchdocument (id){on_delete} DEFERRABLE INITIALLY DEFERRED"
    )


def cascade(apps, schema_editor):
    _replace(schema_editor, cascade=True)


def refuse(apps, schema_editor):
    _replace(schema_editor, cascade=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_searchterm_for_common_words")]
    operations = [migrations.RunPython(cascade, refuse)]
