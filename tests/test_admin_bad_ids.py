"""Every registered admin answers a malformed id in its addresses with a 404, never a 500.

Page admins (``publishing.admin_history.VersionedAdmin``) add revision addresses:
``<id>/history/<revision_id>/`` and its ``restore/``, ``publish/``, ``submit/``, ``reject/``.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from publishing import revisions
from publishing.models import Revision
from publishing.registry import registry

from .public_content import public_pages

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "²", "٣", "1e3", "-0x1", "1.5", "%00", "9" * 40, " 1"]
# publishing.admin_history's addresses of one revision of a page.
REVISION_VIEWS = ["revision", "restore", "publish_revision", "submit", "reject"]


def admin_urls(model_admin, object_id):
    info = model_admin.opts.app_label, model_admin.opts.model_name
    names = ["change", "history", "delete"]
    urls = []
    for name in names:
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_{name}", args=[object_id]))
    urls += revision_urls(model_admin, object_id, 1)
    return urls


def revision_urls(model_admin, object_id, revision_id):
    info = model_admin.opts.app_label, model_admin.opts.model_name
    urls = []
    for name in REVISION_VIEWS:
        try:
            url = reverse(f"admin:{info[0]}_{info[1]}_{name}", args=[object_id, 1])
        except NoReverseMatch:
            continue  # an admin without revisions
        urls.append(url.replace("/history/1/", f"/history/{revision_id}/"))
    return urls


def test_every_admin_answers_bad_ids_with_404(client):
    public_pages()  # rows to point at, so a good object id with a bad version id is tried too
    client.raise_request_exception = False
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-x-12345"))
    assert len(admin.site._registry) >= 5
    failures = []
    for model, model_admin in admin.site._registry.items():
        first = model._default_manager.order_by("pk").first()
        for bad in BAD_IDS:
            urls = admin_urls(model_admin, "OBJECT").copy()
            urls = [url.replace("OBJECT", bad) for url in urls]
            if first is not None:
                urls += revision_urls(model_admin, first.pk, bad)
            for url in urls:
                for method in (client.get, client.post):
                    status = method(url).status_code
                    # Django's own change view sends a missing object back to the list (302).
                    if status >= 500 or status == 200:
                        failures.append(f"{method.__name__.upper()} {url}: {status}")
    assert not failures, "\n".join(failures)


def test_a_revision_id_too_large_for_the_column_is_not_found(client):
    """<int:revision_id> takes any digits: 40 of them must not reach the database."""
    client.raise_request_exception = False
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-x-12345"))
    public_pages()
    checked = 0
    for page_type in registry:
        page = page_type.model._default_manager.order_by("pk").first()
        if page is None:
            continue
        revisions.ensure_baseline(page)
        real = revisions.for_page(page).first()
        model_admin = admin.site._registry[page_type.model]
        for url in revision_urls(model_admin, page.pk, real.pk):
            assert client.get(url).status_code < 500, url  # the real revision is found
            huge = url.replace(f"/history/{real.pk}/", "/history/" + "9" * 40 + "/")
            assert client.get(huge).status_code == 404, huge
            assert client.post(huge).status_code == 404, huge
            checked += 1
    assert checked >= 10
    assert Revision.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/notices/notice/abc/history/",
        "/admin/relations/framework/abc/history/",
        "/admin/relations/framework/abc/history/1/",
        "/admin/notices/notice/abc/delete/",
        "/admin/notices/notice/1/history/" + "9" * 40 + "/",
        "/admin/notices/notice/1/history/" + "9" * 40 + "/restore/",
        "/admin/relations/relation/1/history/" + "9" * 40 + "/publish/",
    ],
)
def test_the_reported_addresses_are_not_found(client, url):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-x-12345"))
    assert client.get(url).status_code == 404
