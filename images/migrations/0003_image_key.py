"""Every image gets its key for the import/export format: existing ones their file's
random name (images/<uuid>.jpg -> <uuid>), new ones a random key of their own."""

import uuid
from pathlib import PurePosixPath

from django.db import migrations, models

import images.models


def keys_from_names(apps, schema_editor):
    Image = apps.get_model("images", "Image")
    taken = set()
    for image in Image.objects.only("pk", "file").order_by("pk"):
        key = PurePosixPath(image.file.name or "").stem[:64] or uuid.uuid4().hex
        if key in taken:
            key = uuid.uuid4().hex
        taken.add(key)
        Image.objects.filter(pk=image.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("images", "0002_translated_words")]

    operations = [
        migrations.AddField(
            model_name="image",
            name="key",
            # No index yet: the unique one comes with the keys (PostgreSQL would make a
            # second "_like" index of the same name).
            field=models.SlugField(
                db_index=False, editable=False, max_length=64, null=True, verbose_name="key"
            ),
        ),
        migrations.RunPython(keys_from_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="image",
            name="key",
            field=models.SlugField(
                default=images.models.new_key,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="key",
            ),
        ),
    ]
