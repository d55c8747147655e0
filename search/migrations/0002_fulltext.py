"""The full-text index of each database: a GIN index on PostgreSQL, an FTS5 table on SQLite.

PostgreSQL: one GIN index on the stored vector. SQLite: ``search_fts`` holds the words of
each document, one column per weight (a to d), its rowid the document's id; the indexing
code inserts its rows, and a trigger deletes them with their document, whatever deletes it
(the indexer, a cascade, the test runner's flush). SQLite drops a table's triggers when
Django rebuilds the table to alter it: a later migration that alters SearchDocument must
create the trigger again.
"""

from django.db import migrations

GIN = "search_document_vector_gin"
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(a, b, c, d, tokenize = 'porter unicode61')",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
    END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS search_fts_delete", "DROP TABLE IF EXISTS search_fts"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex

        model = apps.get_model("search", "SearchDocument")
        schema_editor.add_index(model, GinIndex(fields=["vector"], name=GIN))
    elif vendor == "sqlite":
        for sql in SQLITE_CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(GIN)}")
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
