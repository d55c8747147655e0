"""The shipped pages (pages/fixtures/pages.json, loaded by `make run`): one copy however
often loaded, valid, in three languages, no invented facts, drafts marked "to complete"."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from pages.models import Page

pytestmark = pytest.mark.django_db

SHIPPED = {
    "about-the-embassy": "draft",
    "consular-services": "published",
    "consular-services/visas": "draft",
    "consular-services/passports-and-travel-documents": "draft",
    "consular-services/civil-status": "draft",
    "consular-services/notarial-services": "draft",
    "contact": "draft",
    "accessibility-statement": "published",
    "privacy-notice": "published",
}
MARKERS = {"en": "To complete:", "ro": "De completat:", "az": "Tamamlanmalıdır:"}


def test_make_run_loads_the_pages(settings):
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert re.search(r"^FIXTURES :=.* pages\b", makefile, re.M)


def test_loading_twice_leaves_one_copy_of_each_page():
    call_command("loaddata", "pages", verbosity=0)
    first = sorted(Page.objects.values_list("pk", "path_en"))
    call_command("loaddata", "pages", verbosity=0)
    assert sorted(Page.objects.values_list("pk", "path_en")) == first
    assert dict(Page.objects.values_list("path_en", "status")) == SHIPPED


def test_every_shipped_page_is_valid_and_whole_in_three_languages():
    call_command("loaddata", "pages", verbosity=0)
    for page in Page.objects.all():
        page.full_clean()
        for code in ("en", "ro", "az"):
            assert getattr(page, f"title_{code}") and getattr(page, f"body_{code}"), page
            text = getattr(page, f"title_{code}") + getattr(page, f"body_{code}")
            if code == "ro":
                assert not set(text) & set("şţŞŢ"), f"{page}: Romanian ș ț take a comma below"
            if code == "az":
                assert not set(text) & set("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ"), page
        # A draft says what is missing, in each language; a published page has nothing to say.
        marked = [code for code, word in MARKERS.items() if word in getattr(page, f"body_{code}")]
        assert marked == (["en", "ro", "az"] if page.to_complete else []), page
        assert (page.status == "draft") == bool(page.to_complete), page


def test_no_phone_number_or_address_is_invented():
    call_command("loaddata", "pages", verbosity=0)
    for page in Page.objects.all():
        for code in ("en", "ro", "az"):
            body = getattr(page, f"body_{code}")
            assert "@" not in body and "tel:" not in body, page
            assert not re.search(r"\+?\d[\d ]{6,}", body), page


def test_the_statements_say_what_the_site_really_keeps(settings):
    call_command("loaddata", "pages", verbosity=0)
    privacy = Page.objects.get(path_en="privacy-notice").body_en
    hours = settings.SESSION_COOKIE_AGE // 3600
    assert f"ends {hours} hours after sign-in" in privacy
    assert f"after {settings.AXES_FAILURE_LIMIT} wrong passwords" in privacy
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in privacy
    assert f"kept {settings.LOGIN_KNOWN_PLACE_DAYS} days" in privacy
    assert "no cookies for visitors" in privacy
    accessibility = Page.objects.get(path_en="accessibility-statement").body_en
    for fact in ("WCAG) 2.1 at level AA", "axe-core", "Nu HTML Checker", "320 pixels", "keyboard"):
        assert fact in accessibility
    assert "Known gaps" in accessibility and "Reporting a problem" in accessibility


def test_a_natural_key_dump_flushed_and_loaded_gives_the_same_pages(tmp_path):
    call_command("loaddata", "pages", verbosity=0)

    def dump():
        out = StringIO()
        call_command(
            "dumpdata", "pages.page", natural_foreign=True, natural_primary=True, stdout=out
        )
        return sorted(json.loads(out.getvalue()), key=lambda e: e["fields"]["path_en"])

    before = dump()
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(before))
    Page.objects.filter(parent__isnull=False).delete()
    Page.objects.all().delete()
    call_command("loaddata", str(path), verbosity=0)
    assert dump() == before
    assert all("pk" not in entry for entry in before)


def test_the_privacy_notice_gives_the_log_period_the_deploy_files_keep():
    """What visitors are told of the server log is what deploy/logrotate.conf does, and
    logrotate itself reads that file as meant."""
    import shutil
    import subprocess
    from pathlib import Path

    conf = Path(__file__).resolve().parents[1] / "deploy" / "logrotate.conf"
    text = conf.read_text()
    days = int(re.search(r"^\s*rotate (\d+)$", text, re.M)[1])
    assert re.search(r"^\s*daily$", text, re.M)
    call_command("loaddata", "pages", verbosity=0)
    privacy = Page.objects.get(path_en="privacy-notice").body_en
    assert f"deleted after {days} days" in privacy
    logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
    if Path(logrotate).exists():
        debug = subprocess.run([logrotate, "-d", str(conf)], capture_output=True, text=True)
        said = debug.stderr + debug.stdout
        assert not re.search(r"^error:", said, re.M), said
        assert f"rotating pattern: /var/log/nginx/*.log  after 1 days ({days} rotations)" in said
