#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that read only the code, never the site's secrets, data or visitors: they run on
# a bare checkout (a newcomer's, a hook's `makemigrations --check`) with development settings.
CODE_ONLY = {"makemigrations", "makemessages", "compilemessages", "help", "--help", "-h"}
CODE_ONLY |= {"version", "--version"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy_site.settings")
    if (sys.argv[1] if len(sys.argv) > 1 else "help") in CODE_ONLY:
        os.environ.setdefault("DEBUG", "true")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings)
    except ImproperlyConfigured as error:
        # Django would carry on without them and fail later, far from the cause
        # ("Models aren't loaded yet"): say what is missing instead.
        sys.exit(f"The settings are incomplete: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
