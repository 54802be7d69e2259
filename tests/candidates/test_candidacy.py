"""A candidate's life: every move the table allows, with its history row; the moves it refuses;
the racing second move; the all-or-none bulk move of the selection; invitations."""

import pytest

from candidates.models import Candidate
from candidates.services.candidacy import (
    CandidateMoveError,
    candidate_move,
    candidates_invite,
    candidates_move,
)
from tests.factories import CandidateFactory, CohortFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Candidate.Status

ALLOWED = [(old, to) for old, targets in Candidate.MOVES.items() for to in sorted(targets)]
REFUSED = [
    (old, to)
    for old in S.values
    for to in S.values
    if to != old and to not in Candidate.MOVES.get(old, ())
]


@pytest.fixture
def staff():
    return UserFactory(username="staf-kominfo", staff=True)


def test_the_table_is_the_life_the_stages_describe():
    assert len(ALLOWED) == 7
    assert (S.INVITED, S.PARTICIPANT) in REFUSED and (S.SELECTED, S.INVITED) in REFUSED
    assert all(old not in Candidate.MOVES for old in (S.NOT_SELECTED, S.PARTICIPANT))


@pytest.mark.parametrize(("old", "to"), ALLOWED)
def test_every_allowed_move_is_made_and_recorded(staff, old, to):
    candidate = CandidateFactory(status=old)

    moved = candidate_move(candidate=candidate, to=to, by=staff, reason="alasan uji")

    assert moved.status == to and Candidate.objects.get(pk=candidate.pk).status == to
    last = candidate.history.latest()
    assert (last.status, last.history_user, last.history_change_reason) == (
        to,
        staff,
        "alasan uji",
    )


@pytest.mark.parametrize(("old", "to"), REFUSED)
def test_every_other_move_is_refused_and_changes_nothing(staff, old, to):
    candidate = CandidateFactory(status=old)
    history = candidate.history.count()

    with pytest.raises(CandidateMoveError, match="tidak dapat dipindah"):
        candidate_move(candidate=candidate, to=to, by=staff)

    assert Candidate.objects.get(pk=candidate.pk).status == old
    assert candidate.history.count() == history


def test_a_racing_second_move_from_a_stale_copy_loses(staff):
    candidate = CandidateFactory(status=S.ASSESSED)
    stale = Candidate.objects.get(pk=candidate.pk)
    candidate_move(candidate=candidate, to=S.SELECTED, by=staff)

    with pytest.raises(CandidateMoveError, match="berubah sementara"):
        candidate_move(candidate=stale, to=S.NOT_SELECTED, by=staff)

    assert Candidate.objects.get(pk=candidate.pk).status == S.SELECTED
    assert [h.status for h in candidate.history.order_by("history_id")][-1] == S.SELECTED


def test_the_reason_is_cut_to_the_history_column(staff):
    candidate = CandidateFactory(status=S.INVITED)
    candidate_move(candidate=candidate, to=S.ASSESSED, by=staff, reason="x" * 150)
    assert candidate.history.latest().history_change_reason == "x" * 100


def test_a_bulk_move_moves_every_candidate_with_a_history_row_each(staff):
    cohort = CohortFactory()
    first = CandidateFactory(cohort=cohort, status=S.INVITED)
    second = CandidateFactory(cohort=cohort, status=S.ASSESSED)
    elsewhere = CandidateFactory(cohort=CohortFactory(year=2019), status=S.ASSESSED)

    moved = candidates_move(
        candidates=Candidate.objects.filter(cohort=cohort),
        to=S.NOT_SELECTED,
        by=staff,
        reason="Penetapan 1",
    )

    assert sorted(c.pk for c in moved) == sorted([first.pk, second.pk])
    assert {c.status for c in Candidate.objects.filter(cohort=cohort)} == {S.NOT_SELECTED}
    assert Candidate.objects.get(pk=elsewhere.pk).status == S.ASSESSED
    for candidate in (first, second):
        last = candidate.history.latest()
        assert (last.status, last.history_change_reason) == (S.NOT_SELECTED, "Penetapan 1")


def test_a_bulk_move_with_one_refused_candidate_moves_none(staff):
    cohort = CohortFactory()
    undecided = CandidateFactory(cohort=cohort, status=S.ASSESSED)
    CandidateFactory(cohort=cohort, status=S.PARTICIPANT)

    with pytest.raises(CandidateMoveError, match="Peserta"):
        candidates_move(candidates=Candidate.objects.filter(cohort=cohort), to=S.SELECTED, by=staff)

    assert Candidate.objects.get(pk=undecided.pk).status == S.ASSESSED
    assert not Candidate.objects.filter(status=S.SELECTED).exists()


def test_invitations_create_invited_candidates_and_leave_existing_ones_alone():
    cohort = CohortFactory()
    new, known = RegionFactory(), RegionFactory()
    selected = CandidateFactory(cohort=cohort, region=known, status=S.SELECTED)

    invited = candidates_invite(cohort=cohort, region_ids=[new.pk, known.pk])

    assert {(c.region_id, c.status) for c in invited} == {
        (new.pk, S.INVITED),
        (known.pk, S.SELECTED),
    }
    assert Candidate.objects.get(pk=selected.pk).status == S.SELECTED
