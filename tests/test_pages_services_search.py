"""A consular service is found by its facts: a document's name, the fee's words, in each
language; an edited fact is found at once, and a draft's facts only once published."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pages.models import Page, ServiceDocument
from publishing import revisions
from publishing.registry import registry
from publishing.roles import EDITORS, PUBLISHERS
from search import indexing

from .factories import make_staff
from .html import form_data, parse, text_of
from .pages_helpers import make_page, with_facts
from .revisions_helpers import edit
from .search_helpers import results

pytestmark = pytest.mark.django_db

TITLES = {"en": "Passports", "ro": "Pașapoarte", "az": "Pasportlar"}


def found(client, q, language="en"):
    return [title for title, _url in results(client.get(f"/{language}/search/", {"q": q}))]


def passports(**fields):
    parent = make_page("Consular services")
    fields.setdefault("body_en", "<p>Nothing here about papers.</p>")
    return make_page(
        TITLES["en"], parent=parent, title_ro=TITLES["ro"], title_az=TITLES["az"], **fields
    )


@pytest.mark.parametrize(
    ("language", "document", "fee"),
    [
        ("en", "birth certificate", "manats"),
        ("ro", "certificatul", "lei"),
        ("az", "şəhadətnaməsi", "rüsum"),
    ],
)
def test_a_service_is_found_by_a_document_or_its_fee_in_each_language(
    client, language, document, fee
):
    page = passports()
    with_facts(
        page,
        documents=(),
        fee_en="40 euros, paid in manats",
        fee_ro="40 de euro, plătiți în lei",
        fee_az="40 avro rüsum",
    )
    ServiceDocument.objects.create(
        page=page,
        text_en="Your birth certificate",
        text_ro="Certificatul de naștere",
        text_az="Doğum şəhadətnaməsi",
    )
    assert TITLES[language] in found(client, document, language)
    assert TITLES[language] in found(client, fee, language)
    assert found(client, "papers", language) in ([TITLES[language]], [])  # the page's text


def test_an_edited_fee_and_a_removed_document_are_searched_at_once(client):
    page = passports()
    with_facts(page, documents=("Old passport",))
    assert found(client, "manats") == ["Passports"]
    publisher = Client()
    publisher.force_login(make_staff("anna", PUBLISHERS))
    url = f"/admin/pages/page/{page.pk}/"
    edit(
        publisher,
        url,
        _publish="1",
        **{"service_facts-0-fee": "50 euros, paid by card", "service_documents-0-DELETE": "on"},
    )
    assert found(client, "manats") == [] and found(client, "card") == ["Passports"]
    assert found(client, "old passport") == []


def test_a_drafts_facts_are_not_found_before_it_is_published(
    client, django_capture_on_commit_callbacks
):
    draft_page = passports(status="draft")
    with_facts(draft_page, documents=("Marriage certificate",))
    assert found(client, "marriage") == []
    live = make_page("Visas", parent=draft_page.parent)
    editor, publisher = Client(), Client()
    editor.force_login(make_staff("eddie", EDITORS))
    publisher.force_login(make_staff("anna", PUBLISHERS))
    url = f"/admin/pages/page/{live.pk}/"
    data = form_data(editor.get(url + "change/"))
    data.update(
        {
            "service_facts-TOTAL_FORMS": "1",
            "service_facts-0-audience": "Foreign citizens.",
            "service_facts-0-fee": "80 euros",
            "service_documents-TOTAL_FORMS": "1",
            "service_documents-0-text": "Hotel booking",
            "service_documents-0-order": "1",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url + "change/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))[:800]
    assert found(client, "hotel") == []  # held as a draft for review
    draft = revisions.pending_draft(live)
    review = parse(publisher.get(f"{url}history/{draft.pk}/"))
    form = next(
        f
        for f in review.forms
        if any(text_of(b) == "Publish these changes" for b in f.cssselect("button"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher.post(form.get("action"), dict(form.form_values())).status_code == 302
    assert found(client, "hotel") == ["Visas"]


def test_indexing_a_service_costs_the_same_queries_however_many_documents():
    page = passports()
    with_facts(page, documents=["One"])
    page_type = registry.for_model(Page)

    def count():
        with CaptureQueriesContext(connection) as queries:
            indexing.index_pages(page_type, [page.pk])
        return len(queries)

    before = count()
    for n in range(10):
        ServiceDocument.objects.create(page=page, text_en=f"Document {n}", order=n + 1)
    assert count() == before


@pytest.mark.parametrize("services", [1, 12], ids=["1-service", "12-services"])
def test_rebuilding_the_index_costs_the_same_queries_however_many_services(
    client, django_assert_num_queries, services
):
    parent = make_page("Consular services")
    for n in range(services):
        with_facts(make_page(f"Service {n}", parent=parent), documents=[f"Form {n}"])
    # The command's savepoint and its release; the words and the documents emptied (SQLite:
    # its FTS5 table too); each page type's keys (relations, notices, pages); the pages,
    # their facts and their documents; the documents written; their words (SQLite: one
    # statement; PostgreSQL: the vectors, then the ranked terms).
    with django_assert_num_queries(13):
        call_command("rebuild_search_index", verbosity=0)
    assert found(client, f"form {services - 1}") == [f"Service {services - 1}"]
