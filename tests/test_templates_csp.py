"""Nothing the project writes would break its Content Security Policies
(embassy_site/security_headers.py): no event handler attribute (onclick=...), no
``javascript:`` address and no inline script, in any template of any app, any HTML file
under static/, or any HTML the Python code writes (format_html, mark_safe). Only data
scripts are allowed inline: JSON-LD and Django's json_script. Public pages forbid inline
styles too, so their templates hold none (the admin's policy allows them).

The browser tests see the policies enforced on the pages they open; this reads every
file, so a handler on a page no test opens is found too.
"""

import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

ROOT = Path(settings.BASE_DIR).resolve()
OUTSIDE = {".venv", "node_modules", ".git", "tests", "migrations", "staticfiles", "media"}

# A start tag; a template tag inside it ({% if a > b %}) is skipped whole.
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])((?:\{%.*?%\}|\{\{.*?\}\}|[^>])*)>", re.DOTALL)
HANDLER = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)
SOURCE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(ld\+)?json\b""", re.IGNORECASE)
STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def ours(path):
    relative = path.resolve().relative_to(ROOT)
    return not OUTSIDE.intersection(relative.parts)


def template_files():
    """Every template file the project's own apps and templates/ hold."""
    found = []
    for folder in engines["django"].template_dirs:
        folder = Path(folder)
        if folder.resolve().is_relative_to(ROOT) and ours(folder):
            found += [path for path in folder.rglob("*") if path.is_file()]
    return sorted(found)


def static_html_files():
    folders = [Path(folder) for folder in settings.STATICFILES_DIRS]
    folders += [path for path in ROOT.glob("*/static") if ours(path)]
    return sorted({p for folder in folders for p in folder.rglob("*.htm*") if p.is_file()})


def python_strings(path):
    """[(line, text)] of a Python file's string literals that hold a tag."""
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    with path.open("rb") as source:
        tokens = list(tokenize.tokenize(source.readline))
    return [(t.start[0], t.string) for t in tokens if t.type in kinds and "<" in t.string]


def python_files():
    return sorted(path for path in ROOT.rglob("*.py") if ours(path))


def problems(text, public=True):
    """What in an HTML text would break a policy: [(line, what)]."""
    found = []
    for tag in TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        line = text.count("\n", 0, tag.start()) + 1
        found += [(line, f"{handler}= on <{name}>") for handler in HANDLER.findall(attributes)]
        if SCRIPT_URL.search(attributes):
            found.append((line, f"a javascript: address on <{name}>"))
        if name == "script" and not SOURCE.search(attributes) and not DATA_TYPE.search(attributes):
            found.append((line, "an inline <script>"))
        if public and (name == "style" or STYLE.search(attributes)):
            found.append((line, f"an inline style on <{name}>"))
    return found


def report(files, read, public=lambda path: True):
    found = []
    for path in files:
        for line, what in problems(read(path), public(path)):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    return found


def public_template(path):
    # The admin's templates live under an "admin" folder; its policy allows inline styles.
    return "admin" not in path.relative_to(ROOT).parts


def test_the_scan_reads_the_templates_of_every_app_and_the_site():
    folders = {path.relative_to(ROOT).parts[0] for path in template_files()}
    assert {"templates", "pages", "upkeep"} <= folders
    assert len(template_files()) > 40


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/en/" onclick="go()">Home</a>', ["onclick= on <a>"]),
        ("<button type=button\n  onKeyDown=go()>", ["onKeyDown= on <button>"]),
        ('<a href="javascript:go()">Go</a>', ["a javascript: address on <a>"]),
        ("<script>go()</script>", ["an inline <script>"]),
        ('<script type="module">go()</script>', ["an inline <script>"]),
        ('<p style="color: red">Hi</p>', ["an inline style on <p>"]),
        ('<script src="{% static "js/x.js" %}"></script>', []),
        ('<script type="application/ld+json">{{ jsonld }}</script>', []),
        ('<a href="/" data-online="yes" {% if a > b %}class="x"{% endif %}>Hi</a>', []),
        ("<p>Based on=the reason given</p>", []),
    ],
)
def test_the_scan_finds_what_a_policy_refuses(html, expected):
    assert [what for _line, what in problems(html)] == expected


def test_no_template_breaks_the_content_security_policy():
    found = report(template_files(), lambda path: path.read_text(), public_template)
    assert found == [], "\n".join(found)


def test_no_static_html_breaks_the_content_security_policy():
    found = report(static_html_files(), lambda path: path.read_text())
    assert found == [], "\n".join(found)


def test_no_html_written_in_python_breaks_the_content_security_policy():
    # Styles are not looked for here: the admin's format_html may set one, and public
    # pages' HTML from Python is the sanitiser's, which keeps no style.
    found = [
        f"{path.relative_to(ROOT)}:{line + offset - 1}: {what}"
        for path in python_files()
        for line, text in python_strings(path)
        for offset, what in problems(text, public=False)
    ]
    assert found == [], "\n".join(found)
