"""The admin of the assessment stage: rubric, sessions, panels with the conflict register."""

from datetime import date, time

import pytest
from django.urls import reverse

from assessment.models import (
    AssessmentSession,
    ConflictDeclaration,
    Criterion,
    InstitutionTie,
    PanelMember,
    Rubric,
)
from assessment.services.rubric import rubric_for_cohort
from portal.demo import seed_ministry_group
from tests.assessment.url_expectations_scoring import (
    another_assessor,
    candidate_of,
    score_all,
    seat_for,
)
from tests.factories import CohortFactory, InstitutionFactory, RegionFactory


@pytest.fixture
def staff_client(client, world):
    """Ministry staff with the admin permissions of the ministry group."""
    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    return client


ADD_SEAT = reverse("admin:assessment_panelmember_add")


def seat_form(candidate, assessor, **extra):
    return {"candidate": candidate.pk, "assessor": assessor.pk, "session": "", **extra}


# --- panels -------------------------------------------------------------------------------------


def test_staff_seat_an_assessor_through_the_admin(staff_client, world):
    candidate = candidate_of(world)

    response = staff_client.post(ADD_SEAT, seat_form(candidate, world.assessor))

    assert response.status_code == 302
    seat = PanelMember.objects.get()
    assert (seat.candidate, seat.assessor, seat.assigned_by) == (
        candidate,
        world.assessor,
        world.staff,
    )


def test_the_admin_panel_form_shows_the_conflict_reasons(staff_client, world):
    neighbour = RegionFactory(code="33.72", name="Kota Surakarta", city=True)
    assessor = another_assessor(home_region=neighbour)
    InstitutionTie.objects.create(
        institution=assessor.institution, region=world.region, reason="Nota kerja sama 2017"
    )

    response = staff_client.post(ADD_SEAT, seat_form(candidate_of(world), assessor))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["override_reason"]
    assert "Konflik kepentingan: Provinsi asal" in errors
    assert any("Nota kerja sama 2017" in error for error in errors)
    assert "Isi alasan pengecualian konflik" in response.text
    assert not PanelMember.objects.exists()


def test_the_admin_records_the_reason_of_an_override(staff_client, world):
    neighbour = RegionFactory(code="33.72", name="Kota Surakarta", city=True)
    assessor = another_assessor(home_region=neighbour)

    response = staff_client.post(
        ADD_SEAT,
        seat_form(candidate_of(world), assessor, override_reason="Ahli tunggal bidang data"),
    )

    assert response.status_code == 302
    assert PanelMember.objects.get().override_reason == "Ahli tunggal bidang data"


def test_the_admin_never_seats_an_assessor_on_their_home_region_even_with_a_reason(
    staff_client, world
):
    assessor = another_assessor(home_region=world.region)

    response = staff_client.post(
        ADD_SEAT,
        seat_form(candidate_of(world), assessor, override_reason="Ahli tunggal bidang data"),
    )

    assert response.status_code == 200
    assert "daerah asalnya sendiri" in response.text
    assert not PanelMember.objects.exists()


def test_the_admin_refuses_a_fifth_assessor_as_a_form_error(staff_client, world):
    candidate = candidate_of(world)
    for i in range(4):
        seat_for(world, candidate=candidate, assessor=another_assessor(f"asesor-{i}"))

    response = staff_client.post(ADD_SEAT, seat_form(candidate, world.assessor))

    assert response.status_code == 200
    assert "sudah berisi 4 asesor" in response.text
    assert candidate.panel.count() == 4


def test_the_admin_offers_only_assessors_for_a_seat(staff_client, world):
    response = staff_client.post(ADD_SEAT, seat_form(candidate_of(world), world.mentor))

    assert response.status_code == 200
    assert "assessor" in response.context["adminform"].form.errors
    assert not PanelMember.objects.exists()


def test_the_admin_moves_a_seat_to_a_session(staff_client, world):
    seat = seat_for(world)
    session = AssessmentSession.objects.create(
        cohort=world.cohort, date=date(2018, 3, 5), start=time(9), end=time(10)
    )

    response = staff_client.post(
        reverse("admin:assessment_panelmember_change", args=[seat.pk]), {"session": session.pk}
    )

    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.session, seat.candidate, seat.assessor) == (
        session,
        candidate_of(world),
        world.assessor,
    )


