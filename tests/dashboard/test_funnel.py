"""The funnel counts what happened, stage by stage, from each stage's records: pinned against a
cohort built as the stages build it (tests/dashboard/builders.py), and its rule as a property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from candidates.models import Candidate
from dashboard.funnel import (
    Facts,
    QuickWinState,
    Stage,
    funnel,
    quick_win_counts,
    quick_wins,
    stage_rows,
    stages_reached,
    tracks,
)
from dashboard.regions import Scope, places
from masterplan.models import Plan
from masterplan.services.followup import quick_wins_visible_to
from tests.dashboard.builders import Expected, build_cohort, regions_in

pytestmark = pytest.mark.django_db


def counts(scope=None):
    found = tracks(places=places(), scope=scope or Scope())
    return {step.stage: step.count for step in funnel(found)}


# --- the rule, pure --------------------------------------------------------------------------

# Each stage implies the ones before it on its own path (the stages' own rules).
IMPLIES = {
    Stage.ASSESSED: Stage.INVITED,
    Stage.SELECTED: Stage.ASSESSED,
    Stage.MOU: Stage.SELECTED,
    Stage.QUESTIONNAIRE: Stage.INVITED,
    Stage.MENTORED: Stage.INVITED,
    Stage.PLAN_SUBMITTED: Stage.INVITED,
    Stage.ENDORSED: Stage.PLAN_SUBMITTED,
    Stage.APPROVED: Stage.ENDORSED,
    Stage.ENACTED: Stage.APPROVED,
}

facts = st.builds(
    Facts,
    screened=st.booleans(),
    candidate=st.booleans(),
    statuses=st.frozensets(st.sampled_from(Candidate.Status.values)),
    questionnaire_submitted=st.booleans(),
    seats=st.integers(0, 4),
    sheets_submitted=st.integers(0, 4),
    mou_signed=st.booleans(),
    mentored=st.booleans(),
    plan_status=st.sampled_from(["", *Plan.Status.values]),
    plan_versions=st.integers(0, 3),
    plan_events=st.frozensets(st.sampled_from(Plan.Status.values)),
)


@given(facts)
def test_a_stage_reached_implies_the_stages_before_it_on_its_path(f):
    reached = stages_reached(f)
    for stage, before in IMPLIES.items():
        if stage in reached:
            assert before in reached, (stage, before, f)


@given(facts)
def test_nothing_but_screening_is_counted_without_a_candidacy(f):
    if not f.candidate:
        assert stages_reached(f) <= {Stage.SCREENED}


def test_a_participant_counts_as_invited_assessed_and_selected_without_sheets():
    reached = stages_reached(Facts(candidate=True, statuses=frozenset({"participant"})))
    assert {Stage.INVITED, Stage.ASSESSED, Stage.SELECTED, Stage.MOU} <= reached


def test_a_panel_counts_as_assessed_only_with_two_seats_all_submitted():
    assessed = Stage.ASSESSED
    assert assessed in stages_reached(Facts(candidate=True, seats=2, sheets_submitted=2))
    assert assessed not in stages_reached(Facts(candidate=True, seats=2, sheets_submitted=1))
    assert assessed not in stages_reached(Facts(candidate=True, seats=1, sheets_submitted=1))


def test_a_plan_sent_back_for_revision_still_counts_as_submitted_and_endorsed_once_it_was():
    reached = stages_reached(
        Facts(candidate=True, plan_status="revision", plan_events=frozenset({"endorsed"}))
    )
    assert {Stage.PLAN_SUBMITTED, Stage.ENDORSED} <= reached
    assert Stage.APPROVED not in reached


# --- pinned against a built cohort ------------------------------------------------------------


def test_each_stage_counts_what_the_records_say(world):
    build_cohort(world.staff)
    e = Expected()
    assert counts() == {
        Stage.SCREENED: e.screened,
        Stage.INVITED: e.invited,
        Stage.QUESTIONNAIRE: e.questionnaire,
        Stage.ASSESSED: e.assessed,
        Stage.SELECTED: e.selected,
        Stage.MOU: e.mou,
        Stage.MENTORED: e.mentored,
        Stage.PLAN_SUBMITTED: e.plan_submitted,
        Stage.ENDORSED: e.endorsed,
        Stage.APPROVED: e.approved,
        Stage.ENACTED: e.enacted,
    }


def test_the_funnel_is_cumulative_not_the_current_status(world):
    built = build_cohort(world.staff)
    # Now: 4 participants, 1 selected, 7 not selected; nobody is "invited" or "assessed" now.
    now = sorted(Candidate.objects.filter(cohort=built.cohort).values_list("status", flat=True))
    assert now == ["not_selected"] * 7 + ["participant"] * 4 + ["selected"]
    assert counts()[Stage.INVITED] == 12
    assert counts()[Stage.ASSESSED] == 10
    assert counts()[Stage.SELECTED] == 5


def test_conversion_is_from_the_previous_stage(world):
    build_cohort(world.staff)
    steps = {s.stage: s for s in funnel(tracks(places=places(), scope=Scope()))}
    assert steps[Stage.SCREENED].conversion is None
    assert steps[Stage.INVITED].conversion == 12 / 20
    assert steps[Stage.SELECTED].conversion == 5 / 10
    assert steps[Stage.MOU].conversion == 4 / 5


def test_a_province_counts_only_its_regions(world):
    build_cohort(world.staff)  # the first ranked are Jawa Tengah's ten, then Sulawesi Selatan's
    jateng = counts(Scope(province="33"))
    sulsel = counts(Scope(province="73"))
    assert jateng[Stage.SCREENED] == sulsel[Stage.SCREENED] == 10
    assert (jateng[Stage.INVITED], sulsel[Stage.INVITED]) == (10, 2)
    assert (jateng[Stage.SELECTED], sulsel[Stage.SELECTED]) == (5, 0)


def test_all_cohorts_count_a_region_once_and_each_cohort_on_its_own(world):
    build_cohort(world.staff, year=2018)
    # 2019: the same pool again (the 2018 participants are excluded from screening by rule).
    build_cohort(
        world.staff,
        year=2019,
        regions=regions_in("33", 10) + regions_in("73", 10),
        invited=8,
        questionnaires=6,
        assessed=6,
        selected=4,
        signed=4,
    )
    all_steps = {
        s.stage: s
        for s in funnel(tracks(places=places(), scope=Scope()), cohort_years=[2018, 2019])
    }
    invited = all_steps[Stage.INVITED]
    assert invited.by_cohort == {2018: 12, 2019: 8}
    invited_in = {
        year: {
            row.place.code
            for row in stage_rows(
                tracks(places=places(), scope=Scope(cohort_year=year)), Stage.INVITED
            )
        }
        for year in (2018, 2019)
    }
    assert invited_in[2018] & invited_in[2019]  # regions invited twice…
    assert invited.count == len(invited_in[2018] | invited_in[2019])  # …count once
    assert all_steps[Stage.SELECTED].count == 9


def test_the_list_behind_a_figure_is_the_regions_that_reached_it(world):
    built = build_cohort(world.staff)
    rows = stage_rows(tracks(places=places(), scope=Scope()), Stage.MOU)
    assert [r.place.code for r in rows] == sorted(c.region.code for c in built.signed)
    assert all(r.cohorts == [2018] and r.latest.status == "participant" for r in rows)


def test_quick_wins_are_on_track_lagging_or_done_by_the_follow_up_rule(world):
    build_cohort(world.staff)
    found = quick_wins(quick_wins_visible_to(world.staff), places=places(), scope=Scope())
    assert quick_win_counts(found) == {
        QuickWinState.ON_TRACK: 1,
        QuickWinState.LAGGING: 1,
        QuickWinState.DONE: 1,
    }
    by_name = {q.row.programme.name: q.state for q in found}
    assert by_name["Quick win terlambat"] == QuickWinState.LAGGING
    assert by_name["Quick win selesai"] == QuickWinState.DONE
