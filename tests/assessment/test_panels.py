"""Panels: who may sit on a candidate's panel, the conflict register, and declarations."""

from datetime import date, time

import pytest

from assessment.models import AssessmentSession, ConflictDeclaration, InstitutionTie, PanelMember
from assessment.services.panels import (
    ConflictError,
    PanelError,
    conflict_declare,
    panel_seat_remove,
    panel_seat_schedule,
)
from candidates.models import Candidate
from tests.assessment.url_expectations_scoring import (
    another_assessor,
    candidate_of,
    score_all,
    seat_for,
)
from tests.factories import CohortFactory, RegionFactory


def test_staff_seat_an_assessor_on_a_candidates_panel(world):
    seat = seat_for(world)

    assert (seat.candidate.region, seat.assessor, seat.assigned_by) == (
        world.region,
        world.assessor,
        world.staff,
    )
    assert seat.override_reason == ""


def test_a_panel_of_one_is_allowed_while_staff_build_it(world):
    seat = seat_for(world)

    assert PanelMember.objects.filter(candidate=seat.candidate).count() == 1


def test_only_assessors_sit_on_a_panel(world):
    for person in (world.mentor, world.official, world.staff, world.partner):
        with pytest.raises(PanelError, match="berperan asesor"):
            seat_for(world, candidate=candidate_of(world), assessor=person)
    assert not PanelMember.objects.exists()


def test_a_panel_takes_four_assessors_and_refuses_a_fifth(world):
    candidate = candidate_of(world)
    for i in range(4):
        seat_for(world, candidate=candidate, assessor=another_assessor(f"asesor-{i}"))

    with pytest.raises(PanelError, match="sudah berisi 4 asesor"):
        seat_for(world, candidate=candidate, assessor=another_assessor("asesor-5"))
    assert candidate.panel.count() == 4


def test_an_assessor_sits_once_on_a_panel(world):
    seat = seat_for(world)

    with pytest.raises(PanelError, match="sudah duduk"):
        seat_for(world, candidate=seat.candidate)


def test_a_session_of_another_cohort_is_refused(world):
    other_cohort = CohortFactory(year=2019)
    session = AssessmentSession.objects.create(
        cohort=other_cohort, date=date(2019, 3, 5), start=time(9), end=time(10)
    )

    with pytest.raises(PanelError, match="angkatan lain"):
        seat_for(world, session=session)


def test_a_seat_moves_to_another_session_of_its_cohort(world):
    seat = seat_for(world)
    session = AssessmentSession.objects.create(
        cohort=world.cohort, date=date(2018, 3, 5), start=time(9), end=time(10), room="R. 2"
    )

    panel_seat_schedule(seat=seat, session=session, by=world.staff)

    seat.refresh_from_db()
    assert seat.session == session
    assert seat.history.first().history_change_reason == "sesi diubah"


# --- the conflict register ---------------------------------------------------------------------


def _refused_with(world, assessor, reason_fragment):
    with pytest.raises(ConflictError) as caught:
        seat_for(world, assessor=assessor)
    assert any(reason_fragment in reason for reason in caught.value.reasons), caught.value.reasons
    assert not PanelMember.objects.exists()


def test_an_assessor_never_sits_on_their_home_regions_panel_not_even_by_override(world):
    assessor = another_assessor(home_region=world.region)

    for override_reason in ("", "Satu-satunya ahli tata kelola"):
        with pytest.raises(PanelError, match="daerah asalnya sendiri"):
            seat_for(world, assessor=assessor, override_reason=override_reason)
    assert not PanelMember.objects.exists()


def test_an_assessor_never_sits_on_a_panel_of_their_home_province(world):
    neighbour = RegionFactory(code="33.72", name="Kota Surakarta", city=True)

    _refused_with(world, another_assessor(home_region=neighbour), "Provinsi asal")


def test_an_assessor_never_sits_where_their_institution_has_a_tie(world):
    assessor = another_assessor()
    InstitutionTie.objects.create(
        institution=assessor.institution, region=world.region, reason="Kampus cabang di Sukoharjo"
    )

    _refused_with(world, assessor, "Kampus cabang di Sukoharjo")


def test_an_assessor_never_sits_where_a_conflict_was_declared(world):
    assessor = another_assessor()
    ConflictDeclaration.objects.create(
        person=assessor, region=world.region, reason="Saudara di Bappeda", declared_by=world.staff
    )

    _refused_with(world, assessor, "Saudara di Bappeda")


def test_staff_seat_a_conflicted_assessor_with_a_written_reason_kept_on_the_seat(world):
    neighbour = RegionFactory(code="33.72", name="Kota Surakarta", city=True)
    assessor = another_assessor(home_region=neighbour)

    seat = seat_for(world, assessor=assessor, override_reason="  Satu-satunya ahli tata kelola  ")

    assert seat.override_reason == "Satu-satunya ahli tata kelola"


