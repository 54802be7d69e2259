"""A candidate's report: who sees the questionnaire, the scores, the names and the decision.

X is Kabupaten Sukoharjo (the world's official's region), scored by Ani (5,3,3 -> 75) and Budi
(4,4,4 -> 75) in the hand-computed cohort of test_results.py.
"""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Questionnaire
from assessment.services.selection import selection_make
from assessment.views import results as results_views
from tests.assessment.builders_results import assessor, sheet, small_cohort


@pytest.fixture
def small(world):
    cohort, candidates, people = small_cohort(world, quota=2)
    Questionnaire.objects.create(
        candidate=candidates[0], leader_name="Wardoyo Wijaya", leader_vision="Sukoharjo Cerdas"
    )
    return cohort, candidates, people


def select(world, small):
    _, (x, y, _), _ = small
    selection_make(
        cohort=world.cohort,
        selected_ids={x.pk, y.pk},
        letter_number="B-77/DJAI/2018",
        letter_date=datetime.date(2018, 4, 20),
        reasons={},
        by=world.staff,
    )


def report(client, user, candidate):
    client.force_login(user)
    return client.get(reverse("candidate_report", args=[candidate.pk]))


def values_of(response):
    return [(col.label, sorted(col.values.values())) for col in response.context["report"].columns]


def test_staff_see_every_score_with_the_assessors_names(client, small, world):
    x = small[1][0]

    response = report(client, world.staff, x)

    assert response.status_code == 200
    assert values_of(response) == [("Ani Lestari", [3, 3, 5]), ("Budi Santoso", [4, 4, 4])]
    assert response.context["report"].result.mean == 75.0
    assert "Wardoyo Wijaya" in response.text  # the questionnaire


def test_staff_do_not_see_the_values_of_a_draft_sheet(client, small, world):
    x = small[1][0]
    sheet(x, assessor("cara", "Cara", "Wijaya"), (1, 1, 1), by=world.staff, submitted=False)

    response = report(client, world.staff, x)

    cara = response.context["report"].columns[-1]
    assert (cara.label, cara.submitted, cara.values) == ("Cara Wijaya", False, {})
    assert "belum diajukan" in response.text


def test_the_region_sees_its_questionnaire_but_no_scores_before_the_selection(client, small, world):
    response = report(client, world.official, small[1][0])

    assert response.status_code == 200
    assert "Wardoyo Wijaya" in response.text
    assert response.context["report"].columns == []
    assert response.context["report"].result is None
    assert "setelah penetapan" in response.text
    assert "75,00" not in response.text


def test_after_the_selection_the_region_sees_its_scores_without_the_assessors_names(
    client, small, world
):
    select(world, small)

    response = report(client, world.official, small[1][0])

    assert values_of(response) == [("Asesor 1", [3, 3, 5]), ("Asesor 2", [4, 4, 4])]
    assert "Ani" not in response.text and "Budi" not in response.text
    assert "Terpilih" in response.text and "B-77/DJAI/2018" in response.text
    assert "75,00" in response.text  # the panel score


def test_an_assessor_sees_only_their_own_scores_before_the_selection(client, small, world):
    x = small[1][0]
    ani = small[2][0]

    response = report(client, ani, x)

    assert response.status_code == 200
    assert values_of(response) == [("Asesor 1 (Anda)", [3, 3, 5])]
    assert response.context["report"].result is None  # no panel mean to anchor on either
    assert "Budi" not in response.text


def test_an_assessor_sees_their_own_draft(client, small, world):
    x = small[1][0]
    cara = assessor("cara")
    sheet(x, cara, (2, 2), by=world.staff, submitted=False)

    response = report(client, cara, x)

    assert values_of(response) == [("Asesor 3 (Anda)", [2, 2])]


def test_after_the_selection_an_assessor_sees_the_whole_panel_without_names(client, small, world):
    select(world, small)

    response = report(client, small[2][0], small[1][0])

    assert values_of(response) == [("Asesor 1 (Anda)", [3, 3, 5]), ("Asesor 2", [4, 4, 4])]
    assert response.context["report"].result.rank == 1


def test_an_assessor_not_on_the_panel_gets_not_found(client, small, world):
    assert report(client, world.assessor, small[1][0]).status_code == 404


def test_another_regions_official_gets_not_found(client, small, world):
    assert report(client, world.other_official, small[1][0]).status_code == 404


def test_a_report_that_does_not_exist_is_not_found_even_for_staff(client, world):
    client.force_login(world.staff)

    assert client.get(reverse("candidate_report", args=[987654])).status_code == 404


@pytest.mark.parametrize("role", ["mentor", "other_mentor", "partner"])
def test_mentors_and_partners_are_refused(client, small, world, role):
    assert report(client, getattr(world, role), small[1][0]).status_code == 403


def test_deviation_reasons_are_shown_to_staff_only(client, small, world):
    _, (x, y, _), _ = small
    selection_make(
        cohort=world.cohort,
        selected_ids={y.pk},
        letter_number="B-78/DJAI/2018",
        letter_date=datetime.date(2018, 4, 20),
        reasons={x.pk: "Dokumen RPJMD belum sah"},
        by=world.staff,
    )

    assert "Dokumen RPJMD belum sah" in report(client, world.staff, x).text
    region_view = report(client, world.official, x)
    assert "Tidak terpilih" in region_view.text
    assert "Dokumen RPJMD belum sah" not in region_view.text


def test_the_report_falls_back_to_a_plain_questionnaire_when_its_include_is_missing(
    client, small, world, monkeypatch
):
    monkeypatch.setattr(
        results_views,
        "ANSWERS_TEMPLATES",
        ("assessment/tidak-ada.html", "assessment/results/_answers_fallback.html"),
    )

    response = report(client, world.staff, small[1][0])

    assert "Wardoyo Wijaya" in response.text and "Sukoharjo Cerdas" in response.text


def test_a_region_without_a_questionnaire_is_told_so(client, small, world):
    response = report(client, world.staff, small[1][1])

    assert "Kuesioner belum diisi" in response.text
