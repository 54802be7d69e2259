"""Panel results of a cohort, and what one candidate's report shows to whom.

Reads only (except that the first look at a cohort creates its default rubric, as
`rubric_for_cohort` does everywhere). The panel math lives in `assessment.aggregation` (pure
Python); this module loads a cohort's scores in a constant number of queries and feeds it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from candidates.models import Candidate, Cohort
from smartcity.access import user_has_role
from smartcity.models import Region, User

from .. import aggregation
from ..models import (
    Criterion,
    PanelMember,
    Questionnaire,
    Rubric,
    Score,
    ScoreSheet,
    Selection,
)
from .panels import MIN_SEATS
from .rubric import rubric_for_cohort


@dataclass(frozen=True, slots=True)
class RegionRef:
    """The region fields a results row shows.

    Rows carry these light records rather than model instances: instantiating a candidate, its
    region and province for every row cost more than the whole panel aggregation.
    """

    id: int
    code: str
    name: str
    province_name: str

    short_name = property(Region.short_name.fget)  # as Region writes it


@dataclass(frozen=True, slots=True)
class CandidateRef:
    """The candidate fields a results row needs (see `RegionRef` for why not a model)."""

    pk: int
    status: str
    region: RegionRef

    @property
    def id(self) -> int:
        return self.pk

    @property
    def is_selected(self) -> bool:
        return self.status in Candidate.IN_PROGRAMME

    def get_status_display(self) -> str:
        return Candidate.Status(self.status).label


class AssessorScore(NamedTuple):
    """One assessor's counted sheet for a candidate: the weighted score and its normalised twin."""

    assessor_id: int
    name: str
    score: float
    normalised: float | None


@dataclass(slots=True)
class ResultRow:
    """One candidate's line in the cohort's results. Scores are on the 0–100 scale.

    `assessor_scores` holds only counted (submitted, complete) sheets, keyed by assessor id;
    the figures are None and `rank` is None when the candidate has no counted sheet.
    """

    candidate: CandidateRef
    region: RegionRef
    assessor_scores: dict[int, AssessorScore]
    mean: float | None
    spread: float | None
    disagreement: bool
    normalised_mean: float | None
    rank: int | None
    normalised_rank: int | None
    panel_size: int
    sheets_submitted: int

    @property
    def panel_score(self) -> float | None:
        """The DESIGN name of the raw panel mean."""
        return self.mean

    @property
    def is_ranked(self) -> bool:
        return self.rank is not None

    @property
    def sheets_counted(self) -> int:
        return len(self.assessor_scores)

    @property
    def panel_too_small(self) -> bool:
        """Fewer seats than a panel needs: staff should see it before ranking on it."""
        return self.panel_size < MIN_SEATS

    @property
    def panel_complete(self) -> bool:
        """At least two assessors and every sheet submitted: only then can it be selected."""
        return not self.panel_too_small and self.sheets_submitted == self.panel_size


class _ScoreRow(NamedTuple):
    # The attributes `aggregation.aggregate` reads; a NamedTuple is the cheapest carrier, and
    # `tuple.__new__` bound with partial builds one without a Python-level call per score.
    candidate_id: int
    assessor_id: int
    criterion_id: int
    value: int


_score_row = partial(tuple.__new__, _ScoreRow)


def _rubric(cohort: Cohort) -> Rubric:
    # A plain read when the rubric exists (a read page should not open a transaction for it);
    # the first look at a cohort creates the default one.
    return Rubric.objects.filter(cohort=cohort).first() or rubric_for_cohort(cohort=cohort)


def _criteria(cohort: Cohort) -> tuple[dict[int, aggregation.Criterion], float]:
    """The rubric's criteria for `aggregate`, and its disagreement margin, in one query."""
    rows = Criterion.objects.filter(rubric__cohort=cohort).values_list(
        "id", "weight", "rubric__disagreement_margin"
    )
    if not rows:
        rubric = _rubric(cohort)
        rows = Criterion.objects.filter(rubric=rubric).values_list(
            "id", "weight", "rubric__disagreement_margin"
        )
        if not rows:  # a rubric emptied by hand: nothing can be scored
            return {}, rubric.disagreement_margin
    criteria = {pk: aggregation.Criterion(pk, weight) for pk, weight, _ in rows}
    return criteria, rows[0][2]


def counted_scores(*, cohort: Cohort, criterion_ids: list[int]):
    """The scores of the cohort's submitted sheets as `(candidate, assessor, criterion, value)`
    tuples: one query, nothing built per row (also the benchmark's baseline)."""
    return Score.objects.filter(
        sheet__status=ScoreSheet.Status.SUBMITTED,
        sheet__seat__candidate__cohort=cohort,
        criterion_id__in=criterion_ids,
    ).values_list("sheet__seat__candidate_id", "sheet__seat__assessor_id", "criterion_id", "value")


