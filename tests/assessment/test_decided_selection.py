"""A decided selection is immutable, and so is what it was decided on: the cohort's rubric (its
weights made the published ranking) and the candidates' questionnaires (#12.7)."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Criterion, Questionnaire, Rubric
from assessment.services.questionnaire import questionnaire_may_reopen
from assessment.services.selection import SelectionError, selection_make
from portal.demo import seed_ministry_group
from tests.assessment.builders_results import small_cohort


@pytest.fixture
def decided(world):
    cohort, (x, y, z), _ = small_cohort(world, quota=2)
    selection_make(
        cohort=cohort,
        selected_ids={x.pk, y.pk},
        letter_number="B-123/DJAI/KOMINFO/04/2018",
        letter_date=datetime.date(2018, 4, 30),
        reasons={},
        by=world.staff,
    )
    return cohort, (x, y, z)


def test_a_decided_selection_is_not_made_again(decided, world):
    cohort, (x, y, z) = decided
    with pytest.raises(SelectionError, match="sudah dibuat"):
        selection_make(
            cohort=cohort,
            selected_ids={z.pk},
            letter_number="B-999",
            letter_date=datetime.date(2018, 5, 1),
            reasons={z.pk: "Coba lagi"},
            by=world.staff,
        )


def test_a_selected_candidates_questionnaire_is_not_reopened(decided, world):
    _, (x, _, _) = decided
    Questionnaire.objects.create(candidate=x, status=Questionnaire.Status.SUBMITTED)
    questionnaire = Questionnaire.objects.select_related("candidate").get(candidate_id=x.pk)

    ok, reason = questionnaire_may_reopen(questionnaire, user=world.staff)

    assert not ok
    assert "Penetapan sudah dibuat" in reason


def test_the_rubric_of_a_decided_cohort_is_read_only_in_the_admin(decided, world, client):
    cohort, _ = decided
    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    rubric = Rubric.objects.get(cohort=cohort)
    criterion = rubric.criteria.first()
    weight = criterion.weight
    url = reverse("admin:assessment_rubric_change", args=[rubric.pk])

    page = client.get(url).content.decode()
    client.post(url, {"disagreement_margin": "1", "criteria-TOTAL_FORMS": "0"})

    assert 'name="criteria-0-weight"' not in page
    assert Criterion.objects.get(pk=criterion.pk).weight == weight


def test_an_undecided_cohorts_rubric_stays_editable(world, client):
    small_cohort(world, quota=2)
    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    rubric = Rubric.objects.get(cohort=world.cohort)

    page = client.get(reverse("admin:assessment_rubric_change", args=[rubric.pk])).content.decode()

    assert 'name="criteria-0-weight"' in page
