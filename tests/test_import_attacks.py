"""Hostile content files: refused with a short message naming the file, nothing written.

Attachment paths that lead outside the content file's folder (``..``, absolute paths,
symlinks), YAML alias bombs and nesting deep enough to exhaust the parser's stack.
"""

import resource
import time

import pytest

from .content_helpers import PDF, database_state, import_content, write
from .test_import_errors import NOTICE, assert_refused

pytestmark = pytest.mark.django_db

OUTSIDE = "is not in the folder of this content file or below it"


def notice_with_file(path):
    return NOTICE + f"    attachments:\n      - title: Form\n        file: '{path}'\n"


@pytest.fixture
def secret(tmp_path):
    """A file next to, not inside, the content folder: an import must never read it."""
    write(tmp_path, "secret.pdf", PDF)
    return tmp_path / "secret.pdf"


@pytest.mark.parametrize("written", ["../secret.pdf", "files/../../secret.pdf", "ABSOLUTE"])
def test_paths_outside_the_folder_are_refused(tmp_path, secret, written):
    written = str(secret) if written == "ABSOLUTE" else written
    content = write(tmp_path / "content", "site.yaml", notice_with_file(written))
    message = assert_refused(content, expected=[OUTSIDE, f"“{written[:20]}"])
    assert "secret" not in message.split("“")[-1].split("”")[-1]


def test_a_symlink_out_of_the_folder_is_refused(tmp_path, secret):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "form.pdf").symlink_to(secret)
    content = write(folder, "site.yaml", notice_with_file("form.pdf"))
    assert_refused(content, expected=[f"“form.pdf” {OUTSIDE}"])


def test_the_message_does_not_tell_whether_an_outside_file_exists(tmp_path, secret):
    folder = tmp_path / "content"
    there = assert_refused(write(folder, "a.yaml", notice_with_file("../secret.pdf")), expected=[])
    absent = assert_refused(write(folder, "a.yaml", notice_with_file("../absent.pdf")), expected=[])
    assert there.replace("secret", "X") == absent.replace("absent", "X")


def test_a_symlink_inside_the_folder_is_followed(tmp_path):
    folder = tmp_path / "content"
    write(folder, "files/real.pdf", PDF)
    (folder / "form.pdf").symlink_to(folder / "files" / "real.pdf")
    output = import_content(write(folder, "site.yaml", notice_with_file("form.pdf")))
    assert "Attachments: 1 created" in output


def laughs(levels, fan=9):
    """The classic alias bomb: each level repeats the one before ``fan`` times."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * fan) + "]")
    lines.append(f"notices: [*a{levels - 1}]")
    return "\n".join(lines) + "\n"


def quoted_bomb(levels):
    """An alias bomb where a message would quote it: 34.7 MB of error text on the old import."""
    text = laughs(levels).replace(f"notices: [*a{levels - 1}]\n", "")
    return text + NOTICE.replace("category: visas", f"category: *a{levels - 1}")


def merge_bomb(levels, fan=4):
    """Merge keys (<<) copy mappings: nested ones once took over a minute to load."""
    lines = ["b0: &b0 {k0: v}"]
    for n in range(1, levels):
        lines.append(f"b{n}: &b{n} {{<<: [" + ", ".join([f"*b{n - 1}"] * fan) + f"], k{n}: v}}")
    lines.append(f"notices: [*b{levels - 1}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text", [laughs(9), quoted_bomb(8), merge_bomb(12)], ids=["laughs", "quoted", "merge-keys"]
)
def test_alias_bombs_are_refused_quickly_with_a_short_message(tmp_path, text):
    assert len(text) < 600
    path = write(tmp_path, "bomb.yaml", text)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    message = assert_refused(path, expected=["bomb.yaml: its aliases (*name) expand to too many"])
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB
    assert len(message) < 500


def test_a_few_aliases_are_still_fine(tmp_path):
    text = NOTICE.replace("summary: New visa rules.", "summary: &s New visa rules.")
    text += "  - slug: visa-rules-2\n    title: Visa rules 2\n    category: visas\n"
    text += "    summary: *s\n"
    output = import_content(write(tmp_path, "ok.yaml", text))
    assert "Notices: 2 created" in output


def test_an_alias_inside_itself_is_refused(tmp_path):
    path = write(tmp_path, "loop.yaml", "notices: &n [*n]\n")
    assert_refused(path, expected=["loop.yaml: an alias (*name) refers to the list or object"])


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", '{"notices": ' + "[" * 200_000 + "]" * 200_000 + "}"),
        ("deep.yaml", "notices: " + "[" * 200_000 + "]" * 200_000 + "\n"),
        ("deep.yaml", "notices:\n" + "- " * 200_000 + "x\n"),
        ("medium.json", '{"notices": ' + "[" * 500 + "]" * 500 + "}"),
    ],
    ids=["json", "yaml-flow", "yaml-block", "json-500"],
)
def test_deep_nesting_is_a_clean_error_naming_the_file(tmp_path, name, text):
    path = write(tmp_path, name, text)
    message = assert_refused(path, expected=[name])
    assert "nested too deeply" in message or "maximum nesting depth" in message
    assert len(message) < 500


def test_long_values_are_quoted_short(tmp_path):
    text = NOTICE.replace("category: visas", "category: " + "x" * 100_000)
    message = assert_refused(write(tmp_path, "long.yaml", text), expected=["no category “xxx"])
    assert len(message) < 800
    assert database_state() is not None
