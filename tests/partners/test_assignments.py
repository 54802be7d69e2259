"""Mentor assignments through the services: capacity and conflicts from the database.

The pure algorithm has its own (property) tests in test_matching.py; these check the wiring:
what the services read from the database and hand to it, and what they refuse.
"""

import pytest

from assessment.models import ConflictDeclaration, InstitutionTie
from partners.models import MentorAssignment, MentorProfile
from partners.services.assignments import (
    AssignmentConflict,
    AssignmentError,
    assignment_add,
    assignment_confirm,
    assignment_end,
    assignment_suggest,
)
from tests.factories import CandidateFactory, CohortFactory, RegionFactory, UserFactory


def selected(world, region=None, *, cohort=None, status="selected"):
    return CandidateFactory(
        cohort=cohort or world.cohort, region=region or world.region, status=status
    )


def mentor(username, **profile):
    """A mentor of their own institution, with a profile when `profile` says anything."""
    user = UserFactory(username=username, mentor=True)
    if profile:
        MentorProfile.objects.create(user=user, **profile)
    return user


def add(world, candidate, who, **kwargs):
    return assignment_add(candidate=candidate, mentor=who, by=world.staff, **kwargs)


# --- adding by hand ------------------------------------------------------------------------


def test_a_mentor_joins_a_selected_regions_team(world):
    candidate = selected(world)

    assignment = add(world, candidate, world.mentor)

    assert assignment.candidate == candidate
    assert assignment.mentor == world.mentor
    assert assignment.assigned_by == world.staff
    assert assignment.ended_at is None
    assert assignment.history.get().history_user == world.staff


def test_a_participant_region_gets_mentors_too(world):
    assert add(world, selected(world, status="participant"), world.mentor).pk


@pytest.mark.parametrize("status", ["invited", "assessed", "not_selected"])
def test_a_region_not_in_the_programme_gets_no_mentor(world, status):
    with pytest.raises(AssignmentError, match="belum terpilih"):
        add(world, selected(world, status=status), world.mentor)
    assert not MentorAssignment.objects.exists()


@pytest.mark.parametrize("role", ["assessor", "official", "partner", "staff"])
def test_only_users_with_the_mentor_role_are_assigned(world, role):
    with pytest.raises(AssignmentError, match="berperan mentor"):
        add(world, selected(world), getattr(world, role))


def test_a_mentor_is_on_a_team_only_once(world):
    candidate = selected(world)
    add(world, candidate, world.mentor)

    with pytest.raises(AssignmentError, match="sudah ada dalam tim"):
        add(world, candidate, world.mentor)


def test_capacity_counts_assignments_in_other_cohorts(world):
    busy = mentor("sibuk", capacity=1)
    last_year = selected(world, world.other_region, cohort=CohortFactory(year=2017))
    add(world, last_year, busy)

    with pytest.raises(AssignmentError, match="kapasitas"):
        add(world, selected(world), busy)
    assert busy.mentor_assignments.count() == 1


def test_without_a_profile_a_mentor_holds_three_regions(world):
    regions = [RegionFactory(code=f"35.{i:02d}") for i in range(1, 5)]
    for region in regions[:3]:
        add(world, selected(world, region), world.mentor)

    with pytest.raises(AssignmentError, match="kapasitas"):
        add(world, selected(world, regions[3]), world.mentor)


def test_an_ended_assignment_frees_its_place(world):
    busy = mentor("sibuk", capacity=1)
    first = add(world, selected(world, world.other_region), busy)
    assignment_end(assignment=first, by=world.staff, reason="Pindah tugas")

    assert add(world, selected(world), busy).pk


# --- conflicts -----------------------------------------------------------------------------


def test_a_mentor_from_the_region_is_refused_with_the_reason(world):
    world.mentor.home_region = world.region
    world.mentor.save()

    with pytest.raises(AssignmentConflict) as caught:
        add(world, selected(world), world.mentor)

    assert caught.value.reasons == ["Daerah asal"]
    assert "alasan pengecualian" in str(caught.value)


def test_a_mentor_from_the_regions_province_is_refused(world):
    world.mentor.home_region = RegionFactory(code="33.72")
    world.mentor.save()

    with pytest.raises(AssignmentConflict, match="Provinsi asal"):
        add(world, selected(world), world.mentor)


def test_the_home_province_on_the_mentor_profile_is_a_conflict(world):
    MentorProfile.objects.create(user=world.mentor, home_province=world.region.province)

    with pytest.raises(AssignmentConflict, match="profil mentor"):
        add(world, selected(world), world.mentor)


