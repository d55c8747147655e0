"""Helpers for the content import/export tests: files on disk, commands, database state."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from publishing.content.schema import all_kinds

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def write(folder, name, content):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def import_content(*paths, **options):
    """Run import_content and return what it printed."""
    out = StringIO()
    call_command("import_content", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def import_text(folder, text, name="in.yaml", **options):
    """Write ``text`` to a content file in ``folder`` and import it: what import printed."""
    return import_content(write(folder, name, text), **options)


def export_to(folder, name, **options):
    """Export into the file ``folder/name``: its path, to read or import again."""
    path = Path(folder) / name
    export_content(output=str(path), **options)
    return path


def export_content(**options):
    return export_content_saying(**options)[0]


def export_content_saying(**options):
    """Run export_content: (what it wrote to standard output, what it said on stderr)."""
    out, err = StringIO(), StringIO()
    call_command("export_content", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def content_models():
    """Every model the content format holds, parents first, read from the registry."""
    return [kind.model for kind in all_kinds()]


def database_state():
    """Every stored value of every content row, timestamps included: any write shows."""
    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in content_models()
    }


def counts():
    return {model.__name__: model.objects.count() for model in content_models()}


def delete_all_content():
    for kind in reversed(all_kinds()):
        if kind.tree is None:
            kind.model.objects.all().delete()
            continue
        rows = kind.model.objects.all()  # a tree protects its parents: the deepest first
        for row in sorted(rows, key=lambda row: -kind.depth(getattr(row, kind.key_column))):
            row.delete()
