"""The scoring workspace over HTTP: the assessor's home, the sheet page, declaring a conflict,
and staff reopening a sheet. Each page: it works, and it is refused to the wrong people."""

from datetime import date, time

import pytest
from django.urls import reverse

from assessment.models import (
    AssessmentSession,
    ConflictDeclaration,
    PanelMember,
    Questionnaire,
    Rubric,
    ScoreSheet,
)
from assessment.services.rubric import rubric_for_cohort
from candidates.models import Candidate
from tests.assessment.url_expectations_scoring import (
    another_assessor,
    candidate_of,
    score_all,
    seat_for,
)
from tests.factories import RegionFactory


def sheet_url(candidate):
    return reverse("scoring_sheet", args=[candidate.pk])


def submitted_questionnaire(candidate, **answers):
    return Questionnaire.objects.create(
        candidate=candidate, status=Questionnaire.Status.SUBMITTED, **answers
    )


def all_scores(world, value="4"):
    return {f"score_{c.pk}": value for c in rubric_for_cohort(cohort=world.cohort).criteria.all()}


# --- the assessor's home ------------------------------------------------------------------------


def test_the_assessors_home_lists_the_candidates_of_their_panels(client, world):
    session = AssessmentSession.objects.create(
        cohort=world.cohort, date=date(2018, 3, 6), start=time(9), end=time(10), room="Ruang Garuda"
    )
    seat = seat_for(world, session=session)
    submitted_questionnaire(seat.candidate)
    client.force_login(world.assessor)

    response = client.get(reverse("assessor_home"))

    assert response.status_code == 200
    assert "Kabupaten Sukoharjo" in response.text and sheet_url(seat.candidate) in response.text
    assert "6 Mar 2018" in response.text and "09.00–10.00" in response.text
    assert "Ruang Garuda" in response.text
    assert "Diajukan" in response.text  # the questionnaire's status
    assert "Perlu dinilai" in response.text  # no sheet yet


def test_the_assessors_home_lists_only_their_own_seats(client, world):
    seat_for(world)
    bandung = candidate_of(world, region=world.other_region)
    seat_for(world, candidate=bandung, assessor=another_assessor())
    client.force_login(world.assessor)

    response = client.get(reverse("assessor_home"))

    assert "Kabupaten Sukoharjo" in response.text
    assert "Kota Bandung" not in response.text


@pytest.mark.parametrize("n", [1, 8])
def test_the_assessors_home_runs_the_same_queries_for_one_or_many_seats(
    client, world, django_assert_num_queries, n
):
    for i in range(1, n + 1):
        region = RegionFactory(code=f"35.{i:02d}", name=f"Kabupaten Uji {i}")
        seat = seat_for(world, candidate=candidate_of(world, region=region))
        submitted_questionnaire(seat.candidate)
        if i % 2:
            score_all(seat, submit=i % 4 == 1)
    client.force_login(world.assessor)

    # 1. the session, 2. the user, 3. the seats with candidate, region, cohort, questionnaire,
    # session and sheet in one join, 4. the user's institution (page header), 5. the cohorts
    # in assessment.
    with django_assert_num_queries(5):
        response = client.get(reverse("assessor_home"))

    # Each seat is listed once; the unscored ones are also tasks at the top.
    assert response.text.count("js-seat") == n


# --- the sheet page -----------------------------------------------------------------------------


def test_the_sheet_shows_the_answers_beside_the_rubric(client, world):
    seat = seat_for(world)
    submitted_questionnaire(seat.candidate, leader_name="Wardoyo Wijaya", ict_staff=42)
    client.force_login(world.assessor)

    response = client.get(sheet_url(seat.candidate))

    assert response.status_code == 200
    assert "Wardoyo Wijaya" in response.text and "42" in response.text
    assert "Visi smart city selaras dengan visi-misi daerah (RPJMD)" in response.text
    assert "Jelas, terukur, dan sudah dijabarkan ke program" in response.text  # a level label
    assert response.text.count('type="radio"') == 12 * 5
    assert "Simpan draf" in response.text and "Ajukan" in response.text


