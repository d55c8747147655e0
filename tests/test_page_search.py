"""The editor's page picker asks /admin/page-links/?q=... (publishing/page_search.py): staff
who write get published pages of every type by title in the admin's language; others are
refused; a query it cannot answer is a 400 with its reason, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_relation
from .pages_helpers import make_page
from .test_admin_permissions import role_client

pytestmark = pytest.mark.django_db

URL = "/admin/page-links/"


@pytest.fixture
def content():
    make_notice(slug="visa", title="Visa regulations", title_ro="Regimul vizelor")
    make_notice(slug="visa-draft", title="Visa draft", status=Status.DRAFT)
    make_relation(slug="visa-rel", title="Visa cooperation")
    make_page("Visas", title_az="Vizalar")
    make_page("Passports")


@pytest.mark.parametrize("role", [EDITORS, PUBLISHERS])
def test_editors_and_publishers_find_published_pages_of_every_type(content, role):
    response = role_client(role).get(URL, {"q": "visa"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    found = {(row["kind"], row["title"], row["url"]) for row in response.json()["results"]}
    assert found == {
        ("notice", "Visa regulations", "/en/notices/visa/"),
        ("relation", "Visa cooperation", "/en/relations/visa-rel/"),
        ("page", "Visas", "/en/visas/"),
    }  # the draft is not offered
    assert all(row["page"].count(":") == 1 for row in response.json()["results"])


def test_titles_are_searched_in_the_admin_language(content):
    client = role_client(EDITORS)
    client.cookies["django_language"] = "ro"
    rows = client.get(URL, {"q": "vizelor"}, HTTP_ACCEPT_LANGUAGE="ro").json()["results"]
    assert [(row["title"], row["url"]) for row in rows] == [
        ("Regimul vizelor", "/ro/notices/visa/")
    ]


@pytest.mark.parametrize("role", ["anonymous", "view-only staff"])
def test_others_are_refused(content, role):
    response = role_client(role).get(URL, {"q": "visa"})
    assert response.status_code == 403
    assert b"Visa" not in response.content


def test_it_only_reads(content):
    client = role_client(PUBLISHERS)
    assert client.post(URL, {"q": "visa"}).status_code == 405
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"q": "visa"}).status_code == 200
    assert not [
        q for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.mark.parametrize(
    "query",
    [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 101}, {"q": "vi\x00sa"}, {"q": "vi\nsa"}],
)
def test_a_query_it_cannot_answer_is_a_400_with_its_reason(content, query):
    response = role_client(EDITORS).get(URL, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.content.decode().strip()


@pytest.mark.parametrize("words", ["%", "_", "'; DROP TABLE x; --", "ș", "ə" * 100, "a\\b"])
def test_odd_words_find_nothing_or_something_never_fail(content, words):
    response = role_client(EDITORS).get(URL, {"q": words})
    assert response.status_code == 200
    assert response.json()["results"] == []
