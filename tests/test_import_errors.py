"""Bad content files: a clear message naming file, object and field; nothing written."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management.base import CommandError

from .content_helpers import CONTENT_DIR, PDF, database_state, import_content, write

pytestmark = pytest.mark.django_db

RELATION = """\
relations:
  - slug: nato-testland
    title: NATO – Testland relations
"""
NOTICE = """\
categories:
  - slug: visas
    name: Visas
notices:
  - slug: visa-rules
    title: Visa rules
    category: visas
    summary: New visa rules.
"""


@pytest.fixture(autouse=True)
def seeded():
    """Start from the shipped content, so "unchanged" covers rows that exist already."""
    import_content(CONTENT_DIR, verbosity=0)


def assert_refused(*paths, expected):
    before = database_state()
    with pytest.raises(CommandError) as excinfo:
        import_content(*paths)
    message = str(excinfo.value)
    assert message.startswith("Nothing was imported")
    for fragment in expected:
        assert fragment in message
    assert database_state() == before
    return message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "bad.yaml",
            RELATION + "    summary: [not closed\n",
            ["bad.yaml, line 5: this is not valid YAML", "flow sequence that starts on line 4"],
            id="malformed-yaml",
        ),
        pytest.param(
            "bad.json",
            '{"relations": [\n  {"slug": "x",}\n]}',
            ["bad.json, line 2: this is not valid JSON"],
            id="malformed-json",
        ),
        pytest.param(
            "bad.yaml",
            "relation:\n  - slug: nato-testland\n",
            ["bad.yaml, line 1: relation: unknown top-level key; expected images, relations"],
            id="unknown-top-level-key",
        ),
        pytest.param(
            "bad.yaml",
            RELATION + "    titel: Typo\n",
            ["bad.yaml, line 4: relations[0] (nato-testland): titel: unknown field"],
            id="unknown-field",
        ),
        pytest.param(
            "bad.yaml",
            RELATION + "    milestones:\n      - slug: m1\n        date: 1992\n",
            ["line 5: relations[0].milestones[0] (m1): text: this field is required"],
            id="missing-required-field",
        ),
        pytest.param(
            "bad.yaml",
            RELATION + "    milestones:\n      - slug: m1\n        date: 31 February 2019\n"
            "        text: A day that never was.\n",
            ["line 6: relations[0].milestones[0] (m1): date: “31 February 2019” does not exist"],
            id="impossible-date",
        ),
        pytest.param(
            "bad.yaml",
            NOTICE.replace("category: visas", "category: visa"),
            [
                "line 7: notices[0] (visa-rules): category: there is no category “visa”",
                "use one of: official-visits, scholarships, visas",
            ],
            id="unknown-category",
        ),
        pytest.param(
            "bad.yaml",
            NOTICE + NOTICE.split("notices:\n")[1],
            ["notices[1] (visa-rules): slug: “visa-rules” is already used by notices[0]"],
            id="duplicate-slug",
        ),
        pytest.param(
            "bad.yaml",
            RELATION.replace("NATO – Testland relations", "T" * 201),
            ["relations[0] (nato-testland): title: Ensure this value has at most 200 characters"],
            id="over-length",
        ),
        pytest.param(
            "bad.yaml",
            NOTICE + "    attachments:\n      - title: Form\n        file: forms/missing.pdf\n",
            ["notices[0].attachments[0] (Form): file: there is no file “forms/missing.pdf”"],
            id="missing-attachment",
        ),
        pytest.param(
            "notes.txt",
            RELATION,
            ["notes.txt: this is not a JSON or YAML file"],
            id="not-json-or-yaml-by-name",
        ),
        pytest.param(
            "picture.yaml",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
            ["picture.yaml: this is not a YAML file: it is not UTF-8 text"],
            id="binary-file",
        ),
        pytest.param(
            "prose.yaml",
            "Dear operator, here are the notices for May.\n",
            ["prose.yaml: the file must hold a mapping with the lists images, relations"],
            id="plain-text",
        ),
        pytest.param(
            "bad.yaml",
            RELATION + "    publish_at: 2019-11-15T10:00:00+04:00\n"
            "    expires_at: 2019-11-14T10:00:00+04:00\n",
            ["relations[0] (nato-testland): expires_at: The expiry must come after"],
            id="expiry-before-publication",
        ),
        pytest.param(
            "bad.yaml",
            RELATION.replace("nato-testland", "nato testland"),
            [
                "relations[0] (nato testland): slug: An address uses only Latin letters",
                "write “nato-testland” for “nato testland”",
            ],
            id="invalid-slug",
        ),
        pytest.param(
            "bad.yaml",
            NOTICE.replace("summary: New visa rules.", "summary: <b>New</b> visa rules."),
            ["notices[0] (visa-rules): summary: The teaser is plain text"],
            id="model-validator",
        ),
    ],
)
def test_bad_input_is_refused_with_a_named_error(tmp_path, name, content, expected):
    assert_refused(write(tmp_path, name, content), expected=expected)


def test_a_file_that_does_not_exist(tmp_path):
    assert_refused(tmp_path / "nothing.yaml", expected=["nothing.yaml: there is no such file"])


def test_attachment_checked_by_the_models_own_validators(tmp_path, settings):
    write(tmp_path, "forms/program.pdf", b"MZ\x90\x00 a Windows program, renamed")
    write(tmp_path, "forms/big.pdf", PDF + b"x" * 100)
    settings.ATTACHMENT_MAX_BYTES = 100
    path = write(
        tmp_path,
        "notices.yaml",
        NOTICE + "    attachments:\n"
        "      - title: Program\n        file: forms/program.pdf\n"
        "      - title: Big\n        file: forms/big.pdf\n",
    )
    assert_refused(
        path,
        expected=[
            "notices[0].attachments[0] (Program): file: The name of this file ends in .pdf",
            "notices[0].attachments[1] (Big): file: This file is 1",
        ],
    )


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    first = write(
        tmp_path,
        "a.yaml",
        RELATION + "    colour: blue\n    milestones:\n"
        "      - slug: m1\n        date: 30 February 2020\n        text: x\n"
        "      - slug: m1\n        date: 1992\n        text: y\n",
    )
    second = write(tmp_path, "b.json", '{"relations": [{"slug": "nato-testland", "title": ""}]}')
    message = assert_refused(
        first,
        second,
        expected=[
            "a.yaml, line 4: relations[0] (nato-testland): colour: unknown field",
            "a.yaml, line 7: relations[0].milestones[0] (m1): date:",
            "a.yaml, line 9: relations[0].milestones[1] (m1): slug: “m1” is already used",
            "b.json: relations[0] (nato-testland): slug: “nato-testland” is already used by "
            "relations[0] in",
            "b.json: relations[0] (nato-testland): title: this field is required",
        ],
    )
    assert message.startswith("Nothing was imported: 5 problems to fix first.")


def test_one_bad_file_stops_the_good_ones_too(tmp_path):
    good = write(tmp_path, "good.yaml", RELATION)
    bad = write(tmp_path, "bad.yaml", NOTICE.replace("category: visas", "category: nope"))
    assert_refused(good, bad, expected=["bad.yaml, line 7: notices[0] (visa-rules): category"])


def test_the_command_line_shows_no_traceback(tmp_path):
    bad = write(tmp_path, "bad.yaml", "relations: [\n")
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(bad)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}, line 2: this is not valid YAML" in result.stderr
