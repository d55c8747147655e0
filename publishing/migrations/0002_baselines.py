"""Every page existing before revisions gets its baseline: the content as it stands.

Kept as a no-op: the work moved to a post_migrate handler (publishing.apps), which runs
once every migration is applied, so the live models it snapshots always match their
tables, even when a later migration adds a column to a page (a data migration here would
select that column before it exists).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("relations", "0003_retire_simple_history"),
        ("notices", "0004_retire_simple_history"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