def test_the_admin_removes_a_draft_seat(staff_client, world):
    seat = seat_for(world)

    response = staff_client.post(
        reverse("admin:assessment_panelmember_delete", args=[seat.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not PanelMember.objects.exists()


def test_the_admin_keeps_a_seat_whose_sheet_is_submitted(staff_client, world):
    seat = seat_for(world)
    score_all(seat, submit=True)

    response = staff_client.post(
        reverse("admin:assessment_panelmember_delete", args=[seat.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert PanelMember.objects.filter(pk=seat.pk).exists()


def test_the_panel_list_flags_declared_conflicts_and_overrides(staff_client, world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    ConflictDeclaration.objects.create(
        person=world.assessor, region=world.region, reason="x", declared_by=world.assessor
    )
    url = reverse("admin:assessment_panelmember_changelist")

    flagged = staff_client.get(url, {"declared": "yes"})
    clean = staff_client.get(url, {"declared": "no"})

    assert list(flagged.context["cl"].result_list) == [seat]
    assert list(clean.context["cl"].result_list) == []


# --- the conflict register ----------------------------------------------------------------------


def test_a_declaration_in_the_admin_empties_the_draft_seat(staff_client, world):
    seat = seat_for(world)

    response = staff_client.post(
        reverse("admin:assessment_conflictdeclaration_add"),
        {"person": world.assessor.pk, "region": world.region.pk, "reason": "Keluarga di Pemda"},
        follow=True,
    )

    assert response.status_code == 200
    assert "tunjuk asesor pengganti" in response.text
    assert not PanelMember.objects.filter(pk=seat.pk).exists()
    declaration = ConflictDeclaration.objects.get()
    assert declaration.declared_by == world.staff


def test_the_declaration_page_shows_a_kept_submitted_sheet(staff_client, world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    declaration = ConflictDeclaration.objects.create(
        person=world.assessor, region=world.region, reason="x", declared_by=world.assessor
    )

    response = staff_client.get(
        reverse("admin:assessment_conflictdeclaration_change", args=[declaration.pk])
    )

    assert "2018: Diajukan" in response.text


def test_staff_register_an_institution_tie(staff_client, world):
    institution = InstitutionFactory(code="itb")

    response = staff_client.post(
        reverse("admin:assessment_institutiontie_add"),
        {"institution": institution.pk, "region": world.region.pk, "reason": "Kampus cabang"},
    )

    assert response.status_code == 302
    assert InstitutionTie.objects.get().reason == "Kampus cabang"


@pytest.mark.parametrize(
    "model", ["rubric", "assessmentsession", "panelmember", "conflictdeclaration", "institutiontie"]
)
def test_every_assessment_list_opens_and_searches(staff_client, world, model):
    seat_for(world)
    rubric_for_cohort(cohort=world.cohort)
    url = reverse(f"admin:assessment_{model}_changelist")

    assert staff_client.get(url).status_code == 200
    if model != "rubric":
        assert staff_client.get(url, {"q": "sukoharjo"}).status_code == 200


def test_the_assessor_autocomplete_offers_only_assessors(staff_client, world):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "assessment",
            "model_name": "panelmember",
            "field_name": "assessor",
            "term": "",
        },
    )

    names = {item["text"] for item in response.json()["results"]}
    assert names == {str(world.assessor)}


# --- rubric -------------------------------------------------------------------------------------


def _rubric_form(rubric, **changes):
    """The rubric's change form as the admin posts it, with changes to its first criterion."""
    criteria = list(rubric.criteria.order_by("order"))
    data = {
        "disagreement_margin": str(rubric.disagreement_margin),
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        prefix = f"criteria-{i}-"
        data |= {
            prefix + "id": c.pk,
            prefix + "rubric": rubric.pk,
            prefix + "section": c.section,
            prefix + "code": c.code,
            prefix + "order": c.order,
            prefix + "weight": str(c.weight),
            prefix + "title": c.title,
            **{prefix + f"level_{n}": level for n, level in enumerate(c.levels, 1)},
        }
    data |= {f"criteria-0-{key}": value for key, value in changes.items()}
    return data


def _with_new_criterion(rubric):
    """The rubric's form with a 13th criterion, V4, added."""
    return _rubric_form(rubric) | {
        "criteria-TOTAL_FORMS": "13",
        "criteria-12-rubric": rubric.pk,
        "criteria-12-section": "vision",
        "criteria-12-code": "V4",
        "criteria-12-order": "12",
        "criteria-12-weight": "1",
        "criteria-12-title": "Kriteria baru",
        **{f"criteria-12-level_{n}": f"Tingkat {n}" for n in range(1, 6)},
    }


def test_staff_create_a_cohorts_default_rubric_from_the_list(staff_client, world):
    listing = staff_client.get(reverse("admin:assessment_rubric_changelist"))
    assert "Buat rubrik bawaan" in listing.text and str(world.cohort) in listing.text

    response = staff_client.post(
        reverse("admin:assessment_rubric_create_default", args=[world.cohort.pk])
    )

    rubric = Rubric.objects.get(cohort=world.cohort)
    assert response.url == reverse("admin:assessment_rubric_change", args=[rubric.pk])
    assert rubric.criteria.count() == 12


def test_staff_change_a_weight_and_the_margin(staff_client, world):
    rubric = rubric_for_cohort(cohort=world.cohort)
    data = _rubric_form(rubric, weight="3.50") | {"disagreement_margin": "10"}

    response = staff_client.post(reverse("admin:assessment_rubric_change", args=[rubric.pk]), data)

    assert response.status_code == 302
    rubric.refresh_from_db()
    assert rubric.disagreement_margin == 10
    assert str(rubric.criteria.get(code="V1").weight) == "3.50"


@pytest.mark.parametrize("weight", ["0", "-1"])
def test_a_weight_must_be_above_zero(staff_client, world, weight):
    rubric = rubric_for_cohort(cohort=world.cohort)

    response = staff_client.post(
        reverse("admin:assessment_rubric_change", args=[rubric.pk]),
        _rubric_form(rubric, weight=weight),
    )

    assert response.status_code == 200
    assert "Bobot harus lebih dari 0." in response.text
    assert str(Criterion.objects.get(rubric=rubric, code="V1").weight) == "2.00"


def test_no_criterion_is_added_once_assessors_scored(staff_client, world):
    score_all(seat_for(world))
    rubric = Rubric.objects.get(cohort=world.cohort)
    data = _with_new_criterion(rubric)

    response = staff_client.post(reverse("admin:assessment_rubric_change", args=[rubric.pk]), data)

    assert response.status_code == 200
    assert "kriteria tidak dapat ditambah atau dihapus lagi" in response.text
    assert rubric.criteria.count() == 12


def test_a_scored_criterion_is_not_deleted(staff_client, world):
    score_all(seat_for(world))
    rubric = Rubric.objects.get(cohort=world.cohort)

    response = staff_client.post(
        reverse("admin:assessment_rubric_change", args=[rubric.pk]),
        _rubric_form(rubric, DELETE="on"),
    )

    assert response.status_code == 200
    assert rubric.criteria.count() == 12


def test_a_criterion_is_added_while_nobody_scored(staff_client, world):
    rubric = rubric_for_cohort(cohort=world.cohort)
    data = _with_new_criterion(rubric)

    response = staff_client.post(reverse("admin:assessment_rubric_change", args=[rubric.pk]), data)

    assert response.status_code == 302
    assert rubric.criteria.count() == 13


# --- score sheets -------------------------------------------------------------------------------


def test_a_submitted_sheet_in_the_admin_offers_reopening(staff_client, world):
    sheet = score_all(seat_for(world), submit=True)

    response = staff_client.get(reverse("admin:assessment_scoresheet_change", args=[sheet.pk]))

    assert response.status_code == 200
    assert reverse("sheet_reopen", args=[sheet.pk]) in response.text


def test_sessions_list_by_date_with_their_seat_count(staff_client, world):
    later = AssessmentSession.objects.create(
        cohort=world.cohort, date=date(2018, 3, 7), start=time(9), end=time(10)
    )
    earlier = AssessmentSession.objects.create(
        cohort=CohortFactory(year=2018), date=date(2018, 3, 5), start=time(13), end=time(14)
    )
    seat_for(world, session=earlier)

    response = staff_client.get(reverse("admin:assessment_assessmentsession_changelist"))

    assert [s.pk for s in response.context["cl"].result_list] == [earlier.pk, later.pk]
    assert response.context["cl"].result_list[0].n_seats == 1
