"""The self-assessment, panel and survey pages through HTTP: they work for the right person,
and are refused to the wrong role and the wrong region."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.models_review import Panel, PanelSeat, SelfAssessment, SelfScore, SurveyImport
from evaluation.panels import panel_create, panel_seat_add
from tests.evaluation.builders_review import SELF_CODES, evaluator, indicators, open_cycle
from tests.evaluation.url_expectations_review import verification_world
from tests.smartcity.test_uploads import make_pdf

pytestmark = pytest.mark.django_db


def test_the_official_saves_an_answer_with_a_file_and_sees_the_progress(
    client, world, private_root
):
    cycle = open_cycle(world)
    indicator = indicators(cycle)["BAS-1"]
    client.force_login(world.official)
    response = client.post(
        reverse("self_score_save", args=[cycle.year, indicator.pk]),
        {
            f"i{indicator.pk}-score": "4",
            f"i{indicator.pk}-justification": "Perbup Smart City 2024 berlaku.",
            f"i{indicator.pk}-evidence_file": SimpleUploadedFile("perbup.pdf", make_pdf()),
        },
    )
    assert response.status_code == 302
    answer = SelfScore.objects.get(indicator=indicator)
    assert (answer.score, answer.evidence_type) == (4, "application/pdf")
    page = client.get(reverse("self_assessment", args=[cycle.year]))
    assert "1 dari 6 indikator sudah dinilai" in page.text
    assert "perbup.pdf" in page.text


def test_a_refused_file_comes_back_with_what_was_typed(client, world, private_root):
    cycle = open_cycle(world)
    indicator = indicators(cycle)["BAS-1"]
    client.force_login(world.official)
    response = client.post(
        reverse("self_score_save", args=[cycle.year, indicator.pk]),
        {
            f"i{indicator.pk}-score": "3",
            f"i{indicator.pk}-justification": "Penjelasan yang tidak boleh hilang",
            f"i{indicator.pk}-evidence_file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "Penjelasan yang tidak boleh hilang" in response.text
    assert "Berkas bukan PDF" in response.text
    assert not SelfScore.objects.exists()


def test_submitting_an_incomplete_self_assessment_lists_what_is_missing(client, world):
    cycle = open_cycle(world)
    client.force_login(world.official)
    response = client.post(reverse("self_assessment_submit", args=[cycle.year]))
    assert response.status_code == 200
    assert "BAS-1 belum dinilai" in response.text
    assert SelfAssessment.objects.get().status == SelfAssessment.Status.DRAFT


def test_a_submitted_self_assessment_is_read_only_for_its_official(client, world):
    cycle, _assessment, _panel = verification_world(world)
    client.force_login(world.official)
    page = client.get(reverse("self_assessment", args=[cycle.year]))
    assert "sudah diajukan" in page.text
    assert 'name="i' not in page.text  # no answer inputs


@pytest.mark.parametrize("role", ["mentor", "assessor", "partner", "evaluator", "staff"])
def test_only_officials_open_the_self_assessment_form(client, world, role):
    cycle = open_cycle(world)
    client.force_login(world.user(role))
    assert client.get(reverse("self_assessment", args=[cycle.year])).status_code == 403


def test_another_regions_official_cannot_read_or_write_this_regions_answers(client, world):
    cycle, assessment, _panel = verification_world(world)
    client.force_login(world.other_official)
    url = reverse("self_assessment_region", args=[cycle.year, world.region.code])
    assert client.get(url).status_code == 404
    answer = assessment.scores.first()
    assert client.get(reverse("self_evidence_download", args=[answer.pk])).status_code == 404


def test_an_evaluator_off_the_panel_sees_neither_panel_nor_self_assessment(client, world):
    cycle, _assessment, panel = verification_world(world)
    outsider = evaluator("evaluator-luar")
    client.force_login(outsider)
    assert client.get(reverse("evaluation_panel", args=[panel.pk])).status_code == 404
    url = reverse("self_assessment_region", args=[cycle.year, world.region.code])
    assert client.get(url).status_code == 404


def test_the_evaluator_scores_beside_the_regions_answers_then_submits(client, world):
    cycle, _assessment, panel = verification_world(world)
    client.force_login(world.evaluator)
    page = client.get(reverse("evaluation_panel", args=[panel.pk]))
    assert "https://sukoharjokab.go.id/bukti" in page.text  # the region's evidence beside
    found = indicators(cycle)
    data = {f"score_{found[c].pk}": "3" for c in SELF_CODES}
    response = client.post(
        reverse("evaluation_panel", args=[panel.pk]), {**data, "action": "submit"}
    )
    assert response.status_code == 302
    seat = PanelSeat.objects.get(evaluator=world.evaluator)
    assert seat.status == PanelSeat.Status.SUBMITTED
    assert seat.scores.count() == len(SELF_CODES)


def test_another_evaluators_scores_stay_hidden_until_ones_own_are_submitted(client, world):
    cycle, _assessment, panel = verification_world(world)
    other = PanelSeat.objects.exclude(evaluator=world.evaluator).get()
    found = indicators(cycle)
    client.force_login(other.evaluator)
    client.post(
        reverse("evaluation_panel", args=[panel.pk]),
        {
            **{f"score_{found[c].pk}": "5" for c in SELF_CODES},
            f"note_{found['BAS-1'].pk}": "Rahasia-B",
            "action": "submit",
        },
    )
    client.force_login(world.evaluator)
    assert "Rahasia-B" not in client.get(reverse("evaluation_panel", args=[panel.pk])).text


def test_a_bad_survey_file_lists_every_bad_row_over_http(client, world):
    cycle = open_cycle(world)
    client.force_login(world.staff)
    url = reverse("evaluation_survey_upload", args=[cycle.year, world.region.code])
    upload = SimpleUploadedFile("survei.csv", b"respondent_id,IMP-S1\nR1,7\nR2,3\nR2,4\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "Baris 2, kolom IMP-S1" in response.text
    assert "Baris 4, kolom respondent_id: R2 sudah ada di baris 3" in response.text
    assert not SurveyImport.objects.exists()
    good = SimpleUploadedFile("survei.csv", b"respondent_id,IMP-S1\nR1,4\nR2,3\n")
    assert client.post(url, {"file": good}).status_code == 302
    page = client.get(reverse("evaluation_verification", args=[cycle.year]))
    assert "2 responden" in page.text


@pytest.mark.parametrize("n", [1, 4])
def test_the_evaluator_home_runs_the_same_queries_however_many_panels(
    client, world, django_assert_num_queries, n
):
    cycle = open_cycle(world)
    regions = [world.region, world.other_region]
    from tests.factories import RegionFactory

    regions += [RegionFactory(code=f"35.{10 + i}", name=f"Kabupaten Uji {i}") for i in range(2)]
    cycle.regions.set(regions)
    for region in regions[:n]:
        panel = panel_create(cycle=cycle, region=region, by=world.staff)
        panel_seat_add(panel=panel, evaluator=world.evaluator, by=world.staff)
    client.force_login(world.evaluator)
    # 1. the session, 2. the user, 3. the user's institution (page header), 4. the seats with
    # panel, cycle and region and their counts (scored, to score, sheets still open).
    with django_assert_num_queries(4):
        response = client.get(reverse("evaluator_home"))
    assert response.text.count('href="/evaluasi/panel/') >= n


@pytest.mark.parametrize("n", [1, 4])
def test_the_verification_overview_runs_the_same_queries_however_many_regions(
    client, world, django_assert_num_queries, n
):
    from tests.factories import RegionFactory

    cycle = open_cycle(world)
    regions = [RegionFactory(code=f"35.{10 + i}", name=f"Kabupaten Uji {i}") for i in range(n)]
    cycle.regions.set(regions)
    for region in regions:
        panel_create(cycle=cycle, region=region, by=world.staff)
    client.force_login(world.staff)
    # 1. session, 2. user, 3. the second factor's device, 4. the cycle, 5. its regions,
    # 6. self-assessments, 7. panels with seat counts, 8. surveys, 9. survey questions.
    with django_assert_num_queries(9):
        response = client.get(reverse("evaluation_verification", args=[cycle.year]))
    assert response.text.count("Verifikasi berjalan") == n
    assert Panel.objects.count() == n


def test_the_officials_evaluation_page_leads_to_the_self_assessment_under_way(client, world):
    """The menu's *Evaluasi* is where an official finds this year's self-assessment too, begun
    or not, and once submitted reads it there (not only from the home's task list)."""
    cycle = open_cycle(world)
    region_page = reverse("evaluation:region", args=[world.region.code])
    own = reverse("self_assessment", args=[cycle.year])
    client.force_login(world.official)

    page = client.get(region_page)
    (running,) = page.context["running"]
    assert running == (cycle, None)
    assert "belum dimulai" in page.text and f'href="{own}"' in page.text
    assert "Mulai mengisi" in page.text

    SelfAssessment.objects.create(
        cycle=cycle, region=world.region, status=SelfAssessment.Status.SUBMITTED
    )
    page = client.get(region_page)
    assert "Lihat penilaian mandiri" in page.text and "Mulai mengisi" not in page.text

    # Published cycles are results, not work under way; staff and other regions see no list.
    cycle.status = cycle.Status.PUBLISHED
    cycle.save(update_fields=["status"])
    assert client.get(region_page).context["running"] == []
    cycle.status = cycle.Status.VERIFICATION
    cycle.save(update_fields=["status"])
    client.force_login(world.staff)
    page = client.get(region_page)
    assert page.context["running"] == [] and own not in page.text
    client.force_login(world.other_official)
    assert client.get(region_page).status_code == 404