def test_opening_a_sheet_creates_the_cohorts_default_rubric(client, world):
    seat = seat_for(world)
    client.force_login(world.assessor)

    client.get(sheet_url(seat.candidate))

    assert Rubric.objects.get(cohort=world.cohort).criteria.count() == 12
    assert ScoreSheet.objects.filter(seat=seat).exists()


def test_a_draft_questionnaire_is_not_shown_to_assessors(client, world):
    seat = seat_for(world)
    Questionnaire.objects.create(candidate=seat.candidate, leader_name="Masih Draf")
    client.force_login(world.assessor)

    response = client.get(sheet_url(seat.candidate))

    assert "Masih Draf" not in response.text
    assert "belum mengajukan kuesioner" in response.text


def test_an_assessor_gets_404_for_a_candidate_not_on_their_panel(client, world):
    seat_for(world)
    bandung = candidate_of(world, region=world.other_region)
    seat_for(world, candidate=bandung, assessor=another_assessor())
    client.force_login(world.assessor)

    assert client.get(sheet_url(bandung)).status_code == 404
    assert client.get(reverse("scoring_sheet", args=[999_999])).status_code == 404


def test_another_assessor_of_the_same_panel_never_sees_my_sheet(client, world):
    mine = seat_for(world)
    score_all(mine, value=2, comment="RAHASIA-ASESOR-A")
    other = another_assessor()
    seat_for(world, candidate=mine.candidate, assessor=other)
    client.force_login(other)

    response = client.get(sheet_url(mine.candidate))

    assert response.status_code == 200
    assert "RAHASIA-ASESOR-A" not in response.text
    assert "checked" not in response.text  # their own sheet is empty


def test_an_assessor_never_sees_their_home_region_even_with_a_seat_from_before_they_moved(
    client, world
):
    seat = seat_for(world)  # seated while living elsewhere
    Questionnaire.objects.create(candidate=seat.candidate, status=Questionnaire.Status.SUBMITTED)
    client.force_login(world.assessor)
    assert sheet_url(seat.candidate) in client.get(reverse("home"), follow=True).text

    world.assessor.home_region = world.region
    world.assessor.save(update_fields=["home_region"])

    assert client.get(sheet_url(seat.candidate)).status_code == 404
    assert client.get(reverse("questionnaire", args=[seat.candidate.pk])).status_code == 404
    assert sheet_url(seat.candidate) not in client.get(reverse("home"), follow=True).text