def test_declarations_and_institution_ties_are_listed(world):
    ConflictDeclaration.objects.create(
        person=world.mentor, region=world.region, reason="Saudara kandung", declared_by=world.staff
    )
    InstitutionTie.objects.create(
        institution=world.mentor.institution, region=world.region, reason="Kampus cabang"
    )

    with pytest.raises(AssignmentConflict) as caught:
        add(world, selected(world), world.mentor)

    assert len(caught.value.reasons) == 2
    assert "Kampus cabang" in str(caught.value)
    assert "Saudara kandung" in str(caught.value)


def test_an_override_with_a_reason_assigns_and_records_it(world):
    world.mentor.home_region = world.region
    world.mentor.save()

    assignment = add(
        world, selected(world), world.mentor, override_reason="  Satu-satunya ahli ekonomi  "
    )

    assert assignment.override_reason == "Satu-satunya ahli ekonomi"


def test_a_blank_override_reason_does_not_count(world):
    world.mentor.home_region = world.region
    world.mentor.save()

    with pytest.raises(AssignmentConflict):
        add(world, selected(world), world.mentor, override_reason="   ")


def test_an_override_reason_without_a_conflict_is_not_kept(world):
    assignment = add(world, selected(world), world.mentor, override_reason="Jaga-jaga")

    assert assignment.override_reason == ""


def test_an_override_never_lifts_the_capacity(world):
    busy = mentor("sibuk", capacity=1)
    add(world, selected(world, world.other_region), busy)

    with pytest.raises(AssignmentError, match="kapasitas"):
        add(world, selected(world), busy, override_reason="Mendesak")


# --- ending --------------------------------------------------------------------------------


def test_ending_an_assignment_keeps_it_with_when_and_why(world):
    assignment = add(world, selected(world), world.mentor)

    ended = assignment_end(assignment=assignment, by=world.staff, reason="Mengundurkan diri")

    assert ended.ended_at is not None
    assert ended.end_reason == "Mengundurkan diri"
    assert MentorAssignment.objects.filter(pk=assignment.pk).exists()
    latest = ended.history.first()
    assert (latest.ended_at, latest.history_user) == (ended.ended_at, world.staff)
    assert ended.history.count() == 2


def test_an_assignment_ends_only_once(world):
    assignment = add(world, selected(world), world.mentor)
    assignment_end(assignment=assignment, by=world.staff, reason="Selesai")

    with pytest.raises(AssignmentError, match="sudah diakhiri"):
        assignment_end(assignment=assignment, by=world.staff, reason="Lagi")


def test_ending_needs_a_reason(world):
    assignment = add(world, selected(world), world.mentor)

    with pytest.raises(AssignmentError, match="alasan"):
        assignment_end(assignment=assignment, by=world.staff, reason="  ")
    assignment.refresh_from_db()
    assert assignment.ended_at is None


def test_a_mentor_can_rejoin_a_team_after_an_assignment_ended(world):
    candidate = selected(world)
    assignment_end(assignment=add(world, candidate, world.mentor), by=world.staff, reason="Cuti")

    add(world, candidate, world.mentor)

    assert candidate.mentor_assignments.count() == 2


# --- suggestions ---------------------------------------------------------------------------


def test_the_suggestion_fills_a_team_from_mentors_with_profiles(world):
    candidate = selected(world)
    a, b = mentor("m-a", capacity=2), mentor("m-b", capacity=2)
    selected(world, world.other_region, status="not_selected")

    suggestion, context = assignment_suggest(cohort=world.cohort)

    # world.mentor and world.other_mentor have no profile: they are not suggested.
    # The suggestion is keyed by candidate id, ready for assignment_confirm.
    assert sorted(suggestion.teams[candidate.pk]) == sorted([a.pk, b.pk])
    assert context.candidates == {candidate.pk: candidate}
    assert suggestion.quality().regions_covered == 1
    assert {m for _c, m in context.new_pairs(suggestion)} == {a, b}


def test_the_suggestion_counts_capacity_used_in_other_cohorts(world):
    candidate = selected(world)
    busy = mentor("sibuk", capacity=1)
    add(world, selected(world, world.other_region, cohort=CohortFactory(year=2017)), busy)
    free = [mentor(f"bebas-{i}", capacity=1) for i in range(2)]

    suggestion, context = assignment_suggest(cohort=world.cohort)

    assert context.capacity_left[busy.pk] == 0
    assert busy.pk not in suggestion.teams[candidate.pk]
    assert sorted(suggestion.teams[candidate.pk]) == sorted(m.pk for m in free)
    assert suggestion.quality().capacity_exceeded == 0


