from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from publishing.roles import role_permissions


def find_permissions(names):
    """Permission objects for "app.codename" strings; a missing one is an error to act on."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = sorted(f"{app}.{code}" for app, code in wanted - found.keys())
    if missing:
        raise CommandError(
            f"Unknown permissions: {', '.join(missing)}. Run `manage.py migrate` first."
        )
    return {found[key] for key in wanted}


class Command(BaseCommand):
    help = "Create or update the Editors and Publishers groups. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        changed = 0
        for name, permissions in role_permissions().items():
            wanted = find_permissions(permissions)
            group = Group.objects.filter(name=name).first()
            current = set(group.permissions.all()) if group else set()
            if group is not None and current == wanted:
                if verbosity > 1:
                    self.stdout.write(f"{name}: unchanged ({len(wanted)} permissions)")
                continue
            changed += 1
            verb = "updated" if group else "created"
            if not dry_run:
                group = group or Group.objects.create(name=name)
                group.permissions.set(wanted)
            if verbosity:
                self.stdout.write(
                    self.style.SUCCESS(f"{name}: {verb} ({len(wanted)} permissions)")
                    + (" [dry run]" if dry_run else "")
                )
        if not changed and verbosity:
            self.stdout.write(self.style.NOTICE("Nothing to do: the groups are up to date."))