def test_an_assessor_without_a_seat_gets_404(client, world):
    seat = seat_for(world)
    client.force_login(another_assessor())

    assert client.get(sheet_url(seat.candidate)).status_code == 404


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "partner"])
def test_other_roles_are_refused_the_sheet(client, world, role):
    seat = seat_for(world)
    client.force_login(world.user(role))

    assert client.get(sheet_url(seat.candidate)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    seat = seat_for(world)

    response = client.get(sheet_url(seat.candidate))

    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_assessor_saves_a_partial_draft(client, world):
    seat = seat_for(world)
    first = rubric_for_cohort(cohort=world.cohort).criteria.order_by("order").first()
    client.force_login(world.assessor)

    response = client.post(
        sheet_url(seat.candidate),
        {f"score_{first.pk}": "3", f"comment_{first.pk}": "Cukup jelas", "action": "save"},
        follow=True,
    )

    assert "Draf tersimpan" in response.text
    sheet = ScoreSheet.objects.get(seat=seat)
    assert sheet.status == ScoreSheet.Status.DRAFT
    assert list(sheet.scores.values_list("value", "comment")) == [(3, "Cukup jelas")]
    assert "1 dari 12 kriteria sudah dinilai" in response.text


def test_a_comment_without_a_score_is_explained(client, world):
    seat = seat_for(world)
    first = rubric_for_cohort(cohort=world.cohort).criteria.order_by("order").first()
    client.force_login(world.assessor)

    response = client.post(
        sheet_url(seat.candidate), {f"comment_{first.pk}": "Catatan", "action": "save"}
    )

    assert response.status_code == 200
    assert "Pilih nilai agar catatan ini dapat disimpan" in response.text


def test_submitting_an_incomplete_sheet_lists_the_missing_criteria_and_keeps_the_draft(
    client, world
):
    seat = seat_for(world)
    data = all_scores(world)
    p3 = rubric_for_cohort(cohort=world.cohort).criteria.get(code="P3")
    del data[f"score_{p3.pk}"]
    client.force_login(world.assessor)

    response = client.post(sheet_url(seat.candidate), {**data, "action": "submit"})

    assert response.status_code == 200
    assert "Belum dinilai: P3 Kesiapan masyarakat dan perencanaan." in response.text
    sheet = ScoreSheet.objects.get(seat=seat)
    assert sheet.status == ScoreSheet.Status.DRAFT and sheet.scores.count() == 11


def test_submitting_a_complete_sheet_freezes_it_read_only(client, world):
    seat = seat_for(world)
    score_all(seat_for(world, candidate=seat.candidate, assessor=another_assessor()), submit=True)
    client.force_login(world.assessor)

    response = client.post(
        sheet_url(seat.candidate), {**all_scores(world, "5"), "action": "submit"}, follow=True
    )

    assert "Lembar nilai diajukan" in response.text
    assert 'type="radio"' not in response.text and "Simpan draf" not in response.text
    assert "Sangat baik" in response.text  # V3 at level 5, shown with its description
    assert ScoreSheet.objects.get(seat=seat).status == ScoreSheet.Status.SUBMITTED
    assert Candidate.objects.get(pk=seat.candidate_id).status == Candidate.Status.ASSESSED


def test_a_submitted_sheet_refuses_changes(client, world):
    seat = seat_for(world)
    score_all(seat, value=4, submit=True)
    client.force_login(world.assessor)

    response = client.post(
        sheet_url(seat.candidate), {**all_scores(world, "1"), "action": "save"}, follow=True
    )

    assert "tidak dapat diubah lagi" in response.text
    assert set(ScoreSheet.objects.get(seat=seat).scores.values_list("value", flat=True)) == {4}


def test_once_the_selection_decided_an_unsubmitted_sheet_is_only_read(client, world):
    seat = seat_for(world)
    score_all(seat, value=3)
    Candidate.objects.filter(pk=seat.candidate_id).update(status=Candidate.Status.NOT_SELECTED)
    client.force_login(world.assessor)

    page = client.get(sheet_url(seat.candidate)).text
    response = client.post(
        sheet_url(seat.candidate), {**all_scores(world, "5"), "action": "submit"}
    )

    assert "Ditutup" in page and 'type="radio"' not in page
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(seat=seat)
    assert sheet.status == ScoreSheet.Status.DRAFT
    assert set(sheet.scores.values_list("value", flat=True)) == {3}


# --- declaring a conflict -----------------------------------------------------------------------


def test_an_assessor_declares_a_conflict_and_leaves_the_panel(client, world):
    seat = seat_for(world)
    client.force_login(world.assessor)

    response = client.post(
        reverse("scoring_conflict", args=[seat.candidate_id]),
        {"reason": "Istri bekerja di Bappeda"},
    )

    assert response.status_code == 302 and response.url == reverse("assessor_home")
    assert not PanelMember.objects.filter(pk=seat.pk).exists()
    assert ConflictDeclaration.objects.get().reason == "Istri bekerja di Bappeda"
    assert client.get(sheet_url(seat.candidate)).status_code == 404


def test_a_conflict_declared_after_submitting_keeps_the_sheet(client, world):
    seat = seat_for(world)
    score_all(seat, submit=True)
    client.force_login(world.assessor)

    response = client.post(
        reverse("scoring_conflict", args=[seat.candidate_id]),
        {"reason": "Baru teringat"},
        follow=True,
    )

    assert "tetap tersimpan" in response.text
    assert PanelMember.objects.filter(pk=seat.pk).exists()
    assert ConflictDeclaration.objects.filter(person=world.assessor).exists()


def test_a_conflict_needs_a_reason(client, world):
    seat = seat_for(world)
    client.force_login(world.assessor)

    client.post(reverse("scoring_conflict", args=[seat.candidate_id]), {"reason": ""})

    assert PanelMember.objects.filter(pk=seat.pk).exists()
    assert not ConflictDeclaration.objects.exists()


def test_a_conflict_is_declared_only_on_ones_own_panel(client, world):
    seat = seat_for(world)
    client.force_login(another_assessor())

    response = client.post(reverse("scoring_conflict", args=[seat.candidate_id]), {"reason": "x"})

    assert response.status_code == 404
    assert not ConflictDeclaration.objects.exists()


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "partner"])
def test_other_roles_cannot_declare_an_assessors_conflict(client, world, role):
    seat = seat_for(world)
    client.force_login(world.user(role))

    response = client.post(reverse("scoring_conflict", args=[seat.candidate_id]), {"reason": "x"})

    assert response.status_code == 403