def test_the_suggestion_passes_every_kind_of_conflict_through(world):
    candidate = selected(world)
    from_region = mentor("asal", capacity=3)
    from_region.home_region = world.region
    from_region.save()
    from_province = mentor("provinsi", capacity=3, home_province=world.region.province)
    declared = mentor("deklarasi", capacity=3)
    ConflictDeclaration.objects.create(
        person=declared, region=world.region, reason="Keluarga", declared_by=world.staff
    )
    tied = mentor("terkait", capacity=3)
    InstitutionTie.objects.create(institution=tied.institution, region=world.region, reason="MoU")
    free = mentor("bebas", capacity=3)

    suggestion, context = assignment_suggest(cohort=world.cohort)

    conflicted = {from_region.pk, from_province.pk, declared.pk, tied.pk}
    assert set(context.conflicts) == {(mid, candidate.pk) for mid in conflicted}
    assert suggestion.teams[candidate.pk] == [free.pk]
    assert suggestion.unfilled[candidate.pk] == "Semua mentor yang tersisa berkonflik"
    assert suggestion.quality().conflicts == 0


def test_the_suggestion_leaves_full_teams_alone_and_keeps_existing_members(world):
    full = selected(world)
    short = selected(world, world.other_region)
    a, b, c = (mentor(name, capacity=3) for name in ("m-a", "m-b", "m-c"))
    add(world, full, a)
    add(world, full, b)
    add(world, short, a)

    suggestion, context = assignment_suggest(cohort=world.cohort)

    assert list(suggestion.teams) == [short.pk]
    assert suggestion.teams[short.pk][0] == a.pk
    assert context.existing == {short.pk: [a.pk]}
    assert context.new_pairs(suggestion) == [
        (short, context.mentors[suggestion.teams[short.pk][1]])
    ]
    # a holds 2 of 3 places: one in `full` (elsewhere) and one passed as existing.
    assert context.capacity_left[a.pk] == 2
    assert c.pk in context.mentors


@pytest.mark.parametrize("n", [1, 6])
def test_the_suggestion_reads_the_same_number_of_queries_for_any_cohort(
    world, django_assert_num_queries, n
):
    for i in range(1, n + 1):
        selected(world, RegionFactory(code=f"35.{i:02d}"))
        mentor(f"m-{i}", capacity=2)
    # 1. candidates with regions, 2. active assignments, 3. mentors with profile, institution
    # and home region, 4. declared conflicts, 5. institution ties.
    with django_assert_num_queries(5):
        suggestion, _context = assignment_suggest(cohort=world.cohort)
    assert len(suggestion.teams) == n


# --- confirming ----------------------------------------------------------------------------


def test_confirming_creates_the_missing_assignments(world):
    candidate = selected(world)
    a, b = mentor("m-a", capacity=2), mentor("m-b", capacity=2)
    add(world, candidate, a)

    created = assignment_confirm(
        cohort=world.cohort, teams={candidate.pk: [a.pk, b.pk]}, by=world.staff
    )

    assert [x.mentor for x in created] == [b]
    assert set(candidate.mentor_assignments.values_list("mentor", flat=True)) == {a.pk, b.pk}


def test_confirming_is_all_or_nothing(world):
    candidate = selected(world)
    other = selected(world, world.other_region)
    ok = mentor("m-ok", capacity=3)
    conflicted = mentor("m-konflik", capacity=3, home_province=world.other_region.province)

    with pytest.raises(AssignmentError, match="m-konflik"):
        assignment_confirm(
            cohort=world.cohort,
            teams={candidate.pk: [ok.pk], other.pk: [conflicted.pk]},
            by=world.staff,
        )
    assert not MentorAssignment.objects.exists()


def test_confirming_refuses_a_candidate_of_another_cohort(world):
    elsewhere = selected(world, cohort=CohortFactory(year=2017))

    with pytest.raises(AssignmentError, match="angkatan"):
        assignment_confirm(
            cohort=world.cohort, teams={elsewhere.pk: [world.mentor.pk]}, by=world.staff
        )


def test_confirming_a_suggestion_never_breaks_the_rules(world):
    regions = [RegionFactory(code=f"35.{i:02d}") for i in range(1, 5)]
    candidates = [selected(world, region) for region in regions]
    mentors = [mentor(f"m-{i}", capacity=2) for i in range(3)]
    home = mentors[0]
    home.home_region = regions[0]
    home.save()
    suggestion, _context = assignment_suggest(cohort=world.cohort)

    assignment_confirm(cohort=world.cohort, teams=suggestion.teams, by=world.staff)

    for m in mentors:
        assert m.mentor_assignments.count() <= 2
    # regions[0] is in home's province (35): no team there has them.
    assert not MentorAssignment.objects.filter(mentor=home, candidate__in=candidates).exists()
