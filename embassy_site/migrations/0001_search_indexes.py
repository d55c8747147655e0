"""GIN indexes for site search, on PostgreSQL only (SQLite searches without them).

The expressions are frozen here as migrations should be; they equal the vectors in
embassy_site/search.py, and tests/test_search.py proves PostgreSQL uses the indexes.
"""

from django.db import migrations

CONFIG = "english"


def vectors():
    from django.contrib.postgres.search import SearchVector

    def vector(*weighted):
        combined = None
        for field, weight in weighted:
            part = SearchVector(field, weight=weight, config=CONFIG)
            combined = part if combined is None else combined + part
        return combined

    return [
        ("notices", "Notice", "notice_search_idx", vector(("title", "A"), ("summary", "B"), ("body", "C"))),
        ("relations", "Relation", "relation_search_idx", vector(("title", "A"), ("summary", "B"))),
        ("relations", "Section", "section_search_idx", vector(("heading", "B"), ("body", "C"))),
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    for app_label, model_name, name, expression in vectors():
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, GinIndex(expression, name=name))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app, _model, name, _expression in vectors():
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
        ("relations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