def _assessor_name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def cohort_results(*, cohort: Cohort, normalise: bool = True) -> list[ResultRow]:
    """Every candidate of the cohort with its panel result, in raw rank order (unranked last).

    Only submitted sheets count, and of those only complete ones (see `aggregation`): a draft or
    half-filled sheet is not an opinion of the panel yet. Three queries whatever the number of
    candidates, assessors or criteria: the rubric's criteria with its margin, the candidates
    with their regions and panel seats (sizes, sheet statuses, assessors' names), and the
    counted scores as plain tuples.

    With `normalise=False` the harshness-corrected figures are left out (None) for callers that
    only need the raw ranking (the selection, the DESIGN export).
    """
    criteria, margin = _criteria(cohort)
    # One row per seat (or one per candidate without a seat): a round trip less than loading
    # candidates and seats apart, which is what a loaded database server charges for most.
    candidates: dict[int, CandidateRef] = {}
    panel_size: Counter[int] = Counter()
    submitted: Counter[int] = Counter()
    names: dict[int, str] = {}
    done = ScoreSheet.Status.SUBMITTED.value
    for (
        pk,
        status,
        region_id,
        code,
        name,
        province,
        assessor_id,
        first,
        last,
        username,
        sheet_status,
    ) in (
        Candidate.objects.filter(cohort=cohort)
        .order_by()
        .values_list(
            "id",
            "status",
            "region_id",
            "region__code",
            "region__name",
            "region__province__name",
            "panel__assessor_id",
            "panel__assessor__first_name",
            "panel__assessor__last_name",
            "panel__assessor__username",
            "panel__sheet__status",
        )
    ):
        if pk not in candidates:
            candidates[pk] = CandidateRef(
                pk, status, RegionRef(region_id, code, name, province or "")
            )
        if assessor_id is None:
            continue
        panel_size[pk] += 1
        if sheet_status == done:
            submitted[pk] += 1
        if assessor_id not in names:
            names[assessor_id] = _assessor_name(first, last, username)

    scores = counted_scores(cohort=cohort, criterion_ids=list(criteria))
    aggregates = aggregation.aggregate(
        map(_score_row, scores), criteria, margin=margin, candidate_ids=candidates
    )

    rows = []
    unranked = []
    for result in aggregates:
        candidate = candidates[result.candidate_id]
        normalised = result.normalised_scores if normalise else {}
        row = ResultRow(
            candidate=candidate,
            region=candidate.region,
            assessor_scores={
                assessor: AssessorScore(
                    assessor, names.get(assessor, "?"), value, normalised.get(assessor)
                )
                for assessor, value in result.assessor_scores.items()
            },
            mean=result.mean,
            spread=result.spread,
            disagreement=result.disagreement,
            normalised_mean=result.normalised_mean if normalise else None,
            rank=result.rank,
            normalised_rank=result.normalised_rank if normalise else None,
            panel_size=panel_size[candidate.pk],
            sheets_submitted=submitted[candidate.pk],
        )
        (rows if row.rank is not None else unranked).append(row)
    # Unranked candidates are easier to find by region code than by id.
    unranked.sort(key=lambda r: r.region.code)
    return rows + unranked


def sort_rows(rows: list[ResultRow], *, by: str) -> list[ResultRow]:
    """Rows ordered by raw rank (`by="raw"`) or normalised rank (`by="normalised"`)."""
    if by != "normalised":
        return rows
    ranked = sorted(
        (r for r in rows if r.normalised_rank is not None), key=lambda r: r.normalised_rank
    )
    return ranked + [r for r in rows if r.normalised_rank is None]


# --- the cohorts overview --------------------------------------------------------------------


@dataclass(slots=True)
class CohortProgress:
    cohort: Cohort
    invited: int = 0
    questionnaires_submitted: int = 0
    panels_complete: int = 0
    sheets_submitted: int = 0
    selection: Selection | None = None


