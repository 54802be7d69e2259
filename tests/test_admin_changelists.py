"""The admin changelists staff use most answer in a constant number of queries, however many
rows they show (#12: under load they took 2.5-2.8 s at p95 while the portal's pages took 0.5 s).
Each count is pinned for a few rows and for many, with what every query is for."""

import pytest
from django.urls import reverse

from assessment.models import AssessmentSession, ScoreSheet
from assessment.services.panels import panel_seat_add
from portal.demo import seed_ministry_group
from tests.factories import (
    CandidateFactory,
    IndicatorImportFactory,
    IndicatorSetFactory,
    UserFactory,
)

# The five queries every admin page makes for staff: 1 session, 2 user, 3 the session's second
# factor device (django-otp), 4-5 the user's permissions (own and through the ministry group).
SIGNED_IN = 5


@pytest.fixture
def staff_client(client, world):
    """Ministry staff with the admin permissions of the ministry group (not a superuser)."""
    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    return client


def candidates(world, n):
    return [CandidateFactory(cohort=world.cohort, status="invited") for _ in range(n)]


def indicator_sets(n):
    dataset = IndicatorImportFactory(year=2018)
    return [IndicatorSetFactory(dataset=dataset) for _ in range(n)]


def seats(world, n):
    """n seats, each with its own assessor, candidate, session and score sheet."""
    for i, candidate in enumerate(candidates(world, n)):
        session = AssessmentSession.objects.create(
            cohort=world.cohort, date="2018-04-10", start="09:00", end="10:00", room=f"R{i}"
        )
        assessor = UserFactory(username=f"asesor-{i}", assessor=True)
        seat = panel_seat_add(
            candidate=candidate, assessor=assessor, session=session, by=world.staff
        )
        ScoreSheet.objects.create(seat=seat)


@pytest.mark.parametrize("rows", [2, 25])
def test_the_candidates_changelist_costs_the_same_for_any_number_of_rows(
    staff_client, world, django_assert_num_queries, rows
):
    candidates(world, rows)
    with django_assert_num_queries(SIGNED_IN + 3):
        # 5 the cohorts for the filter, 6 the count of the filtered rows,
        # 7 the page of candidates with their region and cohort (list_select_related).
        response = staff_client.get(reverse("admin:candidates_candidate_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


@pytest.mark.parametrize("rows", [2, 25])
def test_the_indicator_changelist_costs_the_same_for_any_number_of_rows(
    staff_client, world, django_assert_num_queries, rows
):
    indicator_sets(rows)
    with django_assert_num_queries(SIGNED_IN + 3):
        # 5 the count of the filtered rows, 6 the page of rows with their region,
        # 7 the years for the year filter.
        response = staff_client.get(reverse("admin:candidates_indicatorset_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


@pytest.mark.parametrize("rows", [2, 25])
def test_the_panel_changelist_costs_the_same_for_any_number_of_rows(
    staff_client, world, django_assert_num_queries, rows
):
    seats(world, rows)
    with django_assert_num_queries(SIGNED_IN + 4):
        # 5 the cohorts and 6 the sessions for the filters, 7 the count of the filtered rows,
        # 8 the page of seats with candidate, region, cohort, assessor, session and sheet, and
        # whether the assessor declared a conflict with the region (one subquery).
        response = staff_client.get(reverse("admin:assessment_panelmember_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows
