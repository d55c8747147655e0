"""export_content: the import format, attachments alongside, the same bytes after a round trip."""

import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from .content_helpers import (
    CONTENT_DIR,
    PDF,
    database_state,
    delete_all_content,
    export_content,
    import_content,
    write,
)

pytestmark = pytest.mark.django_db

ATTACHED = """\
notices:
  - slug: scholarships-2024
    title: Scholarships 2024
    category: scholarships
    summary: The programme for 2024.
    status: published
    publish_at: 2024-02-01T09:00:00+04:00
    expires_at: 2024-06-30T18:00:00+04:00
    pinned: true
    attachments:
      - {title: Application form, file: files/form.pdf}
      - {title: Programme (in Romanian), file: files/programme.pdf}
"""


@pytest.fixture
def content(tmp_path):
    """The shipped content plus a notice with two attachments."""
    import_content(CONTENT_DIR, verbosity=0)
    write(tmp_path / "source", "files/form.pdf", PDF)
    write(tmp_path / "source", "files/programme.pdf", PDF + b"% programme\n")
    import_content(write(tmp_path / "source", "attached.yaml", ATTACHED), verbosity=0)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_gives_identical_files(tmp_path, content, fmt):
    first = tmp_path / "one" / f"site.{fmt}"
    first.parent.mkdir()
    export_content(output=str(first))
    delete_all_content()

    import_content(first)
    second = tmp_path / "two" / f"site.{fmt}"
    second.parent.mkdir()
    export_content(output=str(second))

    assert second.read_bytes() == first.read_bytes()
    files = sorted(p.relative_to(first.parent) for p in first.parent.rglob("*.pdf"))
    assert [str(p) for p in files] == [
        "site-files/scholarships-2024/01-application-form.pdf",
        "site-files/scholarships-2024/02-programme-in-romanian.pdf",
    ]
    for path in files:
        assert (second.parent / path).read_bytes() == (first.parent / path).read_bytes()


def test_an_export_imports_back_unchanged(tmp_path, content):
    output = tmp_path / "site.yaml"
    export_content(output=str(output))
    before = database_state()
    report = import_content(output)
    assert database_state() == before
    assert "Attachments: 0 created, 0 updated, 2 unchanged" in report
    assert "everything was already up to date" in report


def test_export_keeps_publishing_fields_and_leaves_out_what_the_database_derives(tmp_path, content):
    output = tmp_path / "site.json"
    export_content(output=str(output))
    data = json.loads(output.read_text())
    notice = next(n for n in data["notices"] if n["slug"] == "scholarships-2024")
    assert notice["status"] == "published"
    assert notice["publish_at"] == "2024-02-01T09:00:00+04:00"
    assert notice["expires_at"] == "2024-06-30T18:00:00+04:00"
    assert notice["pinned"] is True
    assert notice["category"] == "scholarships"
    assert notice["attachments"][0] == {
        "title": "Application form",
        "file": "site-files/scholarships-2024/01-application-form.pdf",
    }
    relation = data["relations"][0]
    for left_out in ("id", "created_at", "updated_at", "order", "date", "year"):
        assert left_out not in relation and left_out not in notice
        assert left_out not in relation["sections"][0]
    milestone = relation["milestones"][1]
    assert milestone == {
        "slug": "1994-pfp",
        "date": "4 May 1994",
        "text": "President Heydar Aliyev signed the Partnership for Peace Framework Document "
        "and Azerbaijan joined the PfP Programme.",
        "translations": {
            "ro": {
                "text": "Președintele Heydar Aliyev a semnat Documentul-cadru al Parteneriatului "
                "pentru Pace, iar Azerbaidjanul a aderat la Programul PfP."
            },
            "az": {
                "text": "Prezident Heydər Əliyev Sülh Naminə Tərəfdaşlıq Çərçivə Sənədini "
                "imzaladı və Azərbaycan PfP Proqramına qoşuldu."
            },
        },
    }


def test_export_to_standard_output_without_attachments():
    import_content(CONTENT_DIR, verbosity=0)
    data = yaml.safe_load(export_content())
    assert [r["slug"] for r in data["relations"]] == ["nato-azerbaijan"]
    assert [c["slug"] for c in data["categories"]] == ["visas", "official-visits", "scholarships"]
    assert json.loads(export_content(format="json")) == data


