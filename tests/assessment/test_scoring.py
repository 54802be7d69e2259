"""Score sheets: drafts, submitting, reopening, and the candidate moving to *assessed*."""

import threading

import pytest
from django.db import connection

from assessment.models import Score, ScoreSheet
from assessment.services.rubric import rubric_for_cohort
from assessment.services.scoring import (
    ScoringError,
    SheetIncomplete,
    sheet_for_seat,
    sheet_reopen,
    sheet_save,
    sheet_submit,
)
from candidates.models import Candidate
from tests.assessment.url_expectations_scoring import another_assessor, score_all, seat_for
from tests.factories import CohortFactory


def _criteria(world):
    return list(rubric_for_cohort(cohort=world.cohort).criteria.order_by("order"))


def _status(candidate):
    return Candidate.objects.get(pk=candidate.pk).status


def test_an_assessor_keeps_a_partial_draft(world):
    seat = seat_for(world)
    first, second, *_ = _criteria(world)
    sheet = sheet_for_seat(seat=seat)

    sheet_save(
        sheet=sheet, values={first.pk: (3, " jelas "), second.pk: (5, "")}, by=world.assessor
    )

    scores = {s.criterion_id: (s.value, s.comment) for s in sheet.scores.all()}
    assert scores == {first.pk: (3, "jelas"), second.pk: (5, "")}
    assert sheet.status == ScoreSheet.Status.DRAFT


def test_saving_again_changes_and_clears_scores(world):
    seat = seat_for(world)
    first, second, *_ = _criteria(world)
    sheet = sheet_for_seat(seat=seat)
    sheet_save(sheet=sheet, values={first.pk: (3, ""), second.pk: (5, "")}, by=world.assessor)

    sheet_save(
        sheet=sheet, values={first.pk: (2, "turun"), second.pk: (None, "")}, by=world.assessor
    )

    assert list(sheet.scores.values_list("criterion_id", "value", "comment")) == [
        (first.pk, 2, "turun")
    ]


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_score_outside_one_to_five_is_refused(world, value):
    sheet = sheet_for_seat(seat=seat_for(world))
    criterion = _criteria(world)[0]

    with pytest.raises(ScoringError, match="1–5"):
        sheet_save(sheet=sheet, values={criterion.pk: (value, "")}, by=world.assessor)


def test_a_criterion_of_another_cohorts_rubric_is_refused(world):
    sheet = sheet_for_seat(seat=seat_for(world))
    foreign = rubric_for_cohort(cohort=CohortFactory(year=2019)).criteria.first()

    with pytest.raises(ScoringError, match="tidak dikenal"):
        sheet_save(sheet=sheet, values={foreign.pk: (3, "")}, by=world.assessor)


def test_only_the_seats_assessor_writes_its_sheet(world):
    seat = seat_for(world)
    other = another_assessor()
    seat_for(world, candidate=seat.candidate, assessor=other)
    sheet = sheet_for_seat(seat=seat)

    with pytest.raises(ScoringError, match="pemilik kursi"):
        sheet_save(sheet=sheet, values={_criteria(world)[0].pk: (3, "")}, by=other)
    with pytest.raises(ScoringError, match="pemilik kursi"):
        sheet_submit(sheet=sheet, by=world.staff)


def test_submitting_needs_every_criterion_and_names_the_missing_ones(world):
    seat = seat_for(world)
    criteria = _criteria(world)
    sheet = sheet_for_seat(seat=seat)
    sheet_save(sheet=sheet, values={c.pk: (4, "") for c in criteria[:-2]}, by=world.assessor)

    with pytest.raises(SheetIncomplete) as caught:
        sheet_submit(sheet=sheet, by=world.assessor)

    assert caught.value.missing == criteria[-2:]
    assert "P2 Kelembagaan" in str(caught.value) and "P3 Kesiapan" in str(caught.value)
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.DRAFT


def test_a_submitted_sheet_is_frozen_and_recorded(world):
    sheet = score_all(seat_for(world), submit=True)

    assert sheet.status == ScoreSheet.Status.SUBMITTED and sheet.submitted_at is not None
    record = sheet.history.first()
    assert (record.history_change_reason, record.history_user) == ("diajukan", world.assessor)
    with pytest.raises(ScoringError, match="sudah diajukan"):
        sheet_save(sheet=sheet, values={_criteria(world)[0].pk: (1, "")}, by=world.assessor)
    assert set(sheet.scores.values_list("value", flat=True)) == {4}


def test_of_two_racing_submits_only_one_wins(world):
    sheet = score_all(seat_for(world))
    stale = ScoreSheet.objects.get(pk=sheet.pk)  # the second click's copy, loaded as a draft

    sheet_submit(sheet=sheet, by=world.assessor)
    with pytest.raises(ScoringError, match="sudah diajukan"):
        sheet_submit(sheet=stale, by=world.assessor)

    assert sheet.history.filter(history_change_reason="diajukan").count() == 1


