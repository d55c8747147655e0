import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relations.models import Cycle, Framework, Milestone, Relation, Section

from .factories import make_milestone, make_relation, make_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "month", "day", "precision", "shown", "iso"),
    [
        (1992, None, None, "year", "1992", "1992"),
        (2003, 5, None, "month", "May 2003", "2003-05"),
        (1994, 5, 4, "day", "4 May 1994", "1994-05-04"),
    ],
)
def test_milestone_prints_its_date_as_written(year, month, day, precision, shown, iso):
    milestone = make_milestone(
        make_relation(), year=year, month=month, day=day, precision=precision
    )
    assert milestone.date_display == shown
    assert milestone.date_iso == iso


@pytest.mark.parametrize(
    ("fields", "field_at_fault"),
    [
        ({"year": 1994, "month": 5, "precision": "day"}, "day"),
        ({"year": 1994, "precision": "month"}, "month"),
        ({"year": 1994, "month": 5, "precision": "year"}, "precision"),
        ({"year": 2019, "month": 2, "day": 31, "precision": "day"}, "day"),
        ({"year": 2019, "month": 13, "precision": "month"}, "day"),
    ],
)
def test_milestone_rejects_an_incomplete_or_impossible_date(fields, field_at_fault):
    milestone = Milestone(relation=make_relation(), slug="m", text="x", **fields)
    with pytest.raises(ValidationError) as excinfo:
        milestone.full_clean()
    assert field_at_fault in excinfo.value.message_dict


def test_cycle_cannot_end_before_it_starts():
    relation = make_relation()
    framework = Framework.objects.create(relation=relation, name="PARP", slug="parp")
    with pytest.raises(ValidationError) as excinfo:
        Cycle(framework=framework, start_year=2006, end_year=2004).full_clean()
    assert "end_year" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(framework=framework, start_year=2006, end_year=2004)


def test_slugs_are_unique_with_a_readable_message():
    relation = make_relation()
    make_section(relation, anchor="evolution")
    with pytest.raises(ValidationError) as excinfo:
        Relation(title="Other", slug=relation.slug).full_clean()
    assert "slug" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        Section(relation=relation, heading="Again", anchor="evolution").full_clean()


def test_expiry_must_follow_publication():
    relation = make_relation()
    relation.expires_at = relation.publish_at
    with pytest.raises(ValidationError) as excinfo:
        relation.full_clean()
    assert "expires_at" in excinfo.value.message_dict


def test_section_html_is_sanitised_on_save():
    section = make_section(
        make_relation(), body='<p onclick="x()">Hi<script>alert(1)</script></p><iframe></iframe>'
    )
    section.refresh_from_db()
    assert section.body == "<p>Hi</p>"


def test_str_and_urls():
    relation = make_relation()
    milestone = make_milestone(relation, year=1994, month=5, day=4, precision="day", text="PfP")
    assert str(relation) == "NATO – Testland relations"
    assert relation.get_absolute_url() == "/en/relations/nato-testland/"
    assert str(milestone) == "4 May 1994: PfP"
    assert relation.natural_key() == ("nato-testland",)
    assert milestone.natural_key() == ("nato-testland", milestone.slug)