def test_an_override_without_a_reason_is_refused(world):
    neighbour = RegionFactory(code="33.72", name="Kota Surakarta", city=True)
    assessor = another_assessor(home_region=neighbour)

    with pytest.raises(ConflictError, match="Provinsi asal"):
        seat_for(world, assessor=assessor, override_reason="   ")
    assert not PanelMember.objects.exists()


def test_a_reason_given_where_there_is_no_conflict_is_not_kept(world):
    seat = seat_for(world, override_reason="untuk berjaga-jaga")

    assert seat.override_reason == ""


# --- removing seats and declaring conflicts ----------------------------------------------------


def test_staff_remove_a_seat_while_its_sheet_is_a_draft(world):
    seat = seat_for(world)
    score_all(seat)  # a draft with scores

    panel_seat_remove(seat=seat, by=world.staff)

    assert not PanelMember.objects.exists()


def test_a_seat_with_a_submitted_sheet_cannot_be_removed(world):
    seat = seat_for(world)
    score_all(seat, submit=True)

    with pytest.raises(PanelError, match="sudah diajukan"):
        panel_seat_remove(seat=seat, by=world.staff)
    assert PanelMember.objects.filter(pk=seat.pk).exists()


def test_an_assessor_declaring_a_conflict_leaves_the_panel_while_their_sheet_is_a_draft(world):
    seat = seat_for(world)
    score_all(seat)

    outcome = conflict_declare(
        person=world.assessor,
        region=world.region,
        reason="Mantan konsultan Pemda",
        declared_by=world.assessor,
    )

    assert outcome.created and outcome.kept == []
    assert [s.candidate for s in outcome.removed] == [seat.candidate]
    assert not PanelMember.objects.filter(pk=seat.pk).exists()
    declaration = ConflictDeclaration.objects.get()
    assert (declaration.person, declaration.region, declaration.declared_by) == (
        world.assessor,
        world.region,
        world.assessor,
    )


def test_a_declaration_after_submitting_keeps_the_sheet_and_stands_for_staff(world):
    seat = seat_for(world)
    score_all(seat, submit=True)

    outcome = conflict_declare(
        person=world.assessor, region=world.region, reason="Baru tahu", declared_by=world.assessor
    )

    assert outcome.kept == [seat] and outcome.removed == []
    assert PanelMember.objects.filter(pk=seat.pk).exists()
    assert ConflictDeclaration.objects.filter(person=world.assessor, region=world.region).exists()


def test_a_second_declaration_keeps_the_first_reason(world):
    conflict_declare(
        person=world.assessor, region=world.region, reason="A", declared_by=world.staff
    )

    outcome = conflict_declare(
        person=world.assessor, region=world.region, reason="B", declared_by=world.assessor
    )

    assert not outcome.created and outcome.declaration.reason == "A"


def test_a_declaration_needs_a_reason(world):
    with pytest.raises(PanelError, match="alasan"):
        conflict_declare(
            person=world.assessor, region=world.region, reason=" ", declared_by=world.staff
        )


# --- the candidate's status follows its panel ---------------------------------------------------


def test_removing_the_last_unsubmitted_seat_completes_the_panel(world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    second = seat_for(world, candidate=seat.candidate, assessor=another_assessor("asesor-c"))
    score_all(second, submit=True)
    late = seat_for(world, candidate=seat.candidate, assessor=another_assessor())

    panel_seat_remove(seat=late, by=world.staff)

    assert Candidate.objects.get(pk=seat.candidate_id).status == Candidate.Status.ASSESSED


def test_one_submitted_sheet_is_not_a_panel_so_the_candidate_stays_invited(world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    assert Candidate.objects.get(pk=seat.candidate_id).status == Candidate.Status.INVITED

    second = seat_for(world, candidate=seat.candidate, assessor=another_assessor())
    score_all(second, submit=True)
    assert Candidate.objects.get(pk=seat.candidate_id).status == Candidate.Status.ASSESSED


def test_seating_an_assessor_on_an_assessed_candidate_sends_it_back_to_invited(world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    second = seat_for(world, candidate=seat.candidate, assessor=another_assessor("asesor-c"))
    score_all(second, submit=True)
    assert Candidate.objects.get(pk=seat.candidate_id).status == Candidate.Status.ASSESSED

    seat_for(world, candidate=seat.candidate, assessor=another_assessor())

    candidate = Candidate.objects.get(pk=seat.candidate_id)
    assert candidate.status == Candidate.Status.INVITED
    assert candidate.history.first().history_change_reason == "asesor ditambahkan"


def test_the_panel_of_a_decided_candidate_no_longer_changes(world):
    seat = seat_for(world)
    Candidate.objects.filter(pk=seat.candidate_id).update(status=Candidate.Status.SELECTED)
    seat.candidate.refresh_from_db()

    with pytest.raises(PanelError, match="sudah diputuskan"):
        seat_for(world, candidate=seat.candidate, assessor=another_assessor())
    with pytest.raises(PanelError, match="sudah diputuskan"):
        panel_seat_remove(seat=seat, by=world.staff)
