"""The dashboard runs the same queries for 10 regions as for 100, whatever the cohort and
filter: pinned, with a comment per query."""

import pytest
from django.urls import reverse

from tests.dashboard.builders import build_cohort, regions_in

pytestmark = pytest.mark.django_db

SIZES = {
    10: lambda: regions_in("33", 5) + regions_in("73", 5),
    100: lambda: (
        regions_in("33", 29) + regions_in("35", 38) + regions_in("73", 24) + regions_in("32", 9)
    ),
}

# funnel.candidacies: the candidacies with their plans; panel seats and sheets; status history;
# questionnaires; MoUs; mentor assignments; plan events.
CANDIDACIES = 7
# Each request: the session, the user and the staff member's authenticator (3); then
HOME_QUERIES = 3 + (
    1  # every cohort: its year, questionnaire deadline and whether its selection is decided
    + 1  # every kab/kota with its province (regions.places)
    + 1  # the pools of the screenings of record (funnel._screened)
    + CANDIDACIES
    + 1  # the quick wins of approved plans with their latest report
    + 1  # the worklist's failed PDFs (its other items come from the candidacies' records)
    + 1  # the approved plans' total budget (the money page's headline)
    + 1  # the current indicator imports
    + 1  # active users per role
)
LIST_QUERIES = 3 + 1 + 1 + 1 + CANDIDACIES  # cohorts, regions, screening pools, candidacies
PEMERATAAN_QUERIES = LIST_QUERIES  # the same reads, spread over the groups
# cohorts, regions; budgets summed by region, dimension, source and year; the dimensions; the
# largest programmes
MONEY_QUERIES = 3 + 1 + 1 + 3
QUICK_WIN_QUERIES = 3 + 1 + 1 + 1  # cohorts, regions, quick wins


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("query", ["", "?angkatan=2018", "?provinsi=33"])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, size, query
):
    built = build_cohort(
        world.staff,
        regions=SIZES[size](),
        invited=8 if size == 10 else 60,
        questionnaires=6 if size == 10 else 50,
        assessed=6 if size == 10 else 50,
        selected=5 if size == 10 else 25,
        signed=4 if size == 10 else 20,
    )
    assert len(built.candidates) == (8 if size == 10 else 60)
    client.force_login(world.staff)
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get(reverse("staff_home") + query).status_code == 200
    with django_assert_num_queries(PEMERATAAN_QUERIES):
        assert client.get(reverse("dashboard_pemerataan") + query).status_code == 200
    with django_assert_num_queries(MONEY_QUERIES):
        assert client.get(reverse("dashboard_money") + query).status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("dashboard_stage", args=["terpilih"]) + query).status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        url = reverse("dashboard_stage_export", args=["diundang", "xlsx"]) + query
        assert client.get(url).status_code == 200
    with django_assert_num_queries(QUICK_WIN_QUERIES):
        url = reverse("dashboard_quick_wins", args=["tertinggal"]) + query
        assert client.get(url).status_code == 200
