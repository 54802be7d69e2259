"""Panel results of a cohort: the service on a hand-computed cohort, and the staff pages.

The small cohort: rubric C1 (weight 2), C2 (1), C3 (1), so sum(w) = 4 and a sheet scores
25 * (sum(w*v) - 4) / 4.

    assessor A (Ani)   X: 5,3,3 -> 16 -> 75     Y: 3,3,3 -> 12 -> 50    Z: 2,1,1 -> 6 -> 12.5
    assessor B (Budi)  X: 4,4,4 -> 16 -> 75     Y: 5,5,1 -> 16 -> 75    Z: 3,3,3 -> 12 -> 50

    mean     X 75     Y 62.5   Z 31.25     -> ranks 1, 2, 3
    spread   X 0      Y 25     Z 37.5      -> Y and Z above the 15-point margin
"""

import statistics

import pytest
from django.urls import reverse

from assessment.services.results import cohort_results, cohorts_progress
from tests.assessment.builders_results import (
    assessor,
    candidate,
    scored_cohort,
    sheet,
    small_cohort,
    small_rubric,
)
from tests.factories import CohortFactory


@pytest.fixture
def small(world):
    return small_cohort(world)


def by_region(rows):
    return {row.region.code: row for row in rows}


# --- the service -----------------------------------------------------------------------------


def test_the_panel_mean_is_the_mean_of_each_assessors_weighted_score(small):
    cohort, (x, y, z), (ani, budi) = small

    rows = cohort_results(cohort=cohort)

    assert [row.candidate.pk for row in rows] == [x.pk, y.pk, z.pk]
    assert [row.mean for row in rows] == [75.0, 62.5, 31.25]
    assert [row.rank for row in rows] == [1, 2, 3]
    assert {a: s.score for a, s in rows[1].assessor_scores.items()} == {ani.pk: 50.0, budi.pk: 75.0}
    assert rows[1].assessor_scores[budi.pk].name == "Budi Santoso"


def test_a_spread_above_the_rubric_margin_is_flagged(small):
    cohort, _, _ = small

    rows = cohort_results(cohort=cohort)

    assert [row.spread for row in rows] == [0.0, 25.0, 37.5]
    assert [row.disagreement for row in rows] == [False, True, True]


def test_the_normalised_mean_corrects_each_assessors_harshness(small):
    cohort, _, (ani, budi) = small
    sheets = {ani.pk: [75, 50, 12.5], budi.pk: [75, 75, 50]}
    everything = sheets[ani.pk] + sheets[budi.pk]
    overall_mean, overall_sd = statistics.fmean(everything), statistics.pstdev(everything)

    def normalised(assessor_id, i):
        own = sheets[assessor_id]
        z = (own[i] - statistics.fmean(own)) / statistics.pstdev(own)
        return overall_mean + z * overall_sd

    rows = cohort_results(cohort=cohort)

    for i, row in enumerate(rows):
        expected = (normalised(ani.pk, i) + normalised(budi.pk, i)) / 2
        assert row.normalised_mean == pytest.approx(expected, abs=1e-9)
    assert [row.normalised_rank for row in rows] == [1, 2, 3]


def test_without_normalisation_only_raw_figures_are_given(small):
    cohort, _, _ = small

    rows = cohort_results(cohort=cohort, normalise=False)

    assert [row.rank for row in rows] == [1, 2, 3]
    assert {row.normalised_mean for row in rows} == {None}
    assert {row.normalised_rank for row in rows} == {None}


def test_draft_and_incomplete_sheets_are_ignored(small, world):
    cohort, (x, y, z), _ = small
    cara = assessor("cara", "Cara", "Wijaya")
    sheet(x, cara, (1, 1, 1), by=world.staff, submitted=False)  # a draft
    sheet(y, cara, (5, 5), by=world.staff)  # submitted, but C3 is missing

    rows = by_region(cohort_results(cohort=cohort))

    assert rows[x.region.code].mean == 75.0 and rows[y.region.code].mean == 62.5
    assert (rows[x.region.code].panel_size, rows[x.region.code].sheets_submitted) == (3, 2)
    assert rows[x.region.code].sheets_counted == 2
    assert cara.pk not in rows[y.region.code].assessor_scores


def test_candidates_without_a_counted_sheet_are_listed_last_and_unranked(small, world):
    cohort, _, _ = small
    w = candidate(cohort, "35.02", "Kabupaten Ponorogo")
    sheet(w, assessor("dodi"), (5, 5, 5), by=world.staff, submitted=False)

    last = cohort_results(cohort=cohort)[-1]

    assert last.candidate.pk == w.pk
    assert (last.rank, last.mean, last.normalised_rank) == (None, None, None)
    assert (last.panel_size, last.sheets_submitted) == (1, 0)
    assert last.panel_too_small


def test_scores_of_another_cohort_do_not_count(small, world):
    cohort, (x, _, _), (ani, _) = small
    other = CohortFactory(year=2019)
    small_rubric(other, 1)
    sheet(candidate(other, world.region.code), ani, (1,), by=world.staff)

    assert by_region(cohort_results(cohort=cohort))[x.region.code].mean == 75.0


def test_the_default_rubric_is_used_when_the_cohort_has_none(world):
    (c,), _ = scored_cohort(world.cohort, candidates=1, assessors=2, by=world.staff)

    (row,) = cohort_results(cohort=world.cohort)

    assert row.candidate.pk == c.pk and row.rank == 1 and len(row.assessor_scores) == 2


