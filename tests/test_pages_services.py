"""A consular service's facts: edited on the page's form (a live page's change waits as a
draft for review), shown the same way on every service page in each language, in a
constant number of queries however many documents it lists, and named in a revision's
changes."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from pages.models import ServiceDocument, ServiceFacts
from publishing import revisions
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_staff
from .html import form_data, parse, text_of
from .pages_helpers import make_page, with_facts
from .revisions_helpers import edit, history_rows

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Who it is for",
    "Documents needed",
    "Fee",
    "Processing time",
    "How to apply or book",
    "Last checked",
]


def service(title="Passports", **fields):
    parent = make_page("Consular services")
    return make_page(title, parent=parent, **fields)


def facts_box(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    boxes = parse(response).cssselect(".service-facts")
    return boxes[0] if boxes else None


def rows(box):
    """{heading: answer} of the facts' definition list, as a visitor reads it."""
    terms, answers = box.cssselect("dt"), box.cssselect("dd")
    assert len(terms) == len(answers)
    return {text_of(t): text_of(a) for t, a in zip(terms, answers, strict=True)}


def test_every_service_page_shows_its_facts_under_the_same_headings(client):
    passports = service()
    with_facts(passports)
    visas = make_page("Visas", parent=passports.parent)
    with_facts(visas, documents=(), fee_en="", processing_time_en="", last_checked=None)
    shown = rows(facts_box(client, passports.get_absolute_url()))
    assert list(shown) == HEADINGS
    box = facts_box(client, passports.get_absolute_url())
    assert [text_of(li) for li in box.cssselect("dd li")] == ["Identity card", "Two photographs"]
    assert shown["Fee"] == "40 euros, paid in manats"
    assert shown["Last checked"] == "March 5, 2026"
    missing = rows(facts_box(client, visas.get_absolute_url()))
    assert list(missing) == HEADINGS  # the same headings, a missing fact says so
    assert missing["Fee"] == missing["Documents needed"] == "To complete"
    assert missing["Last checked"] == "To complete"


def test_a_page_without_facts_shows_no_facts_box(client):
    assert facts_box(client, service().get_absolute_url()) is None


@pytest.mark.parametrize(
    ("language", "headings", "checked"),
    [
        ("ro", ["Pentru cine este", "Taxă"], "5 martie 2026"),
        ("az", ["Kimin üçündür", "Rüsum"], "5 Mart 2026"),
    ],
)
def test_the_facts_read_in_the_visitors_language(client, language, headings, checked):
    page = service(**{f"title_{language}": "X", f"slug_{language}": "x"})
    with_facts(page, **{f"fee_{language}": "40 EUR"})
    page.refresh_from_db()
    with override(language):
        box = facts_box(client, page.get_absolute_url())
    shown = rows(box)
    assert list(shown)[0] == headings[0] and headings[1] in shown
    assert shown[headings[1]] == "40 EUR"  # its own translation, unmarked
    assert shown[list(shown)[0]] == "Romanian citizens living in Azerbaijan."
    # An answer that shows the English says so to screen readers; the date is the visitor's.
    assert box.cssselect("dd")[0].get("lang") == "en"
    assert box.cssselect("dd")[2].cssselect("[lang]") == []
    assert checked in shown[list(shown)[-1]]
    assert box.cssselect("time")[0].get("datetime") == "2026-03-05"


def test_a_service_page_costs_the_same_queries_however_many_documents(client):
    page = service()
    with_facts(page, documents=["One"])

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.get_absolute_url()).status_code == HTTPStatus.OK
        return len(queries)

    before = count()
    for n in range(10):
        ServiceDocument.objects.create(page=page, text_en=f"Document {n}", order=n + 1)
    assert count() == before


def test_an_editors_facts_on_a_live_page_wait_for_review_then_go_out(
    django_capture_on_commit_callbacks,
):
    page = service(body_en="<p>Live text.</p>")
    editor, publisher, visitor = Client(), Client(), Client()
    editor.force_login(make_staff("eddie", EDITORS))
    publisher.force_login(make_staff("anna", PUBLISHERS))
    url = f"/admin/pages/page/{page.pk}/"
    data = form_data(editor.get(url + "change/"))
    assert data["service_facts-TOTAL_FORMS"] == "0"
    data.update(
        {
            "service_facts-TOTAL_FORMS": "1",
            "service_facts-0-audience": "Romanian citizens.",
            "service_facts-0-fee": "40 euros",
            "service_facts-0-how_to_apply": "<p>Book.</p><script>alert(1)</script>",
            "service_facts-0-last_checked": "2026-03-05",
            "service_documents-TOTAL_FORMS": "2",
            "service_documents-0-text": "Identity card",
            "service_documents-0-order": "1",
            "service_documents-1-text": "Old passport",
            "service_documents-1-order": "2",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url + "change/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))[:800]
    # Held as a draft: nothing written to the live tables, visitors see no facts yet...
    assert not ServiceFacts.objects.exists() and not ServiceDocument.objects.exists()
    assert facts_box(visitor, page.get_absolute_url()) is None
    # ...staff see the draft's facts at the page's address, cleaned.
    draft_box = facts_box(editor, page.get_absolute_url())
    assert [text_of(li) for li in draft_box.cssselect("dd li")] == ["Identity card", "Old passport"]
    assert "<script" not in editor.get(page.get_absolute_url()).content.decode()
    # The revision names the part that changed.
    history = text_of(history_rows(publisher, url)[0])
    assert "Service facts" in history and "Document needed “Identity card”" in history
    # The publisher publishes the draft: visitors see the facts.
    draft = revisions.pending_draft(page)
    review = parse(publisher.get(f"{url}history/{draft.pk}/"))
    form = next(
        f
        for f in review.forms
        if any(text_of(b) == "Publish these changes" for b in f.cssselect("button"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher.post(form.get("action"), dict(form.form_values())).status_code == 302
    shown = rows(facts_box(visitor, page.get_absolute_url()))
    assert shown["Fee"] == "40 euros" and shown["Last checked"] == "March 5, 2026"
    assert "alert" not in ServiceFacts.objects.get().how_to_apply_en


def test_a_changed_fee_shows_in_the_revision_diff(client):
    page = service()
    with_facts(page)
    publisher = Client()
    publisher.force_login(make_staff("anna", PUBLISHERS))
    url = f"/admin/pages/page/{page.pk}/"
    edit(publisher, url, **{"service_facts-0-fee": "50 euros, paid in manats"})
    newest_row = text_of(history_rows(publisher, url)[0])
    assert "Service facts: Fee" in newest_row
    assert "40" in newest_row and "50" in newest_row


def test_how_to_apply_is_cleaned_however_it_is_saved():
    """Not only the admin's form: an import or a shell save is cleaned too (the registry)."""
    facts = with_facts(service(), how_to_apply_ro='<p onclick="x()">Pași</p><script>x()</script>')
    facts.refresh_from_db()
    assert facts.how_to_apply_ro == "<p>Pași</p>"