# --- staff reopen a sheet -----------------------------------------------------------------------


def test_staff_reopen_a_sheet_and_its_assessor_can_edit_again(client, world):
    seat = seat_for(world)
    sheet = score_all(seat, submit=True)
    client.force_login(world.staff)

    response = client.post(
        reverse("sheet_reopen", args=[sheet.pk]), {"reason": "Periksa I2", "next": "/asesmen/"}
    )

    assert response.status_code == 302 and response.url == "/asesmen/"
    sheet.refresh_from_db()
    assert (sheet.status, sheet.reopened_reason) == (ScoreSheet.Status.DRAFT, "Periksa I2")
    client.force_login(world.assessor)
    page = client.get(sheet_url(seat.candidate)).text
    assert "Periksa I2" in page and 'type="radio"' in page


def test_the_reopen_page_says_what_changes_before_anything_does(client, world):
    seat = seat_for(world)
    sheet = score_all(seat, submit=True)
    seat.candidate.status = "assessed"  # as if the whole panel had submitted
    seat.candidate.save()
    client.force_login(world.staff)

    response = client.get(reverse("sheet_reopen", args=[sheet.pk]), {"next": "/asesmen/"})

    text = " ".join(response.text.split())
    reopened = "Lembar nilai asesor-a untuk Kabupaten Sukoharjo (33.11) dibuka kembali"
    assert f"{reopened}; alasan wajib." in text
    assert "Kabupaten Sukoharjo kembali berstatus Diundang" in text
    assert 'name="next" value="/asesmen/"' in text
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.SUBMITTED


def test_reopening_without_a_reason_changes_nothing_and_says_why(client, world):
    sheet = score_all(seat_for(world), submit=True)
    client.force_login(world.staff)

    response = client.post(reverse("sheet_reopen", args=[sheet.pk]), {"reason": ""})

    assert response.status_code == 200
    assert "Tuliskan alasan membuka kembali lembar nilai." in response.text
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.SUBMITTED


def test_a_draft_sheet_is_not_offered_for_reopening(client, world):
    sheet = score_all(seat_for(world), submit=False)
    client.force_login(world.staff)

    response = client.get(reverse("sheet_reopen", args=[sheet.pk]), follow=True)

    assert "Lembar nilai ini belum diajukan." in response.text
    assert 'name="reason"' not in response.text


def test_reopening_ignores_an_outside_next_address(client, world):
    sheet = score_all(seat_for(world), submit=True)
    client.force_login(world.staff)

    response = client.post(
        reverse("sheet_reopen", args=[sheet.pk]), {"reason": "x", "next": "https://evil.test/"}
    )

    assert response.url == reverse("admin:assessment_scoresheet_change", args=[sheet.pk])


@pytest.mark.parametrize("role", ["assessor", "official", "mentor", "partner"])
def test_only_staff_reopen_sheets(client, world, role):
    sheet = score_all(seat_for(world), submit=True)
    client.force_login(world.user(role))

    response = client.post(reverse("sheet_reopen", args=[sheet.pk]), {"reason": "x"})

    assert response.status_code == 403
    assert client.get(reverse("sheet_reopen", args=[sheet.pk])).status_code == 403
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.SUBMITTED


def test_reopening_a_missing_sheet_is_404(client, world):
    client.force_login(world.staff)

    assert client.post(reverse("sheet_reopen", args=[999_999]), {"reason": "x"}).status_code == 404
