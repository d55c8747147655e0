"""A page whose address an import changes leaves a permanent redirect at the old one, as an
admin save does: in each language whose slug changed, for the pages under it too (in the
file or not), and a dry run leaves none."""

from http import HTTPStatus

import pytest

from addresses.models import Redirect
from pages.models import Page

from .content_helpers import import_content, write
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db

RENAMED = """\
pages:
  - path: consular-services
    title: Consular services
    slug: consular-services
    translations:
      ro: {title: Servicii consulare, slug: consulat}
  - path: consular-services/visas
    title: Visas
    slug: visas
    translations:
      az: {title: Vizalar, slug: viza}
"""


@pytest.fixture
def tree():
    def titled(title, ro, az, parent=None):
        return make_page(
            title,
            parent=parent,
            title_ro=ro.capitalize(),
            slug_ro=ro,
            title_az=az.capitalize(),
            slug_az=az,
        )

    services = titled("Consular services", "servicii-consulare", "konsul")
    visas = titled("Visas", "vize", "vizalar", parent=services)
    titled("Schengen", "schengen", "sengen", parent=visas)  # the file leaves it out


def redirects():
    return dict(Redirect.objects.values_list("old_path", "target_path"))


def test_an_imported_slug_leaves_redirects_for_the_page_and_the_pages_under_it(
    client, tree, tmp_path
):
    import_content(write(tmp_path, "pages.yaml", RENAMED), verbosity=0)
    assert redirects() == {
        "/ro/servicii-consulare/": "/ro/consulat/",
        "/ro/servicii-consulare/vize/": "/ro/consulat/vize/",
        "/ro/servicii-consulare/vize/schengen/": "/ro/consulat/vize/schengen/",
        "/az/konsul/vizalar/": "/az/konsul/viza/",
        "/az/konsul/vizalar/sengen/": "/az/konsul/viza/sengen/",
    }
    assert set(Redirect.objects.values_list("permanent", flat=True)) == {True}
    for old, new in redirects().items():
        response = client.get(old)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY, old
        assert response["Location"] == new
        assert client.get(new).status_code == HTTPStatus.OK
    # Unchanged languages keep their address, with no redirect.
    assert client.get("/en/consular-services/visas/").status_code == HTTPStatus.OK


def test_a_dry_run_and_a_second_run_leave_no_redirect(tree, tmp_path):
    source = write(tmp_path, "pages.yaml", RENAMED)
    import_content(source, dry_run=True, verbosity=0)
    assert redirects() == {}
    import_content(source, verbosity=0)
    import_content(source, verbosity=0)
    assert len(redirects()) == 5


def test_a_language_published_by_an_import_redirects_from_the_english_fallback(client, tmp_path):
    page = make_page("Consular services", title_ro="Servicii consulare", slug_ro="servicii")
    page.published_languages = []
    page.save()
    assert Page.objects.get().path_ro == "consular-services"
    Redirect.objects.all().delete()
    source = """\
pages:
  - path: consular-services
    title: Consular services
    slug: consular-services
    published_languages: [ro]
"""
    import_content(write(tmp_path, "pages.yaml", source), verbosity=0)
    assert redirects() == {"/ro/consular-services/": "/ro/servicii/"}
    assert client.get("/ro/consular-services/")["Location"] == "/ro/servicii/"
