"""The region's self-assessment (evaluation/self_assessment.py): answers, evidence, freeze."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from evaluation.models import Cycle
from evaluation.models_review import SelfAssessment
from evaluation.review_access import own_self_assessment, self_assessment_for_user
from evaluation.self_assessment import (
    SelfAssessmentError,
    SelfAssessmentIncomplete,
    self_assessment_submit,
    self_score_save,
)
from tests.evaluation.builders_review import SELF_CODES, indicators, open_cycle
from tests.smartcity.test_uploads import make_pdf

pytestmark = pytest.mark.django_db


def answer_all(assessment, world, score=2, **kw):
    found = indicators(assessment.cycle)
    for code in SELF_CODES:
        self_score_save(
            assessment=assessment, indicator=found[code], score=score, by=world.official, **kw
        )


def test_an_official_opens_only_their_own_regions_self_assessment(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    assert assessment.region == world.region
    with pytest.raises(Http404):
        self_assessment_for_user(world.official, cycle.year, world.other_region.code)
    with pytest.raises(Http404):
        self_assessment_for_user(world.mentor, cycle.year, world.region.code)


def test_a_draft_cycle_is_not_shown_to_regions(world):
    cycle = open_cycle(world, status=Cycle.Status.DRAFT)
    with pytest.raises(Http404):
        own_self_assessment(world.official, cycle.year)


def test_a_score_of_three_needs_evidence_before_submitting(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    answer_all(assessment, world, score=3)
    with pytest.raises(SelfAssessmentIncomplete) as refused:
        self_assessment_submit(assessment=assessment, by=world.official)
    assert len(refused.value.missing) == len(SELF_CODES)
    assert "BAS-1 bernilai 3 perlu bukti" in refused.value.missing[0]


def test_a_link_or_a_checked_file_is_evidence(world, private_root):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    answer_all(assessment, world, score=4, evidence_url="https://sukoharjokab.go.id/perbup")
    found = indicators(cycle)
    answer = self_score_save(
        assessment=assessment,
        indicator=found["QW-1"],
        score=5,
        upload=SimpleUploadedFile("bukti.pdf", make_pdf()),
        by=world.official,
    )
    assert answer.evidence_type == "application/pdf" and answer.has_evidence
    self_assessment_submit(assessment=assessment, by=world.official)
    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.Status.SUBMITTED


def test_a_renamed_non_pdf_is_refused_as_evidence(world, private_root):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    with pytest.raises(ValidationError):
        self_score_save(
            assessment=assessment,
            indicator=indicators(cycle)["BAS-1"],
            score=3,
            upload=SimpleUploadedFile("bukti.pdf", b"<html><script>x</script></html>"),
            by=world.official,
        )
    assert not list(private_root.rglob("*.*"))


def test_a_link_that_is_no_web_address_is_refused(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    with pytest.raises(ValidationError):
        self_score_save(
            assessment=assessment,
            indicator=indicators(cycle)["BAS-1"],
            score=3,
            evidence_url="javascript:alert(1)",
            by=world.official,
        )


def test_a_submitted_self_assessment_is_frozen(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    answer_all(assessment, world, score=1)
    self_assessment_submit(assessment=assessment, by=world.official)
    with pytest.raises(SelfAssessmentError, match="sudah diajukan"):
        self_score_save(
            assessment=assessment, indicator=indicators(cycle)["BAS-1"], score=0, by=world.official
        )


def test_nothing_changes_after_the_deadline(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    Cycle.objects.filter(pk=cycle.pk).update(stage1_deadline=timezone.now() - timedelta(hours=1))
    assessment.refresh_from_db()
    with pytest.raises(SelfAssessmentError, match="sudah lewat"):
        self_score_save(
            assessment=assessment, indicator=indicators(cycle)["BAS-1"], score=1, by=world.official
        )


def test_survey_questions_are_not_self_assessed(world):
    cycle = open_cycle(world)
    assessment = own_self_assessment(world.official, cycle.year)
    with pytest.raises(SelfAssessmentError):
        self_score_save(
            assessment=assessment, indicator=indicators(cycle)["IMP-S1"], score=4, by=world.official
        )
