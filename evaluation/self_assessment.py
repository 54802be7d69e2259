"""Writes of the region's self-assessment (stage I): an answer per indicator, submit, pre-fill.

Who may write is `review_access.own_self_assessment` (the region's own officials only); *when*
is decided here, in `self_assessment_closed_reason`, so pages and writes agree:

- a submitted self-assessment is frozen;
- a draft changes only while its cycle is open (stage I) and before the cycle's
  `stage1_deadline`.

Each answer is a 0–5 level with a justification and evidence: a file (checked by content like
every upload of the portal, stored privately) or a link. A level of 3 or more needs evidence.
Survey-sourced indicators are not self-assessed: the user survey scores them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from masterplan.homes import official_plans, quick_win_followup
from masterplan.models import Plan
from smartcity.storage import private_storage, save_private
from smartcity.uploads import validate_document
from smartcity.validators import TEXT_MAX

from .models import Cycle, Indicator
from .models_review import SelfAssessment, SelfScore

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = ("pdf", "image")
# "Evidence required for any score of 3 or more".
EVIDENCE_FROM = 3


class SelfAssessmentError(Exception):
    """A self-assessment write that cannot be carried out; the message is for the user."""


class SelfAssessmentIncomplete(SelfAssessmentError):
    """Submitting with indicators unscored or without required evidence; `missing` lists them."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            _("Penilaian mandiri belum dapat diajukan. Lengkapi dahulu: %(items)s.")
            % {"items": "; ".join(missing)}
        )


def assessed_indicators(cycle: Cycle):
    """The indicators the region scores itself: the cycle's instrument, survey ones left out."""
    return Indicator.objects.filter(
        instrument_id=cycle.instrument_id, source=Indicator.Source.SELF_ASSESSMENT
    ).order_by("order", "code")


def self_assessment_closed_reason(assessment: SelfAssessment, *, now=None) -> str | None:
    """Why the self-assessment cannot change now, or None while it is open to its officials.

    Reads `assessment.cycle`: select it with the assessment.
    """
    if assessment.status == SelfAssessment.Status.SUBMITTED:
        return _("Penilaian mandiri sudah diajukan dan tidak dapat diubah lagi.")
    cycle = assessment.cycle
    if cycle.status != Cycle.Status.OPEN:
        return _("Tahap penilaian mandiri siklus %(year)s sudah ditutup.") % {"year": cycle.year}
    deadline = cycle.stage1_deadline
    if deadline is not None and (now or timezone.now()) >= deadline:
        return _("Batas pengajuan penilaian mandiri (%(when)s) sudah lewat.") % {
            "when": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
        }
    return None


def needs_evidence(score: int | None, *, has_evidence: bool) -> bool:
    return score is not None and score >= EVIDENCE_FROM and not has_evidence


@dataclass(frozen=True)
class Progress:
    """How far the self-assessment is: indicators scored, and what still stops submitting."""

    total: int
    scored: int
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.scored / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return not self.missing


def self_assessment_progress(indicators, scores: dict[int, SelfScore]) -> Progress:
    """`indicators` (assessed ones, in page order) against the answers by indicator id."""
    missing, scored = [], 0
    for indicator in indicators:
        answer = scores.get(indicator.pk)
        if answer is None or answer.score is None:
            missing.append(_("%(code)s belum dinilai") % {"code": indicator.code})
            continue
        scored += 1
        if needs_evidence(answer.score, has_evidence=answer.has_evidence):
            missing.append(
                _("%(code)s bernilai %(n)s perlu bukti (berkas atau tautan)")
                % {"code": indicator.code, "n": answer.score}
            )
    return Progress(total=len(indicators), scored=scored, missing=missing)


def _lock(assessment: SelfAssessment) -> SelfAssessment:
    return (
        SelfAssessment.objects.select_for_update(of=("self",))
        .select_related("cycle")
        .get(pk=assessment.pk)
    )


def _ensure_open(assessment: SelfAssessment) -> None:
    reason = self_assessment_closed_reason(assessment)
    if reason:
        raise SelfAssessmentError(reason)


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(
            _("Tautan harus alamat web lengkap (https://…)."), code="url"
        ) from exc
    if len(url) > 500:
        raise ValidationError(_("Tautan terlalu panjang (maks. 500 karakter)."), code="url")
    return url


def self_score_save(
    *,
    assessment: SelfAssessment,
    indicator: Indicator,
    score: int | None,
    justification: str = "",
    evidence_url: str = "",
    upload=None,
    remove_file: bool = False,
    by,
) -> SelfScore:
    """Keep the region's answer to one indicator while the self-assessment is open.

    A draft may be partial (no level yet, no evidence yet): what stops submitting is shown as
    progress, not refused here. A new file replaces the answer's earlier one; the replaced
    file is deleted once the change is committed. Raises ValidationError for a refused file or
    link (for the form) and SelfAssessmentError when closed or the indicator is not this
    cycle's to self-assess.
    """
    if indicator.instrument_id != assessment.cycle.instrument_id or (
        indicator.source != Indicator.Source.SELF_ASSESSMENT
    ):
        raise SelfAssessmentError(_("Indikator ini tidak dinilai sendiri dalam siklus ini."))
    if score is not None and score not in range(0, 6):
        raise SelfAssessmentError(_("Nilai harus bilangan bulat 0–5."))
    justification = (justification or "").strip()
    if len(justification) > TEXT_MAX:
        raise ValidationError(_("Penjelasan terlalu panjang."), code="too_long")
    url = _check_url(evidence_url)
    validated = (
        validate_document(upload, max_bytes=EVIDENCE_MAX_BYTES, kinds=EVIDENCE_KINDS)
        if upload is not None
        else None
    )
    stored = None
    try:
        with transaction.atomic():
            current = _lock(assessment)
            _ensure_open(current)
            answer, _created = SelfScore.objects.select_for_update().get_or_create(
                assessment=current, indicator=indicator
            )
            old_file = answer.evidence_file
            answer.score = score
            answer.justification = justification
            answer.evidence_url = url
            answer.updated_by = by
            if validated is not None:
                stored = save_private(validated, folder="evaluation-evidence")
                answer.evidence_file = stored
                answer.evidence_name = validated.original_name
                answer.evidence_type = validated.content_type
                answer.evidence_size = validated.size
                answer.evidence_sha256 = validated.sha256
            elif remove_file:
                answer.evidence_file = ""
                answer.evidence_name = answer.evidence_type = answer.evidence_sha256 = ""
                answer.evidence_size = None
            answer._history_user = by
            answer.save()
            if old_file and old_file != answer.evidence_file:
                transaction.on_commit(lambda: private_storage().delete(old_file))
            return answer
    except BaseException:
        if stored:
            private_storage().delete(stored)
        raise


