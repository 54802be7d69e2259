"""Writes of the user survey: staff import a region's respondents' answers from a CSV file.

The file's columns are the codes of the instrument's survey-sourced indicators
(`survey_file.py`); the import is all or nothing, and the mean answer to each question becomes
that indicator's final score when the region's panel submits. A new file replaces the region's
earlier one until its panel's result is frozen.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.uploads import sanitise_name

from . import verification
from .models import Cycle, Indicator
from .models_review import Panel, SurveyImport, SurveyResponse
from .survey_file import MAX_BYTES, parse_survey


class SurveyError(Exception):
    """A survey file or import refused; `problems` lists every reason (for the page)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def survey_questions(cycle: Cycle) -> list[str]:
    """The codes of the cycle's survey-sourced indicators, in the instrument's order."""
    return list(
        Indicator.objects.filter(instrument_id=cycle.instrument_id, source=Indicator.Source.SURVEY)
        .order_by("order", "code")
        .values_list("code", flat=True)
    )


@transaction.atomic
def survey_import(*, cycle: Cycle, region, upload, by) -> SurveyImport:
    """Import a region's survey file, replacing its earlier import; nothing is kept unless
    every row is right (`SurveyError` lists every problem with its row and column)."""
    if cycle.status == Cycle.Status.PUBLISHED:
        raise SurveyError([_("Hasil siklus ini sudah diumumkan.")])
    if not cycle.regions.filter(pk=region.pk).exists():
        raise SurveyError(
            [
                _("%(region)s tidak termasuk daerah peserta siklus ini.")
                % {"region": region.short_name}
            ]
        )
    if Panel.objects.filter(cycle=cycle, region=region, status=Panel.Status.SUBMITTED).exists():
        raise SurveyError(
            [_("Hasil panel daerah ini sudah dibekukan; survei tidak dapat diganti.")]
        )
    questions = survey_questions(cycle)
    if not questions:
        raise SurveyError([_("Instrumen siklus ini tidak punya pertanyaan survei.")])
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    parsed = parse_survey(data, question_codes=questions)
    if not parsed.ok:
        raise SurveyError(parsed.problems)
    scores = {}
    for code in questions:
        mean = verification.survey_score(answers.get(code) for _id, answers in parsed.responses)
        if mean is not None:
            scores[code] = str(verification.keep(mean))
    survey, _created = SurveyImport.objects.update_or_create(
        cycle=cycle,
        region=region,
        defaults={
            "respondents": len(parsed.responses),
            "scores": scores,
            "file_name": sanitise_name(getattr(upload, "name", "")),
            "sha256": hashlib.sha256(data).hexdigest(),
            "imported_by": by,
        },
    )
    survey.responses.all().delete()
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, respondent=respondent, answers=answers)
        for respondent, answers in parsed.responses
    )
    return survey
