"""Importing a region's user survey (evaluation/survey.py): all or nothing, count shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.models_review import SurveyImport, SurveyResponse
from evaluation.survey import SurveyError, survey_import
from tests.evaluation.builders_review import open_cycle, survey_csv

pytestmark = pytest.mark.django_db


def upload(data: bytes):
    return SimpleUploadedFile("survei.csv", data, content_type="text/csv")


def test_an_import_keeps_the_respondents_and_the_mean_per_question(world):
    cycle = open_cycle(world)
    survey = survey_import(
        cycle=cycle, region=world.region, upload=upload(survey_csv([4, 5, 2])), by=world.staff
    )
    assert survey.respondents == 3
    assert survey.scores == {"IMP-S1": "3.666667"}
    assert SurveyResponse.objects.filter(survey=survey).count() == 3


def test_a_file_with_a_bad_row_keeps_nothing_and_lists_every_problem(world):
    cycle = open_cycle(world)
    survey_import(cycle=cycle, region=world.region, upload=upload(survey_csv([4])), by=world.staff)
    with pytest.raises(SurveyError) as refused:
        survey_import(
            cycle=cycle, region=world.region, upload=upload(survey_csv([4, 9, 0])), by=world.staff
        )
    assert refused.value.problems == [
        "Baris 3, kolom IMP-S1: '9' bukan jawaban 1–5.",
        "Baris 4, kolom IMP-S1: '0' bukan jawaban 1–5.",
    ]
    # The earlier import stays as it was.
    assert SurveyImport.objects.get().respondents == 1
    assert SurveyResponse.objects.count() == 1


def test_a_new_file_replaces_the_earlier_one(world):
    cycle = open_cycle(world)
    survey_import(
        cycle=cycle, region=world.region, upload=upload(survey_csv([1, 1])), by=world.staff
    )
    survey_import(cycle=cycle, region=world.region, upload=upload(survey_csv([5])), by=world.staff)
    assert SurveyImport.objects.get().scores == {"IMP-S1": "5.000000"}
    assert SurveyResponse.objects.count() == 1


def test_a_region_outside_the_cycle_is_refused(world):
    cycle = open_cycle(world)
    cycle.regions.set([world.other_region])
    with pytest.raises(SurveyError, match="tidak termasuk"):
        survey_import(
            cycle=cycle, region=world.region, upload=upload(survey_csv([3])), by=world.staff
        )