def test_the_cohorts_overview_counts_each_stage(small, world):
    cohort, (x, _, _), _ = small
    sheet(x, assessor("cara"), (1, 1, 1), by=world.staff, submitted=False)  # X no longer complete
    CohortFactory(year=2019)

    progress = {p.cohort.year: p for p in cohorts_progress()}

    assert (progress[2018].invited, progress[2018].sheets_submitted) == (3, 6)
    assert progress[2018].panels_complete == 2
    assert progress[2018].questionnaires_submitted == 0
    assert (progress[2019].invited, progress[2019].selection) == (0, None)


# --- the pages -------------------------------------------------------------------------------


def test_the_index_lists_every_cohort_with_its_counts(client, small, world):
    client.force_login(world.staff)

    response = client.get(reverse("assessment_index"))

    assert response.status_code == 200
    assert world.cohort.name in response.text
    assert reverse("assessment_results", args=[2018]) in response.text


def test_the_results_page_ranks_by_panel_score_with_a_disagreement_badge(client, small, world):
    client.force_login(world.staff)

    response = client.get(reverse("assessment_results", args=[2018]))

    assert response.status_code == 200
    assert [r.region.code for r in response.context["rows"]] == ["33.11", "32.73", "35.01"]
    assert response.text.count(">beda pendapat</span>") == 2  # the badges
    assert "75,00" in response.text  # the panel mean, in Indonesian notation
    assert "Kabupaten Sukoharjo" in response.text and "2 / 2" in response.text
    # Bandung's row shows each assessor's weighted score, named for staff.
    assert '<span title="Ani Lestari">50,0</span>' in response.text
    assert '<span title="Budi Santoso">75,0</span>' in response.text


def test_the_results_page_can_rank_by_the_normalised_score(client, world):
    # One criterion, so a sheet scores 25 * (value - 1). Each assessor sits on two panels:
    # Ani gives X 2 and Y 1, Budi gives Y 3 and Z 1, lenient Cara gives X 5 and Z 4.
    # Raw means: X (25+100)/2 = 62.5, Y (0+50)/2 = 25, Z (0+75)/2 = 37.5 -> X, Z, Y.
    # Z owes its place to lenient Cara; within each assessor Y does at least as well as Z does,
    # so once harshness is corrected Y overtakes Z -> X, Y, Z.
    small_rubric(world.cohort, 1)
    x, y, z = (candidate(world.cohort, code) for code in ("35.01", "35.02", "35.03"))
    ani, budi, cara = assessor("ani"), assessor("budi"), assessor("cara")
    for c, who, value in (
        (x, ani, 2),
        (y, ani, 1),
        (y, budi, 3),
        (z, budi, 1),
        (x, cara, 5),
        (z, cara, 4),
    ):
        sheet(c, who, (value,), by=world.staff)
    client.force_login(world.staff)

    raw = client.get(reverse("assessment_results", args=[2018]))
    normal = client.get(reverse("assessment_results", args=[2018]), {"urut": "normal"})

    assert [r.candidate.pk for r in raw.context["rows"]] == [x.pk, z.pk, y.pk]
    assert [r.candidate.pk for r in normal.context["rows"]] == [x.pk, y.pk, z.pk]
    assert [r.normalised_rank for r in normal.context["rows"]] == [1, 2, 3]
    assert [r.rank for r in normal.context["rows"]] == [1, 3, 2]  # shown side by side


@pytest.mark.parametrize("n", [3, 120])  # 120 candidates x 4 assessors x 12 criteria: the bar
def test_the_results_page_runs_the_same_queries_whatever_the_cohort_size(
    client, world, django_assert_num_queries, n
):
    scored_cohort(world.cohort, candidates=n, assessors=4, by=world.staff)
    client.force_login(world.staff)

    # 1 session, 2 user, 3 the cohort with its selection, 4 the rubric's criteria and margin,
    # 5 candidates with regions, provinces and panel seats (assessor names, sheet statuses),
    # 6 the counted scores (one tuple per score),
    # 7 the second-factor device of the staff session (django-otp).
    with django_assert_num_queries(7):
        response = client.get(reverse("assessment_results", args=[2018]))

    assert len(response.context["rows"]) == n
    assert all(len(row.assessor_scores) == 4 for row in response.context["rows"])


def test_the_index_runs_the_same_queries_whatever_the_number_of_cohorts(
    client, world, django_assert_num_queries
):
    scored_cohort(world.cohort, candidates=2, assessors=2, by=world.staff)
    for year in (2019, 2020, 2021):
        scored_cohort(
            CohortFactory(year=year),
            candidates=2,
            assessors=2,
            by=world.staff,
            first_code=60 + year % 10,
        )
    client.force_login(world.staff)

    # 1 session, 2 user, 3 cohorts with their selections, 4 candidates per cohort,
    # 5 submitted questionnaires per cohort, 6 submitted sheets per cohort, 7 complete panels,
    # 8 the second-factor device of the staff session (django-otp).
    with django_assert_num_queries(8):
        response = client.get(reverse("assessment_index"))

    assert len(response.context["progress"]) == 4


def test_a_year_without_a_cohort_is_not_found(client, world):
    client.force_login(world.staff)

    assert client.get(reverse("assessment_results", args=[1999])).status_code == 404


@pytest.mark.parametrize("name", ["assessment_index", "assessment_results", "assessment_export"])
@pytest.mark.parametrize("role", ["official", "assessor", "mentor", "partner"])
def test_the_staff_pages_are_refused_to_every_other_role(client, small, world, name, role):
    kwargs = {} if name == "assessment_index" else {"year": 2018}
    if name == "assessment_export":
        kwargs["fmt"] = "csv"
    client.force_login(getattr(world, role))

    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
