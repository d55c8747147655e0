"""Every registered admin's add form and list answer hostile query strings without a 500.

The cases come from the admin site itself: every field of every registered model becomes a
parameter, alone and with lookups (``__year``, ``__gte``, ``__in``, ...), given values that
are not what the field holds (text for a date, 20 digits for a year, a NUL character, a
date that does not exist). A superuser sends them, so nothing is refused for permissions.
Staff must get the page (without the bad parameter), a redirect to it, or a 400; and a NUL
is a 400 wherever it is, POSTed forms included, so PostgreSQL never sees one.

Each test collects every failure, naming the address, and asserts the list is empty; each
request runs in a savepoint that is rolled back, so a database error cannot hide the rest.
"""

from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from notices.models import Notice
from publishing.admin_history import VersionedAdmin
from publishing.registry import registry

from .html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

HUGE = "9" * 20
VALUES = ["x", "\x00", HUGE, "2024-02-30", ","]
LOOKUPS = ["__year", "__gte", "__in", "__isnull", "__range", "__date"]
# Parameters the changelist reads itself: ordering, page, search, popups, "show all".
LIST_PARAMETERS = ["o", "p", "q", "all", "_to_field", "_popup", "e", "_facets"]
ANSWERS = {HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.BAD_REQUEST}


def admin_models():
    """The registered admins; tests.toy's leaflets only exist inside their own tests."""
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, VersionedAdmin) and registry.for_model(model) is None:
            continue
        yield model, model_admin


def url_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    """The shipped content: the lists have rows to filter and show."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)


@pytest.fixture
def root():
    """A superuser's client, so nothing is refused for want of a permission."""
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-x-12345"))
    return client


def answer(client, url, data=None):
    """The status of one request (of the page a redirect leads to), in a savepoint rolled
    back afterwards."""
    with transaction.atomic():
        if data is None:
            status = client.get(url, follow=True).status_code
        else:
            status = client.post(url, data).status_code
        transaction.set_rollback(True)
    return status


def walk(client, requests):
    failures = []
    for url in requests:
        status = answer(client, url)
        if status not in ANSWERS:
            failures.append(f"{status} {url}")
    return failures


def query(**parameters):
    return "?" + urlencode(parameters)


def test_add_forms_show_what_they_can_of_hostile_prefills(root):
    """Every field at once, for each value: the form drops each value it cannot show."""
    requests = []
    for model, _ in admin_models():
        url = reverse(url_name(model, "add"))
        if root.get(url).status_code == HTTPStatus.FORBIDDEN:
            continue  # an admin that adds nothing (django-axes' logs)
        names = [f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many]
        requests += [url + query(**dict.fromkeys(names, value)) for value in VALUES]
    assert len(requests) > 20
    assert walk(root, requests) == []


def test_lists_answer_every_hostile_filter(root):
    """Each field alone, as given and with each lookup. A list sends the filters it cannot
    apply to itself with ``?e=1`` (Django's answer): redirects are not followed here, each
    list's ``?e=1`` is opened once instead."""
    requests, failures = [], []
    for model, _ in admin_models():
        url = reverse(url_name(model, "changelist"))
        names = [f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many]
        names += [f"{f.name}__pk" for f in model._meta.get_fields() if f.is_relation and f.concrete]
        for name in names:
            requests += [url + query(**{name: value}) for value in VALUES]
            requests += [url + query(**{name + lookup: HUGE}) for lookup in LOOKUPS]
        requests += [url + query(**{name: v}) for name in LIST_PARAMETERS for v in VALUES[:3]]
        if answer(root, url + "?e=1") != HTTPStatus.OK:
            failures.append(f"{url}?e=1")
    assert len(requests) > 1000
    for url in requests:
        with transaction.atomic():
            response = root.get(url)
            transaction.set_rollback(True)
        if response.status_code not in ANSWERS:
            failures.append(f"{response.status_code} {url}")
        elif response.status_code == HTTPStatus.FOUND and not response["Location"].startswith(
            url.split("?")[0]
        ):
            failures.append(f"{url} sends to {response['Location']}")
    print("\n".join(failures))
    assert failures == []


def test_autocomplete_answers_hostile_terms(root):
    requests = []
    for model, _ in admin_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in admin.site._registry:
                source = {"app_label": model._meta.app_label, "model_name": model._meta.model_name}
                for value in VALUES:
                    parameters = {**source, "field_name": field.name, "term": value}
                    requests.append(reverse("admin:autocomplete") + query(**parameters))
    assert requests
    assert walk(root, requests) == []


def test_the_named_cases_answer_as_staff_expect(content, root):
    notice_add = reverse("admin:notices_notice_add")
    notices = reverse("admin:notices_notice_changelist")
    # The prefill a date-and-time field cannot show is dropped; the good one is kept.
    response = root.get(notice_add + "?publish_at=x&title=Visa+rules", follow=True)
    assert response.redirect_chain == [(notice_add + "?title=Visa+rules", HTTPStatus.FOUND)]
    assert form_data(response)["title"] == "Visa rules"
    # A year out of range: the whole list, saying the filter could not be applied.
    response = root.get(notices + f"?publish_at__year={HUGE}", follow=True)
    assert response.redirect_chain == [(notices + "?e=1", HTTPStatus.FOUND)]
    assert "A filter in the address could not be applied." in text_of(parse(response))
    assert len(parse(response).cssselect("#result_list tbody tr")) == Notice.objects.count()
    # A NUL anywhere: 400, saying why.
    for url in [notices + "?status=%00", notices + "?q=a%00", notice_add + "?x%00=1"]:
        response = root.get(url)
        assert response.status_code == HTTPStatus.BAD_REQUEST, url
        assert "NUL character" in response.content.decode()


def test_a_nul_in_any_posted_form_is_a_400_and_changes_nothing(content, root):
    notice = Notice.objects.order_by("pk").first()
    url = reverse(url_name(Notice, "change"), args=[notice.pk])
    data = form_data(root.get(url))
    failures = []
    for name in data:
        if not name.startswith("csrf"):
            value = data[name]  # a repeated field (checkboxes) posts a list of values
            if isinstance(value, list):
                value = [*value[:-1], value[-1] + "\x00"] if value else ["\x00"]
            else:
                value += "\x00"
            status = answer(root, url, {**data, name: value})
            if status != HTTPStatus.BAD_REQUEST:
                failures.append(f"{status} {name}")
    print("\n".join(failures))
    assert failures == []
    notice.refresh_from_db()
    assert "\x00" not in notice.title