def test_attachments_need_an_output_file(content):
    with pytest.raises(
        CommandError, match=r"2 files \(attachments, images\) to write next to the content"
    ):
        call_command("export_content")


def test_export_reads_the_database_in_a_fixed_number_of_queries(
    tmp_path, content, django_assert_num_queries
):
    # Relations, their sections, frameworks, cycles, areas, milestones; categories; notices
    # with their categories; attachments; pages with their lead images, their facts and
    # documents; the menus and their items; the contact record (none: its hours are not
    # asked for).
    with django_assert_num_queries(15):
        export_content(output=str(tmp_path / "site.json"))


# docs/content-format.md, list by list: the keys in the order the export writes them, and
# the required ones (bold there). The tree is read from the registry's parts.
DOCUMENTED = {
    "images": (("key", "file", "title", "alt_text", "decorative", "credit", "public",
                "focal_x", "focal_y"), {"key", "file", "title"}),
    "relations": (("slug", "title", "summary", "lead_image", "status", "publish_at",
                   "expires_at", "published_languages", "sections", "frameworks", "areas",
                   "milestones"),
                  {"slug", "title"}),
    "sections": (("anchor", "heading", "kind", "body"), {"anchor", "heading"}),
    "frameworks": (("slug", "name", "acronym", "date", "description", "cycles"),
                   {"slug", "name"}),
    "cycles": (("start_year", "end_year", "partnership_goals", "note"),
               {"start_year", "end_year"}),
    "areas": (("slug", "title", "description"), {"slug", "title"}),
    "milestones": (("slug", "date", "text"), {"slug", "date", "text"}),
    "categories": (("slug", "name", "description"), {"slug", "name"}),
    "notices": (("slug", "title", "category", "summary", "body", "link_url", "link_label",
                 "lead_image", "pinned", "status", "publish_at", "expires_at",
                 "published_languages",
                 "attachments"),
                {"slug", "title", "category", "summary"}),
    "attachments": (("title", "file"), {"title", "file"}),
    "pages": (("path", "title", "slug", "lead", "body", "lead_image", "in_footer",
               "to_complete", "role", "status", "publish_at", "expires_at", "published_languages",
               "service_facts", "service_documents"),
              {"path", "title", "slug"}),
    "service_facts": (("audience", "fee", "processing_time", "how_to_apply", "last_checked"),
                      {"audience"}),
    "service_documents": (("text",), {"text"}),
    "menus": (("slot", "items"), {"slot"}),
    "items": (("label", "view_name", "target", "address"), {"label"}),
    "contact": (("address", "phone", "emergency_phone", "email", "map_url", "hours",
                 "exceptions"), set()),
    "hours": (("section", "weekday", "opens", "closes"), {"weekday", "opens", "closes"}),
    "exceptions": (("section", "name", "first_day", "last_day", "opens", "closes"),
                   {"name", "first_day"}),
}  # fmt: skip


def test_the_format_read_from_the_parts_is_the_documented_one():
    from publishing.content.schema import all_kinds

    found = {kind.list_key: (kind.keys, set(kind.required)) for kind in all_kinds()}
    assert found == DOCUMENTED
    tree = {kind.list_key: [child.list_key for child in kind.children] for kind in all_kinds()}
    assert tree["relations"] == ["sections", "frameworks", "areas", "milestones"]
    assert tree["frameworks"] == ["cycles"] and tree["notices"] == ["attachments"]
    assert tree["pages"] == ["service_facts", "service_documents"]
    assert tree["menus"] == ["items"] and tree["contact"] == ["hours", "exceptions"]


def test_the_documented_menus_and_contact_example_imports(tmp_path, settings):
    from pages.models import ContactDetails, MenuItem

    text = (settings.BASE_DIR / "docs" / "content-format.md").read_text()
    example = text.split("### menus", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    import_content(write(tmp_path, "site.yaml", example), verbosity=0)
    items = MenuItem.objects.filter(menu__slot="header").order_by("order")
    assert [item.label_ro for item in items] == ["Acasă", "Servicii consulare", None]
    assert items[1].target.path_en == "consular-services"
    contact = ContactDetails.objects.get()
    assert contact.hours.count() == 3 and contact.exceptions.count() == 2
