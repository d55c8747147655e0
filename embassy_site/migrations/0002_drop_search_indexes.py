"""Drop 0001's expression indexes: search now reads the search app's own table.

0001 stays, since databases have applied it; going back to it builds the indexes again.
"""

import importlib

from django.db import migrations

first = importlib.import_module("embassy_site.migrations.0001_search_indexes")


class Migration(migrations.Migration):
    dependencies = [("embassy_site", "0001_search_indexes")]

    operations = [
        migrations.RunPython(first.drop_indexes, first.create_indexes, elidable=False),
    ]
