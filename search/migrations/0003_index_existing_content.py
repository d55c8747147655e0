"""Documents for the pages that existed before search had its own table.

It runs the live indexer (the registry, get_absolute_url), not historical models, since
documents are built from what the registry says now. So if a later migration changes the
columns of SearchDocument or of a searched page, turn this into a no-op and add a rebuild
after that change (or run ``manage.py rebuild_search_index``).
"""

from django.db import migrations


def index(apps, schema_editor):
    from search.indexing import rebuild

    rebuild()


class Migration(migrations.Migration):
    # After the page apps' latest migrations: the live models must match their tables.
    dependencies = [
        ("search", "0002_fulltext"),
        ("notices", "0004_retire_simple_history"),
        ("relations", "0003_retire_simple_history"),
    ]

    operations = [migrations.RunPython(index, migrations.RunPython.noop)]
