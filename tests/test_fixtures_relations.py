import pytest
from django.core.management import call_command

from relations.models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

pytestmark = pytest.mark.django_db

MODELS = [Relation, Section, Framework, Cycle, CooperationArea, Milestone]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_fixture_twice_leaves_one_copy():
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    first = counts()
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    assert counts() == first
    assert first == {"Relation": 1, "Section": 4, "Framework": 5, "Cycle": 5,
                     "CooperationArea": 4, "Milestone": 14}  # fmt: skip


def test_fixture_content_passes_model_validation():
    call_command("loaddata", "nato_azerbaijan", verbosity=0)
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()
