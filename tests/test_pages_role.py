"""A page's role ("Consular services": the home page leads to it) is its identity apart from
its title and address: one page a role, chosen by publishers only, shipped, exported and
imported, and kept by a restore of a revision older than roles."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.test import Client

from pages.models import Page, Role
from publishing import snapshots
from publishing.roles import EDITORS, PUBLISHERS

from .content_helpers import export_content, import_content, write
from .factories import make_staff
from .html import form_data, parse, text_of
from .pages_helpers import make_page

pytestmark = pytest.mark.django_db


def staff(group, name):
    client = Client()
    client.force_login(make_staff(name, group))
    return client


def change(client, page, **changes):
    url = f"/admin/pages/page/{page.pk}/change/"
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_the_shipped_consular_services_page_has_the_role():
    call_command("loaddata", "pages", verbosity=0)
    assert Page.objects.get(role=Role.CONSULAR_SERVICES).path_en == "consular-services"


def test_an_editor_sees_the_role_but_cannot_set_it_even_on_a_draft():
    page = make_page("Consular help", status="draft")
    editor = staff(EDITORS, "eddie")
    form = parse(editor.get(f"/admin/pages/page/{page.pk}/change/"))
    assert not form.cssselect("[name=role]")
    assert "Role on the site" in text_of(form.cssselect(".field-role")[0])
    response = change(editor, page, role=Role.CONSULAR_SERVICES, title="Consular help!")
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))[:600]
    page.refresh_from_db()
    assert page.title == "Consular help!" and page.role == ""


def test_a_publisher_gives_the_role_and_a_second_page_is_refused_with_the_reason():
    first = make_page("Consular help", status="draft")
    second = make_page("Consulate", status="draft")
    publisher = staff(PUBLISHERS, "anna")
    assert change(publisher, first, role=Role.CONSULAR_SERVICES).status_code == HTTPStatus.FOUND
    response = change(publisher, second, role=Role.CONSULAR_SERVICES)
    assert response.status_code == HTTPStatus.OK
    said = text_of(parse(response).cssselect(".field-role .errorlist")[0])
    assert "“Consular help” has this role already" in said
    second.refresh_from_db()
    assert second.role == ""


def test_the_role_is_exported_and_imported(tmp_path):
    make_page("Consular services", role=Role.CONSULAR_SERVICES)
    out = tmp_path / "pages.yaml"
    export_content(output=str(out))
    assert "role: consular-services" in out.read_text()
    Page.objects.update(role="")
    import_content(out, verbosity=0)
    assert Page.objects.get().role == Role.CONSULAR_SERVICES


def test_an_unknown_role_in_a_file_is_refused_by_name(tmp_path):
    source = """\
pages:
  - path: consular-help
    title: Consular help
    slug: consular-help
    role: visa-desk
"""
    with pytest.raises(Exception) as refused:
        import_content(write(tmp_path, "pages.yaml", source), verbosity=0)
    assert "visa-desk" in str(refused.value) and "role" in str(refused.value)
    assert not Page.objects.exists()


def test_restoring_a_revision_from_before_roles_keeps_the_role():
    page = make_page("Consular services", role=Role.CONSULAR_SERVICES)
    data = snapshots.take(page)
    del data["page"]["fields"]["role"]  # as revisions saved before pages had roles
    snapshots.apply(page, data)
    page.refresh_from_db()
    assert page.role == Role.CONSULAR_SERVICES
