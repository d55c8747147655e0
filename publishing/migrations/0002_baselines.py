"""Every page existing before revisions gets its baseline: the content as it stands.

It reads the live models through the registry rather than historical models: a snapshot
is the models' own serialisation, which a historical model cannot give. Run once, on
databases that had content before revisions existed; new databases have nothing to do.
"""

from django.db import migrations


def baselines(apps, schema_editor):
    from publishing import revisions
    from publishing.models import Revision
    from publishing.registry import registry

    for page_type in registry:
        pks = list(page_type.model._default_manager.values_list("pk", flat=True))
        fresh = sorted(revisions.without_revisions(page_type.model, pks))
        for start in range(0, len(fresh), 500):
            revisions.record_many(
                page_type.model,
                fresh[start : start + 500],
                Revision.Kind.BASELINE,
                note="Content as it was when revisions began.",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("relations", "0003_retire_simple_history"),
        ("notices", "0004_retire_simple_history"),
    ]

    operations = [migrations.RunPython(baselines, migrations.RunPython.noop)]
