"""The dashboard's one upkeep list: broken links, overdue reviews, out-of-date translations
and images lacking alt text, each with its page, its owner (last publisher) and the two
buttons; the number of queries does not grow with the number of items."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from images.models import Image
from notices.models import Notice
from publishing import actions
from publishing.models import Status
from publishing.roles import EDITORS, PUBLISHERS
from translations.models import State, TranslationStamp
from upkeep.models import LinkCheck
from upkeep.results import store

from .factories import make_image, make_notice, make_staff
from .html import parse, text_of

pytestmark = pytest.mark.django_db

PAST = timezone.localdate() - datetime.timedelta(days=3)


@pytest.fixture
def publisher():
    return make_staff("pia", PUBLISHERS, first_name="Pia", last_name="Popescu")


def published_by(user, **kwargs):
    notice = make_notice(status=Status.DRAFT, publish_at=None, **kwargs)
    actions.Publish(notice, user).run()
    notice.refresh_from_db()
    return notice


def seed(user, n):
    """``n`` items of each kind, on pages ``user`` published."""
    kind = ContentType.objects.get_for_model(Notice).pk
    found, results = {}, {}
    for link in LinkCheck.objects.all():  # a run checks every page: the earlier ones too
        found.setdefault((link.page_type_id, link.page_id), set()).add(link.url)
        results[link.url] = (link.status, link.error)
    start = Notice.objects.count()
    for i in range(start, start + n):
        image = make_image(title=f"Photo {i}")
        notice = published_by(user, title=f"Page {i}", title_ro=f"Pagina {i}", lead_image=image)
        notice.title_en = f"Page {i}, revised"
        notice.save()  # the Romanian title is out of date now
        Notice.objects.filter(pk=notice.pk).update(review_by=PAST)
        url = f"https://gone{i}.example/"
        found[(kind, notice.pk)] = {url}
        results[url] = (404, "")
    store(found, results)


def rows(client, kind=None):
    doc = parse(client.get("/admin/"))
    selector = "#upkeep tbody tr" + (f"[data-kind={kind}]" if kind else "")
    return doc.cssselect(selector)


def test_every_kind_of_item_with_its_page_and_owner(client, publisher):
    seed(publisher, 1)
    client.force_login(publisher)
    found = rows(client)
    kinds = [tr.get("data-kind") for tr in found]
    assert kinds == ["broken", "review", "translation", "alt_text"]
    for tr in found:
        text = text_of(tr)
        assert "Page 0, revised" in text and "Pia Popescu" in text, text
        assert len(tr.cssselect("form button")) == 2
    assert "Romanian" in text_of(found[2])
    assert "Photo 0" in text_of(found[3]) and "Azerbaijani" in text_of(found[3])


def test_the_dashboard_does_not_grow_with_the_items(client, publisher):
    seed(publisher, 1)
    client.force_login(publisher)
    client.get("/admin/")  # content types and permissions cached, as on any later visit
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/").status_code == HTTPStatus.OK
    seed(make_staff("otto", PUBLISHERS), 4)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/")
    assert len(parse(response).cssselect("#upkeep tbody tr")) == 20
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_an_editor_may_put_off_a_translation_but_only_a_publisher_marks_it_checked(
    client, publisher
):
    seed(publisher, 1)
    client.force_login(make_staff("ed", EDITORS))
    (row,) = rows(client, "translation")
    buttons = [text_of(b) for b in row.cssselect("form button")]
    assert buttons == ["Remind me later"]
    mark = row.cssselect("form")[0].get("action").replace("/later/", "/check/")
    assert client.post(mark).status_code == HTTPStatus.FORBIDDEN
    client.force_login(publisher)
    (row,) = rows(client, "translation")
    client.post(row.cssselect("form")[0].get("action"))  # mark checked: the change was minor
    assert not rows(client, "translation")
    assert not TranslationStamp.objects.filter(state=State.OUT_OF_DATE).exists()


def test_an_image_marked_checked_comes_back_when_what_it_lacks_changes(client, publisher):
    seed(publisher, 1)
    client.force_login(make_staff("ed", EDITORS))  # editors write alt text
    (row,) = rows(client, "alt_text")
    client.post(row.cssselect("form")[0].get("action"))
    assert not rows(client, "alt_text")
    image = Image.objects.get()
    image.alt_text_ro = "O clădire albă."
    image.save()
    (row,) = rows(client, "alt_text")
    assert "Azerbaijani" in text_of(row) and "Romanian" not in text_of(row)


def test_remind_me_later_for_an_image_lasts_a_week(client, publisher):
    make_image(title="Unused photo")
    client.force_login(publisher)
    (row,) = rows(client, "alt_text")
    assert "Used on no page yet" in text_of(row)
    client.post(row.cssselect("form")[1].get("action"))
    assert not rows(client, "alt_text")


def test_staff_who_may_not_change_pages_see_no_buttons_and_cannot_post(client, publisher):
    seed(publisher, 1)
    viewer = make_staff("viewer")
    viewer.user_permissions.set(Permission.objects.filter(codename="view_notice"))
    client.force_login(viewer)
    found = rows(client)
    # Who may view pages may view the image library (images.admin): its items too.
    assert {tr.get("data-kind") for tr in found} == {"broken", "review", "translation", "alt_text"}
    assert not any(tr.cssselect("form") for tr in found)
    notice = Notice.objects.get()
    key = f"review.{ContentType.objects.get_for_model(Notice).pk}.{notice.pk}"
    for action in ("check", "later"):
        url = f"/admin/upkeep/linkcheck/{key}/{action}/"
        assert client.post(url).status_code == HTTPStatus.FORBIDDEN
    assert Notice.objects.get().review_by == PAST


@pytest.mark.parametrize("key", ["review.1", "nothing.1.1", "review.x.1", "alt_text.999.1"])
def test_a_made_up_item_is_a_404(admin_client, key):
    url = f"/admin/upkeep/linkcheck/{key}/check/"
    assert admin_client.post(url).status_code == HTTPStatus.NOT_FOUND
