"""Documents for the pages that existed before search had its own table.

Kept as a no-op: the work moved to a post_migrate handler (search.apps) that indexes every
page without documents once all migrations are applied, so the live models it reads always
match their tables, whatever later migrations add.
"""

from django.db import migrations


class Migration(migrations.Migration):
    # After the page apps' latest migrations: the live models must match their tables.
    dependencies = [
        ("search", "0002_fulltext"),
        ("notices", "0004_retire_simple_history"),
        ("relations", "0003_retire_simple_history"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
