from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publishing.content.exporter import dumps, export

FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


class Command(BaseCommand):
    help = (
        "Write all relations, categories, notices, pages, menus and the contact record in the "
        "import format (JSON or YAML). "
        "Attachments and the images pages show are copied to a folder next to the output file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=["json", "yaml"],
            help="Output format. Default: from the output file's name, else YAML.",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="Write here instead of to standard output."
        )

    def handle(self, *args, format, output, verbosity, **options):
        output = Path(output) if output else None
        fmt = format or (FORMATS.get(output.suffix.lower()) if output else None) or "yaml"
        # Attachment paths are relative to the content file: <name>-files/ next to it.
        folder = f"{output.stem}-files" if output else "files"
        data, files, left_out = export(files_folder=folder)
        for sentence in left_out:  # on every verbosity: the file holds less than the site
            self.stderr.write(self.style.WARNING(sentence))
        if files and output is None:
            raise CommandError(
                f"There are {len(files)} files (attachments, images) to write next to the "
                "content: give --output FILE."
            )
        text = dumps(data, fmt)
        if output is None:
            self.stdout.write(text, ending="")
            return
        if output.parent and not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write {output.name} in.")
        for storage, stored_name, relative in files:
            target = output.parent / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storage.open(stored_name, "rb") as source:
                    target.write_bytes(source.read())
            except OSError as error:
                raise CommandError(
                    f"The file {stored_name} cannot be copied: {error.strerror}."
                ) from None
        output.write_text(text, encoding="utf-8")
        if verbosity >= 1:
            # The contact record is one object, or null while there is none.
            counts = {
                key: len(value) if isinstance(value, list) else int(value is not None)
                for key, value in data.items()
            }
            summary = ", ".join(f"{count} {key}" for key, count in counts.items())
            attached = f", {len(files)} files in {output.parent / folder}" if files else ""
            self.stderr.write(self.style.SUCCESS(f"Wrote {output}: {summary}{attached}."))