@transaction.atomic
def self_assessment_submit(*, assessment: SelfAssessment, by) -> SelfAssessment:
    """Hand the self-assessment to the evaluators: draft → submitted, then frozen.

    Every assessed indicator needs a level, and every level of 3 or more its evidence; judged
    on the rows as they are now, under the lock, so an edit landing just before counts.
    """
    current = _lock(assessment)
    _ensure_open(current)
    indicators = list(assessed_indicators(current.cycle))
    scores = {s.indicator_id: s for s in current.scores.all()}
    progress = self_assessment_progress(indicators, scores)
    if not progress.complete:
        raise SelfAssessmentIncomplete(progress.missing)
    moved = SelfAssessment.objects.filter(pk=current.pk, status=SelfAssessment.Status.DRAFT).update(
        status=SelfAssessment.Status.SUBMITTED, submitted_at=timezone.now(), submitted_by=by
    )
    if not moved:
        raise SelfAssessmentError(_("Penilaian mandiri sudah diajukan."))
    assessment.refresh_from_db()
    SelfAssessment.history.bulk_history_create(
        [assessment], update=True, default_user=by, default_change_reason="diajukan"
    )
    return assessment


# --- pre-fill from what the portal knows ------------------------------------------------------


@dataclass(frozen=True)
class PortalFacts:
    """What the portal already knows of the region, as sentences for the justification."""

    plan_url: str
    plan_text: str
    quick_win_text: str

    @property
    def any(self) -> bool:
        return bool(self.plan_text or self.quick_win_text)


def portal_facts(user) -> PortalFacts:
    """The official's approved plan and its quick-win progress, read through the master plan's
    own permission-aware reads (so only the official's own region)."""
    plans = [p for p in official_plans(user).values() if p.status in Plan.APPROVED_STATES]
    if not plans:
        return PortalFacts("", "", "")
    plan = max(plans, key=lambda p: p.candidate.cohort.year)
    enacted = ""
    if plan.regulation_number:
        enacted = _(" Ditetapkan dengan %(kind)s %(number)s.") % {
            "kind": plan.get_regulation_type_display(),
            "number": plan.regulation_number,
        }
    plan_text = _(
        "Masterplan smart city %(start)s–%(end)s disahkan Kominfo pada %(date)s "
        "(versi %(v)s).%(enacted)s"
    ) % {
        "start": plan.start_year,
        "end": plan.end_year,
        "date": date_format(timezone.localtime(plan.approved_at)) if plan.approved_at else "-",
        "v": plan.version_count,
        "enacted": enacted,
    }
    rows, _due = quick_win_followup(user)
    rows = [r for r in rows if r.plan.pk == plan.pk]
    lines = []
    for row in rows:
        lines.append(
            _("%(name)s: %(percent)s%%%(status)s")
            % {
                "name": row.programme.name,
                "percent": row.latest_percent if row.latest_percent is not None else 0,
                "status": f" ({row.latest_status_label})" if row.latest_status else "",
            }
        )
    quick_win_text = ""
    if lines:
        quick_win_text = _("Kemajuan quick win menurut laporan di portal: %(list)s.") % {
            "list": "; ".join(lines)
        }
    url = settings.SITE_URL.rstrip("/") + plan.get_absolute_url()
    return PortalFacts(url, plan_text, quick_win_text)


# Which facts go to which part's indicators.
PREFILL_PARTS = {"baseline": "plan", "output": "plan", "quick_win": "quick_win"}


@transaction.atomic
def self_assessment_prefill(*, assessment: SelfAssessment, by) -> int:
    """Write what the portal knows into the justification of every answer still without one:
    the approved plan for baseline and output indicators, quick-win progress for quick-win
    indicators, with the plan's page as the evidence link when none is given. Levels are never
    filled: the region judges them. Returns how many answers were filled."""
    current = _lock(assessment)
    _ensure_open(current)
    facts = portal_facts(by)
    if not facts.any:
        return 0
    existing = {s.indicator_id: s for s in current.scores.select_for_update()}
    filled = 0
    for indicator in assessed_indicators(current.cycle).filter(part__in=PREFILL_PARTS):
        text = facts.plan_text if PREFILL_PARTS[indicator.part] == "plan" else facts.quick_win_text
        if not text:
            continue
        answer = existing.get(indicator.pk) or SelfScore(assessment=current, indicator=indicator)
        if answer.justification.strip():
            continue
        answer.justification = text
        if not answer.evidence_url and not answer.evidence_file:
            answer.evidence_url = facts.plan_url
        answer.prefilled = True
        answer.updated_by = by
        answer._history_user = by
        answer.save()
        filled += 1
    return filled
