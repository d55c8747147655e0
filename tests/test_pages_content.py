"""The embassy's pages in import/export: keyed by the English address, parents before the
pages under them whatever the file's order, addresses recomputed in every language."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pages.models import Page, ServiceDocument, ServiceFacts

from .content_helpers import delete_all_content, export_content, import_content, write
from .image_files import phone_jpeg

pytestmark = pytest.mark.django_db

# A new service under a new parent, the child first; Romanian slugs make its address.
CHILD_FIRST = """\
pages:
  - path: consular-help/lost-passport
    title: A lost passport
    slug: lost-passport
    translations:
      ro: {title: Pașaport pierdut, slug: pasaport-pierdut}
    service_facts:
      - audience: Romanian citizens whose passport was lost or stolen.
        fee: Free
    service_documents:
      - text: A police report of the loss
      - text: A photograph
  - path: consular-help
    title: Consular help
    slug: consular-help
    translations:
      ro: {title: Ajutor consular, slug: ajutor-consular}
"""


def _pages():
    return list(Page.objects.order_by("path_en").values_list("path_en", "path_ro", "path_az"))


def test_export_import_export_of_the_shipped_pages_is_byte_identical(tmp_path):
    call_command("loaddata", "pages", verbosity=0)
    visas = Page.objects.get(path_en="consular-services/visas")
    ServiceFacts.objects.create(
        page=visas, audience="Foreign citizens", fee="€80", last_checked=datetime.date(2026, 11, 2)
    )
    for order, text in enumerate(["Passport", "Photograph"]):
        ServiceDocument.objects.create(page=visas, text=text, order=order)
    before = _pages()
    first = tmp_path / "one.yaml"
    export_content(output=str(first))
    text = first.read_text()
    # Written parents first, as the site's outline.
    assert text.index("- path: consular-services\n") < text.index("consular-services/visas")
    assert "path_ro" not in text and "ro:\n      title: Vize\n      slug: vize\n" in text
    for model in (ServiceDocument, ServiceFacts):
        model.objects.all().delete()
    for page in Page.objects.order_by("-path_en"):  # the pages under a page first
        page.delete()

    import_content(first, verbosity=0)
    second = tmp_path / "two.yaml"
    export_content(output=str(second))

    assert second.read_bytes() == first.read_bytes()
    assert _pages() == before
    visas = Page.objects.get(path_en="consular-services/visas")
    assert visas.parent.path_en == "consular-services"
    assert [d.text for d in visas.service_documents.all()] == ["Passport", "Photograph"]


def test_a_page_before_its_parent_in_the_file_still_imports(tmp_path):
    import_content(write(tmp_path, "pages.yaml", CHILD_FIRST), verbosity=0)

    child = Page.objects.get(path_en="consular-help/lost-passport")
    assert child.parent == Page.objects.get(path_en="consular-help")
    assert (child.path_ro, child.path_az) == (
        "ajutor-consular/pasaport-pierdut",
        "consular-help/lost-passport",  # no Azerbaijani slugs: the English stand in
    )
    assert child.service_facts.get().fee == "Free"
    assert [d.text for d in child.service_documents.all()] == [
        "A police report of the loss",
        "A photograph",
    ]


def test_a_page_goes_under_a_stored_parent(tmp_path):
    call_command("loaddata", "pages", verbosity=0)
    source = "pages:\n  - {path: consular-services/elections, title: Elections, slug: elections}\n"
    import_content(write(tmp_path, "pages.yaml", source), verbosity=0)
    page = Page.objects.get(path_en="consular-services/elections")
    assert page.parent.path_en == "consular-services"
    assert page.path_ro == "servicii-consulare/elections"


def _refused(tmp_path, source):
    path = write(tmp_path, "pages.yaml", source)
    with pytest.raises(CommandError) as refused:
        import_content(path, verbosity=0)
    assert Page.objects.count() == 0  # all or nothing
    return str(refused.value), str(path)


def test_an_unknown_parent_is_refused_naming_the_file_the_page_and_the_key(tmp_path):
    source = CHILD_FIRST.replace("  - path: consular-help\n", "  - path: consular-aid\n")
    source = source.replace("slug: consular-help\n", "slug: consular-aid\n")
    message, path = _refused(tmp_path, source)
    assert (
        f"{path}, line 2: pages[0] (consular-help/lost-passport): path: there is no page "
        "“consular-help” to place it under; add it to pages or correct the path"
    ) in message
    assert "1 problem to fix" in message


def test_an_address_that_disagrees_with_the_slug_is_refused(tmp_path):
    message, _ = _refused(tmp_path, CHILD_FIRST.replace("slug: lost-passport", "slug: lost"))
    assert (
        "pages[0] (consular-help/lost-passport): path: the path made from its parent and "
        "its fields is “consular-help/lost”, not “consular-help/lost-passport”"
    ) in message


def test_export_reads_pages_in_a_fixed_number_of_queries(tmp_path, django_assert_num_queries):
    call_command("loaddata", "pages", verbosity=0)
    import_content(write(tmp_path, "pages.yaml", CHILD_FIRST), verbosity=0)
    # Relations, categories, notices (empty: nothing below them is asked for); pages with
    # their lead images; the facts of all pages; their documents; the menus, their items,
    # the contact record.
    with django_assert_num_queries(9):
        export_content(output=str(tmp_path / "site.json"))


def test_the_documented_example_imports(tmp_path):
    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "content-format.md").read_text()
    example = text.split("### pages", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    import_content(write(tmp_path, "pages.yaml", example), verbosity=0)
    page = Page.objects.get(path_en="consular-services/passports")
    assert page.path_ro == "servicii-consulare/pasapoarte"
    assert page.service_facts.get().last_checked == datetime.date(2026, 11, 2)


def test_a_new_slug_moves_the_pages_under_it_that_the_file_leaves_out(tmp_path):
    call_command("loaddata", "pages", verbosity=0)
    source = """\
pages:
  - path: consular-services
    title: Consular services
    slug: consular-services
    translations:
      ro: {title: Servicii consulare, slug: consulat}
"""
    import_content(write(tmp_path, "pages.yaml", source), verbosity=0)
    assert Page.objects.get(path_en="consular-services/visas").path_ro == "consulat/vize"


WITH_IMAGE = """\
images:
  - {key: embassy-door, file: photos/door.jpg, title: The door, alt_text: The embassy's door.}
pages:
  - {path: contact, title: Contact, slug: contact, lead_image: embassy-door}
"""


def test_a_lead_image_is_named_by_its_key_and_comes_back(tmp_path):
    write(tmp_path / "source", "photos/door.jpg", phone_jpeg())
    import_content(write(tmp_path / "source", "site.yaml", WITH_IMAGE), verbosity=0)
    assert Page.objects.get(path_en="contact").lead_image.key == "embassy-door"
    first = tmp_path / "one" / "site.yaml"
    first.parent.mkdir()
    export_content(output=str(first))
    assert "  lead_image: embassy-door\n" in first.read_text()
    delete_all_content()

    import_content(first, verbosity=0)
    second = tmp_path / "two" / "site.yaml"
    second.parent.mkdir()
    export_content(output=str(second))
    assert second.read_bytes() == first.read_bytes()
