"""Staff at work on revisions: clients in each role, and the admin's forms as they submit."""

from http import HTTPStatus

from publishing.models import Revision

from .html import form_data, parse, text_of

RELATION = "/admin/relations/relation/{}/"
NOTICE = "/admin/notices/notice/{}/"


def edit(client, url, **changes):
    """Open the change form, change some fields, save; the admin must accept it."""
    data = form_data(client.get(url + "change/"))
    data.update(changes)
    response = client.post(url + "change/", data)
    assert response.status_code == HTTPStatus.FOUND, text_of(parse(response))
    return response


def history_rows(client, url):
    response = client.get(url + "history/")
    assert response.status_code == HTTPStatus.OK
    return parse(response).cssselect("#change-history tbody tr")


def newest(page):
    return Revision.objects.filter(object_id=page.pk).order_by("-created_at", "-id").first()


def visible_text(client, page):
    response = client.get(page.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return text_of(parse(response))
