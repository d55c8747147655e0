"""The home page: an introduction, the latest notices as the seed shows them, relations."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from relations.models import Relation

from .chrome import CHROME_QUERIES
from .factories import make_notice

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def test_home_shows_the_three_seed_notices_with_read_more(client):
    call_command("loaddata", "notices", verbosity=0)
    response = client.get(HOME)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f"{settings.EMBASSY_NAME} represents Romania" in html
    assert '<h2 id="notices-heading">Latest notices</h2>' in html
    for title, teaser, slug in [
        (
            "Romania’s Visa Regulations in Preparation for UEFA EURO 2020",
            "please check this link. <a",
            "romanias-visa-regulations-uefa-euro-2020",
        ),
        (
            "The visit to Azerbaijan of Deputy Prime Minister Ana Birchall",
            "to attend the 7th Global Baku Forum. <a",
            "visit-deputy-prime-minister-ana-birchall",
        ),
        (
            "Scholarships offered by the Romanian State to foreign citizens through the "
            "Ministry of Foreign Affairs of Romania",
            "Program of scholarships offered by the Romanian State…",
            "romanian-state-scholarships-2019-2020",
        ),
    ]:
        url = reverse("notices:detail", kwargs={"slug": slug})
        assert f'<h3><a href="{url}">{title}</a></h3>' in html
        assert teaser in html
        # Each "Read more" names its notice for screen readers, so the links differ.
        assert (
            f'<a href="{url}">Read more<span class="visually-hidden">: {title}</span></a>' in html
        )
        assert client.get(url).status_code == HTTPStatus.OK


def test_home_leaves_out_drafts_scheduled_and_expired(client):
    make_notice(title="Current one")
    make_notice(title="A draft", status=Status.DRAFT)
    make_notice(title="Scheduled", publish_at=timezone.now() + timedelta(days=1))
    make_notice(
        title="Expired",
        publish_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() - timedelta(days=1),
    )
    html = client.get(HOME).content.decode()
    assert "Current one" in html
    for hidden in ["A draft", "Scheduled", "Expired"]:
        assert hidden not in html


def test_home_lists_published_relations_pages(client):
    Relation.objects.create(
        title="NATO – Azerbaijan relations",
        slug="nato-azerbaijan",
        summary="Relations since 1992.",
        status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )
    Relation.objects.create(title="Draft relation", slug="draft-relation")
    html = client.get(HOME).content.decode()
    assert '<a href="/en/relations/nato-azerbaijan/">NATO – Azerbaijan relations</a>' in html
    assert "Draft relation" not in html


def test_home_announces_the_notices_feed(client):
    head = client.get(HOME).content.decode().split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert f'href="{reverse("notices:feed")}"' in head


def test_home_marks_itself_current_in_the_navigation(client):
    assert '<a href="/en/" aria-current="page">Home</a>' in client.get(HOME).content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, count):
    for i in range(count):
        make_notice()
        Relation.objects.create(
            title=f"Relation {i}",
            slug=f"relation-{i}",
            status=Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=1),
        )
    # relations, latest notices, the consular services page (none here)
    with django_assert_num_queries(3 + CHROME_QUERIES):
        assert client.get(HOME).status_code == HTTPStatus.OK
