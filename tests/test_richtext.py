"""The rich-text editor ships with the site and what it sends is cleaned before storage."""

import json
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders

from notices.models import Notice
from publishing.richtext import clean_rich_text

from .factories import make_notice, make_relation, make_section
from .html import form_data, parse

pytestmark = pytest.mark.django_db


def editor_config(response, name):
    textarea = parse(response).cssselect(f"textarea[name={name}]")[0]
    return json.loads(textarea.get("data-django-prose-editor-configurable"))


def test_notice_body_section_body_and_framework_description_use_the_editor(admin_client):
    notice = make_notice()
    relation = make_relation()
    make_section(relation)
    framework = relation.frameworks.create(name="Partnership for Peace", slug="pfp", year=1994)
    pages = [
        (f"/admin/notices/notice/{notice.pk}/change/", "body"),
        (f"/admin/relations/relation/{relation.pk}/change/", "sections-0-body"),
        (f"/admin/relations/framework/{framework.pk}/change/", "description"),
    ]
    for url, name in pages:
        extensions = editor_config(admin_client.get(url), name)["extensions"]
        assert extensions["Heading"] == {"levels": [2, 3, 4]}
        assert {"Bold", "Italic", "BulletList", "OrderedList", "Blockquote", "Table"} <= set(
            extensions
        )
        assert extensions["Link"]["protocols"] == ["http", "https", "mailto"]


def test_editor_assets_come_from_our_own_static_files(admin_client):
    response = admin_client.get("/admin/notices/notice/add/")
    doc = parse(response)
    assets = [e.get("src") for e in doc.cssselect("script[src]")] + [
        e.get("href") for e in doc.cssselect("link[rel=stylesheet]")
    ]
    assert any("django_prose_editor/editor.js" in a for a in assets)
    # Same-origin paths only: no CDN, no other host.
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    importmap = doc.cssselect("script[type=importmap]")[0].text
    assert "//" not in importmap.replace("/static/", "")


def test_editor_files_ship_inside_the_package():
    assert finders.find("django_prose_editor/editor.js")


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<p>Hi</p>"),
        ('<p><img src="x" onerror="alert(1)">Hi</p>', "<p>Hi</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', '<p><a rel="noopener noreferrer">x</a></p>'),
        ('<p style="color:red" onclick="x()">Hi</p>', "<p>Hi</p>"),
        ('<iframe src="https://example.org"></iframe><p>Hi</p>', "<p>Hi</p>"),
        ("<h1>Title</h1><h5>Small</h5>", "TitleSmall"),
        (
            '<p><a href="mailto:consul@example.org">Write</a></p>',
            '<p><a href="mailto:consul@example.org" rel="noopener noreferrer">Write</a></p>',
        ),
        (
            "<table><tbody><tr><th>Day</th><td>Open</td></tr></tbody></table>",
            "<table><tbody><tr><th>Day</th><td>Open</td></tr></tbody></table>",
        ),
        ("<blockquote><p>Q</p></blockquote><ul><li>a</li></ul>", None),
        ("<h2>A</h2><h3>B</h3><h4>C</h4><p><strong>b</strong> <em>i</em></p>", None),
        ("<p></p>", ""),
    ],
)
def test_clean_rich_text_keeps_the_allow_list_only(dirty, clean):
    assert clean_rich_text(dirty) == (dirty if clean is None else clean)


def test_whatever_the_browser_posts_is_stored_clean(admin_client):
    notice = make_notice(status="draft")
    url = f"/admin/notices/notice/{notice.pk}/change/"
    data = form_data(admin_client.get(url))
    data["body"] = '<p>Ok</p><script>alert(1)</script><p><a href="javascript:x">l</a></p>'
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    body = Notice.objects.get(pk=notice.pk).body
    assert body == '<p>Ok</p><p><a rel="noopener noreferrer">l</a></p>'
