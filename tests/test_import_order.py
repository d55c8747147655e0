"""No module of the project needs the app registry at import time, so no import order can
raise AppRegistryNotReady (a stop hook's ``makemigrations --check`` once reported one).

Django imports the apps' packages and apps.py, then their models in INSTALLED_APPS order,
then runs the ready() methods. A module first imported in a ready() may read the registry
at import time unnoticed, until a models module (or another order of apps) imports it
earlier. So, in a fresh interpreter, every module of the project's apps is imported at the
very start of the models phase, before any model is loaded, and setup and
``makemigrations --check`` must still succeed, in one order and in the reverse.
Left out: what packages load in ready() by design (``admin``; ``translation``, where
modeltranslation registers the translated fields) and the server entry points.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = settings.BASE_DIR
READY_LOADED = {"admin", "translation", "asgi", "wsgi", "settings", "migrations"}

SETUP_PHASE = """
import importlib, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
modules = sys.argv[1:]
import django
from django.apps import AppConfig
from django.conf import settings
settings.INSTALLED_APPS  # the settings, read as manage.py reads them, before any app
load = AppConfig.import_models
def first_import_these(config):
    while modules:
        importlib.import_module(modules.pop(0))
    load(config)
AppConfig.import_models = first_import_these
django.setup()
from django.core.management import call_command
call_command("makemigrations", "--check", "--dry-run", verbosity=0)
print("imported")
"""


def project_apps():
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
    ]


def project_modules():
    found = []
    for config in project_apps():
        if config.name.startswith("tests."):
            continue
        for path in sorted(Path(config.path).rglob("*.py")):
            parts = path.relative_to(config.path).with_suffix("").parts
            if READY_LOADED.intersection(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append(".".join([config.name, *parts]))
    return found


def run(arguments):
    result = subprocess.run(
        [sys.executable, "-c", SETUP_PHASE, *arguments],
        cwd=ROOT,
        # makemigrations reads the migration history: of a database no other run uses.
        env={**os.environ, "DATABASE_URL": "sqlite://:memory:"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_every_module_imports_before_any_model_is_loaded(order):
    modules = project_modules()
    assert {"publishing.models", "publishing.languages", "pages.paths"} <= set(modules)
    code, output = run(modules if order == "sorted" else modules[::-1])
    assert code == 0 and "imported" in output, output[-3000:]
