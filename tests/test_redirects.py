"""Old addresses keep working: redirects kept by the site and added by staff.

A notice's slug change leaves a 301 at its old address in every language; a chain is one
hop; a loop and a redirect from a live page are refused; "gone" answers 410.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from addresses.models import Redirect
from publishing.models import Status

from .factories import make_notice

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ro", "az")


def add(old_path, **target):
    redirect = Redirect(old_path=old_path, **target)
    redirect.full_clean()
    redirect.save()
    return redirect


def targets():
    return dict(Redirect.objects.values_list("old_path", "target_path"))


def test_a_renamed_notice_leaves_a_redirect_in_every_language(client):
    notice = make_notice(slug="visa-old", title="Visas")
    notice.slug = "visa-new"
    notice.save()
    assert targets() == {
        f"/{code}/notices/visa-old/": f"/{code}/notices/visa-new/" for code in LANGUAGES
    }
    assert set(Redirect.objects.values_list("created_by", flat=True)) == {"system"}
    for code in LANGUAGES:
        response = client.get(f"/{code}/notices/visa-old/?from=form&x=1")
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == f"/{code}/notices/visa-new/?from=form&x=1"
        assert not response.cookies
        assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_an_old_address_without_slash_or_language_finds_its_redirect(client):
    notice = make_notice(slug="visa-old")
    notice.slug = "visa-new"
    notice.save()
    response = client.get("/ro/notices/visa-old")
    assert response["Location"] == "/ro/notices/visa-new/"
    # Shared before the site had languages: English, as the legacy addresses are.
    response = client.get("/notices/visa-old/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/notices/visa-new/"


def test_two_renames_are_one_hop_and_moving_back_removes_the_redirect(client):
    notice = make_notice(slug="a")
    notice.slug = "b"
    notice.save()
    notice.slug = "c"
    notice.save()
    assert targets()["/en/notices/a/"] == "/en/notices/c/"
    assert targets()["/ro/notices/b/"] == "/ro/notices/c/"
    notice.slug = "a"
    notice.save()
    assert "/en/notices/a/" not in targets()
    assert targets()["/en/notices/b/"] == "/en/notices/a/"
    assert targets()["/en/notices/c/"] == "/en/notices/a/"
    assert client.get("/en/notices/a/").status_code == HTTPStatus.OK
    assert client.get("/az/notices/b/")["Location"] == "/az/notices/a/"


def test_a_draft_renamed_leaves_nothing_and_a_new_page_takes_its_address_back():
    draft = make_notice(slug="draft-old", status=Status.DRAFT)
    draft.slug = "draft-new"
    draft.save()
    assert not Redirect.objects.exists()
    add("/en/notices/taken/", target_path="/en/notices/")
    make_notice(slug="taken")
    assert not Redirect.objects.exists()


def test_a_chain_collapses_to_one_hop_whichever_is_added_first():
    add("/old-a/", target_path="/old-b/")
    add("/old-b/", target_path="/en/notices/")
    assert targets() == {"/old-a/": "/en/notices/", "/old-b/": "/en/notices/"}
    add("/old-c/", target_path="/old-a/")
    assert targets()["/old-c/"] == "/en/notices/"


def test_a_loop_is_refused_with_a_clear_message():
    add("/old-a/", target_path="/old-b/")
    with pytest.raises(ValidationError) as refused:
        add("/old-b/", target_path="/old-a/")
    assert "in a circle" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        add("/old-c/", target_path="/old-c/")
    assert "in a circle" in str(refused.value)
    assert targets() == {"/old-a/": "/old-b/"}


def test_a_live_address_cannot_be_redirected():
    notice = make_notice(slug="live")
    with pytest.raises(ValidationError) as refused:
        add(notice.get_absolute_url(), target_path="/en/")
    assert "Visitors already get a page" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        add("/ro/notices/live/", target_path="/en/")
    assert "answers 200" in str(refused.value)


def test_a_pasted_full_address_keeps_its_path_and_a_bad_one_is_explained():
    assert add("https://old.example.org/visa.html", target_path="/en/").old_path == "/visa.html"
    with pytest.raises(ValidationError) as refused:
        add("visa.html", target_path="/en/")
    assert "starting with “/”" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        add("/nothing/")
    assert "Choose one" in str(refused.value)


def test_a_redirect_to_a_page_follows_it_in_the_old_paths_language(client):
    notice = make_notice(slug="first")
    add("/ro/vize.html", target=notice)
    notice.slug = "second"
    notice.save()
    assert client.get("/ro/vize.html?q=1")["Location"] == "/ro/notices/second/?q=1"


def test_gone_answers_410_in_the_sites_look(client):
    add("/en/notices/withdrawn-scheme/", gone=True)
    response = client.get("/en/notices/withdrawn-scheme/")
    assert response.status_code == HTTPStatus.GONE
    assert "Page removed" in response.content.decode()
    assert 'name="robots" content="noindex' in response.content.decode()
    assert not response.cookies


def test_a_temporary_redirect_answers_302(client):
    add("/old-site/contact.php", target_path="/en/", permanent=False)
    response = client.get("/old-site/contact.php")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/"


def test_only_a_404_looks_for_a_redirect_and_with_one_query(client):
    notice = make_notice(slug="here")
    with CaptureQueriesContext(connection) as seen:
        assert client.get(notice.get_absolute_url()).status_code == HTTPStatus.OK
    assert not [q for q in seen if "addresses_redirect" in q["sql"]]
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/en/notices/nowhere/").status_code == HTTPStatus.NOT_FOUND
    assert len([q for q in seen if "addresses_redirect" in q["sql"]]) == 1


def test_with_the_page_cache_on_the_old_address_redirects_at_once_and_stays_uncached(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    notice = make_notice(slug="cached-old")
    assert client.get("/ro/notices/cached-old/").status_code == HTTPStatus.OK  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        notice.slug_en = "cached-new"  # the request left Romanian active: name the column
        notice.save()
    for _visit in range(2):
        response = client.get("/ro/notices/cached-old/")
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == "/ro/notices/cached-new/"
        assert "max-age=3600" in response["Cache-Control"]
    # Removed later: the next visitor gets the 404, not a kept redirect.
    Redirect.objects.all().delete()
    assert client.get("/ro/notices/cached-old/").status_code == HTTPStatus.NOT_FOUND


def test_with_the_database_down_an_unknown_address_is_still_a_404():
    from .servers import closed_port, fetch, gunicorn, site_env

    env = site_env(DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/embassy")
    with gunicorn(env) as base:
        # No embassy page can have this address (capitals), so no query decides the answer;
        # a path a page could have needs the database, and is a 503 while it is down.
        status, headers, _body = fetch(base + "/en/No_Such_Section/")
        assert status == HTTPStatus.NOT_FOUND
        assert headers.get("Set-Cookie") is None