def test_the_candidate_is_assessed_once_every_seat_has_submitted(world):
    first = seat_for(world)
    second = seat_for(world, candidate=first.candidate, assessor=another_assessor())

    score_all(first, submit=True)
    assert _status(first.candidate) == Candidate.Status.INVITED
    score_all(second, submit=True)

    assert _status(first.candidate) == Candidate.Status.ASSESSED
    assert first.candidate.history.first().history_change_reason == "semua lembar nilai diajukan"


def test_a_seat_never_opened_keeps_the_candidate_invited(world):
    first = seat_for(world)
    seat_for(world, candidate=first.candidate, assessor=another_assessor())  # no sheet yet

    score_all(first, submit=True)

    assert _status(first.candidate) == Candidate.Status.INVITED


@pytest.mark.django_db(transaction=True)
def test_two_assessors_submitting_the_last_sheets_at_once_still_complete_the_panel(world):
    first = seat_for(world)
    second = seat_for(world, candidate=first.candidate, assessor=another_assessor())
    sheets = [score_all(first), score_all(second)]
    barrier = threading.Barrier(2)
    errors = []

    def submit(sheet):
        try:
            barrier.wait()
            sheet_submit(sheet=sheet, by=sheet.seat.assessor)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(sheet,)) for sheet in sheets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert _status(first.candidate) == Candidate.Status.ASSESSED


# --- reopening ----------------------------------------------------------------------------------


def test_staff_reopen_a_submitted_sheet_with_a_reason(world):
    sheet = score_all(seat_for(world), submit=True)

    sheet_reopen(sheet=sheet, by=world.staff, reason="Nilai S2 salah ketik")

    sheet.refresh_from_db()
    assert (sheet.status, sheet.reopened_reason, sheet.submitted_at) == (
        ScoreSheet.Status.DRAFT,
        "Nilai S2 salah ketik",
        None,
    )
    record = sheet.history.first()
    assert record.history_user == world.staff
    assert record.history_change_reason == "dibuka kembali: Nilai S2 salah ketik"
    assert Score.objects.filter(sheet=sheet).count() == 12  # the scores stay to be corrected


def test_reopening_sends_an_assessed_candidate_back_to_invited(world):
    sheet = score_all(seat_for(world), submit=True)
    candidate = sheet.seat.candidate
    score_all(seat_for(world, candidate=candidate, assessor=another_assessor()), submit=True)
    assert _status(candidate) == Candidate.Status.ASSESSED

    sheet_reopen(sheet=sheet, by=world.staff, reason="Periksa ulang")

    assert _status(candidate) == Candidate.Status.INVITED
    sheet_submit(sheet=sheet, by=world.assessor)
    assert _status(candidate) == Candidate.Status.ASSESSED


def test_only_staff_reopen_a_sheet(world):
    sheet = score_all(seat_for(world), submit=True)

    for person in (world.assessor, world.official, world.mentor):
        with pytest.raises(ScoringError, match="Hanya staf"):
            sheet_reopen(sheet=sheet, by=person, reason="tolong")


def test_reopening_needs_a_reason(world):
    sheet = score_all(seat_for(world), submit=True)

    with pytest.raises(ScoringError, match="alasan"):
        sheet_reopen(sheet=sheet, by=world.staff, reason="  ")


def test_a_draft_cannot_be_reopened(world):
    sheet = score_all(seat_for(world))

    with pytest.raises(ScoringError, match="belum diajukan"):
        sheet_reopen(sheet=sheet, by=world.staff, reason="?")


def test_sheets_stay_frozen_once_the_selection_decided(world):
    sheet = score_all(seat_for(world), submit=True)
    Candidate.objects.filter(pk=sheet.seat.candidate_id).update(status=Candidate.Status.SELECTED)

    with pytest.raises(ScoringError, match="sudah diputuskan"):
        sheet_reopen(sheet=sheet, by=world.staff, reason="terlambat")


def test_a_draft_is_neither_saved_nor_submitted_once_the_selection_decided(world):
    sheet = score_all(seat_for(world))
    Candidate.objects.filter(pk=sheet.seat.candidate_id).update(status=Candidate.Status.SELECTED)
    sheet.seat.candidate.refresh_from_db()

    with pytest.raises(ScoringError, match="sudah diputuskan"):
        sheet_save(sheet=sheet, values={_criteria(world)[0].pk: (1, "")}, by=world.assessor)
    with pytest.raises(ScoringError, match="sudah diputuskan"):
        sheet_submit(sheet=sheet, by=world.assessor)