def cohorts_progress() -> list[CohortProgress]:
    """Every cohort with its assessment counts, in five queries whatever the number of cohorts.

    A panel is complete when it has at least two seats and every seat's sheet is submitted.
    """
    progress = {
        c.pk: CohortProgress(cohort=c)
        for c in Cohort.objects.select_related("selection").order_by("-year")
    }
    for cohort_id, n in (
        Candidate.objects.values_list("cohort_id").annotate(n=Count("id")).order_by()
    ):
        progress[cohort_id].invited = n
    for cohort_id, n in (
        Questionnaire.objects.filter(status=Questionnaire.Status.SUBMITTED)
        .values_list("candidate__cohort_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        progress[cohort_id].questionnaires_submitted = n
    for cohort_id, n in (
        ScoreSheet.objects.filter(status=ScoreSheet.Status.SUBMITTED)
        .values_list("seat__candidate__cohort_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        progress[cohort_id].sheets_submitted = n
    complete = (
        Candidate.objects.annotate(
            seats=Count("panel"),
            done=Count("panel", filter=Q(panel__sheet__status=ScoreSheet.Status.SUBMITTED)),
        )
        .filter(seats__gte=MIN_SEATS, done=F("seats"))
        .values_list("cohort_id", flat=True)
    )
    for cohort_id, n in Counter(complete).items():
        progress[cohort_id].panels_complete = n
    for item in progress.values():
        # select_related on a reverse one-to-one leaves a missing selection unset, not None.
        item.selection = getattr(item.cohort, "selection", None)
    return list(progress.values())


# --- one candidate's report -------------------------------------------------------------------


@dataclass(slots=True)
class ReportColumn:
    """An assessor's column in a report: a label (a name only for staff) and their scores."""

    label: str
    is_own: bool
    submitted: bool
    values: dict[int, int] = field(default_factory=dict)  # criterion id -> 1..5
    score: float | None = None  # the weighted sheet score when counted


@dataclass(slots=True)
class CandidateReport:
    """What one viewer may see of a candidate's assessment; built by `candidate_report`."""

    candidate: Candidate
    questionnaire: Questionnaire | None
    selection: Selection | None
    show_scores: bool
    show_names: bool
    show_aggregate: bool
    show_deviation: bool
    criteria: list[Criterion] = field(default_factory=list)
    columns: list[ReportColumn] = field(default_factory=list)
    result: ResultRow | None = None
    deviation: object | None = None
    hidden_reason: str = ""

    @property
    def score_rows(self) -> list[tuple[Criterion, list[int | None]]]:
        """Each criterion with the visible columns' values, in column order."""
        return [(c, [col.values.get(c.pk) for col in self.columns]) for c in self.criteria]

    @property
    def decision(self) -> str | None:
        """`selected`, `not_selected` or None before the selection (or if not in it)."""
        if self.selection is None:
            return None
        if self.candidate.status in (Candidate.Status.SELECTED, Candidate.Status.PARTICIPANT):
            return "selected"
        return "not_selected"


def candidate_report(*, user, candidate: Candidate) -> CandidateReport:
    """The report of a candidate the user may already see (`access.candidate_for_user`).

    Staff see everything, assessors by name. The region's own officials see the questionnaire
    and, only once the selection is made, the scores with assessors as "Asesor 1, 2…" (the panel
    speaks as a panel; names would invite lobbying). A seated assessor sees only their own
    scores until the selection is made, so nobody anchors on a colleague's sheet.
    """
    is_staff = user_has_role(user, User.Role.STAFF)
    selection = Selection.objects.filter(cohort_id=candidate.cohort_id).first()
    decided = selection is not None
    questionnaire = (
        Questionnaire.objects.filter(candidate=candidate)
        .prefetch_related("regulations", "evidence")
        .first()
    )
    show_scores = is_staff or decided or user_has_role(user, User.Role.ASSESSOR)
    report = CandidateReport(
        candidate=candidate,
        questionnaire=questionnaire,
        selection=selection,
        show_scores=show_scores,
        show_names=is_staff,
        show_aggregate=is_staff or decided,
        show_deviation=is_staff,
    )
    if not show_scores:
        report.hidden_reason = _("Nilai panel ditampilkan setelah penetapan diumumkan.")
        return report

    rubric = _rubric(candidate.cohort)
    report.criteria = list(Criterion.objects.filter(rubric=rubric))
    seats = list(
        PanelMember.objects.filter(candidate=candidate)
        .select_related("assessor", "sheet")
        .order_by("assigned_at", "pk")
    )
    values: dict[int, dict[int, int]] = {}
    for seat_id, criterion_id, value in Score.objects.filter(
        sheet__seat__candidate=candidate
    ).values_list("sheet__seat_id", "criterion_id", "value"):
        values.setdefault(seat_id, {})[criterion_id] = value
    if report.show_aggregate:
        report.result = next(
            (r for r in cohort_results(cohort=candidate.cohort) if r.candidate.pk == candidate.pk),
            None,
        )
    counted = report.result.assessor_scores if report.result else {}
    own_only = not is_staff and not decided  # an assessor before the selection
    for number, seat in enumerate(seats, start=1):
        is_own = seat.assessor_id == user.pk
        if own_only and not is_own:
            continue
        sheet = getattr(seat, "sheet", None)
        submitted = sheet is not None and sheet.status == ScoreSheet.Status.SUBMITTED
        label = seat.assessor.display_name if is_staff else _("Asesor %(n)s") % {"n": number}
        if is_own and not is_staff:
            label = _("%(label)s (Anda)") % {"label": label}
        counted_score = counted.get(seat.assessor_id)
        report.columns.append(
            ReportColumn(
                label=label,
                is_own=is_own,
                submitted=submitted,
                # Drafts are private to their author until submitted.
                values=values.get(seat.pk, {}) if submitted or is_own else {},
                score=counted_score.score if counted_score else None,
            )
        )
    if own_only:
        report.hidden_reason = _(
            "Sebelum penetapan, Anda hanya melihat nilai Anda sendiri; nilai asesor lain dan "
            "hasil panel ditampilkan setelah penetapan."
        )
    if selection is not None and is_staff:
        report.deviation = selection.deviations.filter(candidate=candidate).first()
    return report
