"""Demo of the evaluation as people do it: the 2021 cycle in stage I, on the default instrument.

- Kota Bandung (`pemda-3273`) has submitted its self-assessment (every indicator with a
  justification and a link as evidence) and its user survey of 50 respondents is imported;
- its panel sits `evaluator-1` (IKTII) and `evaluator-2` (INSW), interview a week after the
  self-assessment deadline; `evaluator-2` has scored and submitted, `evaluator-1` has not: once
  they do, the indicators where they differ by more than a point (from each other or from the
  region) wait for a reconciled score;
- Kota Balikpapan (`pemda-6471`, approved plan) has its self-assessment half done, and may
  pre-fill the justifications from its plan and quick wins.

Dates count from the day the demo is seeded (set when the cycle is created). Generated and
deterministic, not the ministry's data. Safe to run again: what exists is left as it is.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from smartcity.models import Institution, Region, User

from .models import Cycle, Indicator, Instrument
from .models_review import Panel, PanelSeat, SelfAssessment, SelfScore, SurveyImport, SurveyResponse
from .panels import panel_create, panel_seat_add, seat_save, seat_submit
from .services import cycle_create, cycle_move

YEAR = 2021
BANDUNG = "32.73"
BALIKPAPAN = "64.71"
# username, institution (practitioners and academics), last name
EVALUATORS = [("evaluator-1", "iktii", "Satu"), ("evaluator-2", "insw", "Dua")]
# Kota Bandung's own levels by part; evaluator-2's are one lower on outcome and impact, and
# two lower on one output indicator (the disagreement the panel reconciles).
BANDUNG_LEVELS = {"baseline": 4, "output": 4, "outcome": 3, "impact": 3, "quick_win": 4}
RESPONDENTS = 50


def _evaluators() -> list[User]:
    """The demo evaluators, made once with the demo password (like the demo mentors)."""
    password, people = None, []
    for username, institution, last in EVALUATORS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(settings.DEMO_PASSWORD)
            user = User.objects.create(
                username=username,
                password=password,
                role=User.Role.EVALUATOR,
                first_name="Evaluator",
                last_name=last,
                email=f"{username}@demo.smartcity.invalid",
                institution=Institution.objects.get(code=institution),
            )
        people.append(user)
    return people


def _cycle(instrument: Instrument) -> Cycle:
    cycle = Cycle.objects.filter(year=YEAR).first()
    if cycle is not None:
        return cycle
    today = timezone.localdate()
    deadline = timezone.make_aware(datetime.combine(today + timedelta(days=14), time(23, 59)))
    cycle = cycle_create(
        year=YEAR,
        instrument=instrument,
        name=f"Evaluasi Smart City {YEAR}",
        stage1_start=today - timedelta(days=14),
        stage1_deadline=deadline,
        stage2_start=today + timedelta(days=21),
        stage2_end=today + timedelta(days=23),
        notes="Data contoh (bukan hasil resmi): tahap I berjalan.",
    )
    cycle_move(cycle=cycle, to=Cycle.Status.OPEN)
    return cycle


def _answers(assessment: SelfAssessment, indicators, *, levels, upto=None, by) -> None:
    """Answers for the first `upto` indicators (all when None), written once."""
    if assessment.scores.exists():
        return
    rows = []
    for indicator in indicators[:upto]:
        level = levels[indicator.part]
        rows.append(
            SelfScore(
                assessment=assessment,
                indicator=indicator,
                score=level,
                justification=(
                    f"{indicator.get_dimension_display()}: capaian {assessment.region.short_name} "
                    f"{YEAR} sesuai uraian tingkat {level} (laporan kinerja OPD terkait)."
                ),
                evidence_url=f"https://smartcity.example.go.id/{assessment.region.code}/{indicator.code}",
                updated_by=by,
            )
        )
    SelfScore.objects.bulk_create(rows)


def _survey(cycle: Cycle, region: Region, codes: list[str], by: User) -> None:
    if SurveyImport.objects.filter(cycle=cycle, region=region).exists() or not codes:
        return
    answers = [
        (f"R{n:03d}", {code: 3 + (n * 7 + i) % 3 for i, code in enumerate(codes)})
        for n in range(1, RESPONDENTS + 1)
    ]
    means = {code: f"{sum(a[code] for _r, a in answers) / RESPONDENTS:.6f}" for code in codes}
    survey = SurveyImport.objects.create(
        cycle=cycle,
        region=region,
        respondents=RESPONDENTS,
        scores=means,
        file_name="survei-pengguna-layanan.csv",
        sha256="0" * 64,
        imported_by=by,
    )
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, respondent=r, answers=a) for r, a in answers
    )


@transaction.atomic
def seed_evaluation_review() -> None:
    instrument = Instrument.objects.filter(code="pedoman-2021").first()
    bandung = Region.objects.filter(code=BANDUNG).first()
    if instrument is None or bandung is None:
        return
    cycle = _cycle(instrument)
    if not cycle.regions.filter(pk=bandung.pk).exists():
        return
    staff = User.objects.filter(username="kominfo").first()
    indicators = list(Indicator.objects.filter(instrument=instrument).order_by("order", "code"))
    assessed = [i for i in indicators if i.source == Indicator.Source.SELF_ASSESSMENT]
    survey_codes = [i.code for i in indicators if i.source == Indicator.Source.SURVEY]

    official = User.objects.filter(username="pemda-3273").first()
    assessment, _ = SelfAssessment.objects.get_or_create(cycle=cycle, region=bandung)
    _answers(assessment, assessed, levels=BANDUNG_LEVELS, by=official)
    if not assessment.is_submitted:
        SelfAssessment.objects.filter(pk=assessment.pk).update(
            status=SelfAssessment.Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=2),
            submitted_by=official,
        )
    _survey(cycle, bandung, survey_codes, staff)

    balikpapan = Region.objects.filter(code=BALIKPAPAN).first()
    if balikpapan is not None and cycle.regions.filter(pk=balikpapan.pk).exists():
        draft, _ = SelfAssessment.objects.get_or_create(cycle=cycle, region=balikpapan)
        _answers(
            draft,
            assessed,
            levels=dict.fromkeys(BANDUNG_LEVELS, 2),
            upto=len(assessed) // 2,
            by=User.objects.filter(username="pemda-6471").first(),
        )

    panel = Panel.objects.filter(cycle=cycle, region=bandung).first()
    if panel is None:
        interview = timezone.make_aware(
            datetime.combine(cycle.stage2_start or timezone.localdate(), time(9, 0))
        )
        panel = panel_create(
            cycle=cycle,
            region=bandung,
            by=staff,
            interview_at=interview,
            interview_place="Kominfo, Jakarta (ruang rapat Aptika) dan daring",
        )
    for evaluator in _evaluators():
        if not panel.seats.filter(evaluator=evaluator).exists():
            panel_seat_add(panel=panel, evaluator=evaluator, by=staff)
    second = panel.seats.get(evaluator__username="evaluator-2")
    if second.status == PanelSeat.Status.DRAFT:
        values = {}
        for n, indicator in enumerate(assessed):
            level = BANDUNG_LEVELS[indicator.part]
            if indicator.part in ("outcome", "impact"):
                level -= 1
            if indicator.part == "output" and n % 6 == 0:
                level -= 2
            values[indicator.pk] = (max(0, level), "Diperiksa saat wawancara.")
        seat_save(seat=second, values=values, by=second.evaluator)
        seat_submit(seat=second, by=second.evaluator)
