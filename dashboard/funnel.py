"""The programme's funnel, cumulative: what happened to each region in each cohort, read from
the records each stage keeps, not from where the region stands now.

A region selected and now a participant still counts as invited, assessed and selected. Each
stage is read from its own records (the screening of record, the candidacy, the questionnaire,
the panel's sheets, the candidate's status history, the MoU, the mentor assignments, the plan's
versions and events); a stage also counts a region whose later record can only exist after it,
by the stages' own rules (only a complete panel can be selected; a signed MoU is what makes a
participant; a plan is approved only once endorsed). `stages_reached` is that rule, pure.

For one cohort a figure counts regions in that cohort; for all cohorts it counts each region
once, however many cohorts it went through. Every figure is `len()` of the list behind it
(`stage_rows`), which is also what the export writes: the three cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from assessment.models import PanelMember, Questionnaire, ScoreSheet
from assessment.services.panels import MIN_SEATS
from candidates.models import Candidate, ScreeningResult, ScreeningRound, ScreeningRun
from masterplan.models import Plan, PlanEvent
from masterplan.services.followup import QuickWinRow, quick_win_rows, with_latest_update
from partners.models import MentorAssignment, MoU

from .regions import Place, Scope


class Stage(models.TextChoices):
    """The funnel's stages in programme order; values are the list pages' URL slugs."""

    SCREENED = "disaring", _("Masuk penyaringan")
    INVITED = "diundang", _("Diundang")
    QUESTIONNAIRE = "kuesioner", _("Kuesioner diajukan")
    ASSESSED = "diases", _("Diases panel")
    SELECTED = "terpilih", _("Terpilih")
    MOU = "mou", _("MoU ditandatangani")
    MENTORED = "didampingi", _("Mentor ditugaskan")
    PLAN_SUBMITTED = "masterplan-diajukan", _("Masterplan diajukan")
    ENDORSED = "disetujui-mentor", _("Disetujui mentor")
    APPROVED = "disahkan", _("Disahkan Kominfo")
    ENACTED = "ditetapkan", _("Ditetapkan daerah")


STAGE_HELP = {
    Stage.SCREENED: _("Wilayah dalam pool hasil seleksi awal yang berlaku (tidak dikecualikan)."),
    Stage.INVITED: _("Wilayah yang menjadi kandidat angkatan (diundang)."),
    Stage.QUESTIONNAIRE: _("Kuesioner kesiapan pernah diajukan."),
    Stage.ASSESSED: _("Panel lengkap (minimal dua asesor, semua lembar diajukan), atau terpilih."),
    Stage.SELECTED: _("Ditetapkan terpilih dalam penetapan Dirjen."),
    Stage.MOU: _("MoU ditandatangani (status peserta)."),
    Stage.MENTORED: _("Pernah ditugaskan setidaknya satu mentor."),
    Stage.PLAN_SUBMITTED: _("Masterplan pernah diajukan (ada versi)."),
    Stage.ENDORSED: _("Masterplan pernah disetujui mentor."),
    Stage.APPROVED: _("Masterplan disahkan Kominfo."),
    Stage.ENACTED: _("Masterplan ditetapkan dengan Perwal/Perbup/Perda."),
}

SELECTED_STATUSES = frozenset(Candidate.IN_PROGRAMME)
# Each plan stage and the plan statuses that can only come after it.
_PLAN_STAGES = (
    (Stage.ENDORSED, frozenset({Plan.Status.ENDORSED, Plan.Status.APPROVED, Plan.Status.ENACTED})),
    (Stage.APPROVED, frozenset({Plan.Status.APPROVED, Plan.Status.ENACTED})),
    (Stage.ENACTED, frozenset({Plan.Status.ENACTED})),
)


@dataclass(frozen=True)
class Facts:
    """What the records say about one region in one cohort (see `stages_reached`)."""

    screened: bool = False  # in the pool of the cohort's screening of record
    candidate: bool = False
    statuses: frozenset[str] = frozenset()  # the candidate's statuses, now and in its history
    questionnaire_submitted: bool = False
    seats: int = 0
    sheets_submitted: int = 0
    mou_signed: bool = False
    mentored: bool = False
    plan_status: str = ""  # "" without a plan
    plan_versions: int = 0
    plan_events: frozenset[str] = frozenset()  # the statuses the plan's events moved it to


def stages_reached(facts: Facts) -> frozenset[Stage]:
    """The stages a region reached in a cohort, from its records (the module's rule)."""
    reached = set()
    if facts.screened:
        reached.add(Stage.SCREENED)
    if not facts.candidate:
        return frozenset(reached)
    reached.add(Stage.INVITED)
    # Only a selected region signs an MoU, and only a complete panel can be selected.
    selected = bool(facts.statuses & SELECTED_STATUSES) or facts.mou_signed
    panel_complete = facts.seats >= MIN_SEATS and facts.sheets_submitted >= facts.seats
    if facts.questionnaire_submitted:
        reached.add(Stage.QUESTIONNAIRE)
    if panel_complete or Candidate.Status.ASSESSED in facts.statuses or selected:
        reached.add(Stage.ASSESSED)
    if selected:
        reached.add(Stage.SELECTED)
    if facts.mou_signed or Candidate.Status.PARTICIPANT in facts.statuses:
        reached.add(Stage.MOU)
    if facts.mentored:
        reached.add(Stage.MENTORED)
    events, status = facts.plan_events, facts.plan_status
    if facts.plan_versions or (status and status != Plan.Status.DRAFT) or events:
        reached.add(Stage.PLAN_SUBMITTED)
    # A plan is approved only once endorsed and enacted only once approved: a later move (now
    # or in its events) counts the earlier ones, even after it went back for revision.
    for stage, moves in _PLAN_STAGES:
        if events & moves or status in moves:
            reached.add(stage)
    return frozenset(reached)


@dataclass(frozen=True, slots=True)
class Track:
    """One region's path through one cohort: the stages it reached, and its candidacy's
    records (None when it was only screened)."""

    cohort_year: int
    place: Place
    stages: frozenset[Stage]
    candidacy: Candidacy | None = None

    @property
    def status(self) -> str:
        """The candidate's status now ("" when only screened)."""
        return self.candidacy.status if self.candidacy else ""

    @property
    def plan_status(self) -> str:
        return self.candidacy.plan_status if self.candidacy else ""

    @property
    def status_label(self) -> str:
        return Candidate.Status(self.status).label if self.status else ""

    @property
    def plan_status_label(self) -> str:
        return Plan.Status(self.plan_status).label if self.plan_status else ""


# --- reading the records ---------------------------------------------------------------------


def _screened(cohort_year: int | None) -> set[tuple[int, str]]:
    """(cohort year, region code) of each region in the pool of each cohort's screening of
    record, excluded regions left out. One query, whether a cohort was screened or not.

    The run of record is `candidates.selectors.runs_of_record`'s: the run whose shortlist was
    confirmed, or while none is, the latest; here it is chosen inside the query.
    """
    latest = ScreeningRun.objects.filter(round=OuterRef("pk")).order_by("-number").values("pk")
    rounds = ScreeningRound.objects.annotate(
        of_record=Coalesce("confirmed_run_id", Subquery(latest[:1]))
    )
    if cohort_year is not None:
        rounds = rounds.filter(cohort__year=cohort_year)
    results = (
        ScreeningResult.objects.filter(run_id__in=rounds.values("of_record"))
        .exclude(status=ScreeningResult.Status.EXCLUDED)
        .order_by()
        .values_list("run__round__cohort__year", "region__code")
    )
    return set(results)


@dataclass(slots=True)
class Candidacy:
    """A candidacy with what every later stage recorded about it (see `candidacies`); the
    worklist reads its current state from here too."""

    pk: int
    cohort_year: int
    code: str
    status: str
    plan_id: int | None
    plan_status: str
    plan_versions: int
    plan_changed_at: datetime | None
    seats: int = 0
    sheets_submitted: int = 0
    was_assessed: bool = False
    was_selected: bool = False
    questionnaire_status: str = ""  # "" without a questionnaire
    questionnaire_submitted: bool = False  # ever handed in (a reopened one was)
    mou_status: str = ""  # "" without an MoU
    mentored: bool = False  # ever had a mentor
    active_mentor: bool = False
    plan_events: frozenset = frozenset()

    def facts(self, *, screened: bool) -> Facts:
        statuses = {self.status}
        if self.was_assessed:
            statuses.add(Candidate.Status.ASSESSED)
        if self.was_selected:
            statuses.add(Candidate.Status.SELECTED)
        return Facts(
            screened=screened,
            candidate=True,
            statuses=frozenset(statuses),
            questionnaire_submitted=self.questionnaire_submitted,
            seats=self.seats,
            sheets_submitted=self.sheets_submitted,
            mou_signed=self.mou_status == MoU.Status.SIGNED,
            mentored=self.mentored,
            plan_status=self.plan_status,
            plan_versions=self.plan_versions,
            plan_events=self.plan_events,
        )


def candidacies(cohort_year: int | None) -> dict[int, Candidacy]:
    """Every candidacy (of one cohort, or all) with its later stages' records, by id.

    Seven plain queries, each a scan of one stage's table (the candidacies with their plan;
    panel seats and sheets; status history; questionnaires; MoUs; mentor assignments; plan
    events): measured about twice as fast on the demo as one query with a correlated subquery
    per fact, and as constant in number.
    """

    def of_cohort(queryset, path="candidate__"):
        if cohort_year is None:
            return queryset.order_by()
        return queryset.filter(**{f"{path}cohort__year": cohort_year}).order_by()

    found = {
        pk: Candidacy(pk, year, code, status, plan_id, plan_status or "", versions or 0, changed)
        for pk, year, code, status, plan_id, plan_status, versions, changed in of_cohort(
            Candidate.objects, path=""
        ).values_list(
            "pk",
            "cohort__year",
            "region__code",
            "status",
            "plan__id",
            "plan__status",
            "plan__version_count",
            "plan__status_changed_at",
        )
    }
    submitted = Q(sheet__status=ScoreSheet.Status.SUBMITTED)
    for pk, seats, sheets in (
        of_cohort(PanelMember.objects)
        .values_list("candidate_id")
        .annotate(seats=Count("pk"), sheets=Count("pk", filter=submitted))
    ):
        if pk in found:
            found[pk].seats, found[pk].sheets_submitted = seats, sheets
    history = Candidate.history.model.objects.filter(
        status__in=[Candidate.Status.ASSESSED, *SELECTED_STATUSES]
    )
    if cohort_year is not None:
        history = history.filter(cohort__year=cohort_year)
    for pk, status in history.order_by().values_list("id", "status").distinct():
        if pk in found:
            if status == Candidate.Status.ASSESSED:
                found[pk].was_assessed = True
            else:
                found[pk].was_selected = True
    for pk, status, submitted_at in of_cohort(Questionnaire.objects).values_list(
        "candidate_id", "status", "submitted_at"
    ):
        if pk in found:
            found[pk].questionnaire_status = status
            found[pk].questionnaire_submitted = (
                submitted_at is not None or status == Questionnaire.Status.SUBMITTED
            )
    for pk, status in of_cohort(MoU.objects).values_list("candidate_id", "status"):
        if pk in found:
            found[pk].mou_status = status
    for pk, ended_at in of_cohort(MentorAssignment.objects).values_list("candidate_id", "ended_at"):
        if pk in found:
            found[pk].mentored = True
            found[pk].active_mentor |= ended_at is None
    events: dict[int, set] = defaultdict(set)
    for pk, new in (
        of_cohort(PlanEvent.objects, path="plan__candidate__")
        .filter(new__in=[Plan.Status.ENDORSED, *Plan.APPROVED_STATES])
        .values_list("plan__candidate_id", "new")
        .distinct()
    ):
        events[pk].add(new)
    for pk, moves in events.items():
        if pk in found:
            found[pk].plan_events = frozenset(moves)
    return found


def tracks(*, places: dict[str, Place], scope: Scope, found=None) -> list[Track]:
    """Every region's path through the cohort(s) of `scope`, in its regions. Eight queries
    (the screening pools and `candidacies`); none when `found` candidacies are given."""
    screened = _screened(scope.cohort_year)
    found = candidacies(scope.cohort_year) if found is None else found
    result = []
    taken = set()
    for candidacy in found.values():
        key = (candidacy.cohort_year, candidacy.code)
        taken.add(key)
        place = places.get(candidacy.code)
        if place is None or not scope.admits(place):
            continue
        facts = candidacy.facts(screened=key in screened)
        result.append(Track(candidacy.cohort_year, place, stages_reached(facts), candidacy))
    for year, code in screened - taken:
        place = places.get(code)
        if place is not None and scope.admits(place):
            result.append(Track(year, place, stages_reached(Facts(screened=True))))
    result.sort(key=lambda t: (t.cohort_year, t.place.code))
    return result


# --- figures and the lists behind them -------------------------------------------------------


@dataclass
class RegionRow:
    """A region in the list behind a figure: the cohort(s) it reached the stage in, and where it
    stands now in the latest of them."""

    place: Place
    cohorts: list[int] = field(default_factory=list)
    latest: Track | None = None

    @property
    def cohorts_label(self) -> str:
        return ", ".join(str(year) for year in self.cohorts)


def stage_rows(all_tracks: Iterable[Track], stage: Stage) -> list[RegionRow]:
    """The regions behind a figure: one row per region that reached `stage`, by code."""
    rows: dict[str, RegionRow] = {}
    for track in all_tracks:
        if stage in track.stages:
            row = rows.setdefault(track.place.code, RegionRow(track.place))
            row.cohorts.append(track.cohort_year)
            if row.latest is None or track.cohort_year >= row.latest.cohort_year:
                row.latest = track
    return [rows[code] for code in sorted(rows)]


@dataclass
class Step:
    """A stage's figure: regions that reached it, the conversion from the previous stage (None
    when the previous one counts nobody), and per cohort when all cohorts are shown."""

    stage: Stage
    count: int
    conversion: float | None
    by_cohort: dict[int, int] = field(default_factory=dict)

    @property
    def help(self):
        return STAGE_HELP[self.stage]


def funnel(all_tracks: list[Track], *, cohort_years: Iterable[int] = ()) -> list[Step]:
    """Each stage's figure over `all_tracks` (regions counted once), with its conversion from
    the previous stage, and its count in each of `cohort_years`."""
    counted: dict[Stage, set[str]] = defaultdict(set)
    per_cohort: dict[tuple[Stage, int], int] = defaultdict(int)
    for track in all_tracks:
        for stage in track.stages:
            counted[stage].add(track.place.code)
            per_cohort[stage, track.cohort_year] += 1
    steps, previous = [], None
    for stage in Stage:
        count = len(counted[stage])
        conversion = count / previous if previous else None
        by_cohort = {year: per_cohort[stage, year] for year in cohort_years}
        steps.append(Step(stage, count, conversion, by_cohort))
        previous = count
    return steps


# --- quick wins ------------------------------------------------------------------------------


class QuickWinState(models.TextChoices):
    ON_TRACK = "sesuai-jadwal", _("Sesuai jadwal")
    LAGGING = "tertinggal", _("Tertinggal")
    DONE = "selesai", _("Selesai")


def quick_win_state(row: QuickWinRow) -> QuickWinState:
    """Done when the latest report says 100 %; else lagging by the follow-up's own rule
    (`masterplan.services.followup.lag`: behind the timeline, late or blocked, or silent for
    60 days); else on track."""
    if row.latest_percent == 100:
        return QuickWinState.DONE
    if row.lag.lagging:
        return QuickWinState.LAGGING
    return QuickWinState.ON_TRACK


@dataclass
class QuickWin:
    row: QuickWinRow
    place: Place
    state: QuickWinState


def quick_wins(
    visible, *, places: dict[str, Place], scope: Scope, today: date | None = None
) -> list[QuickWin]:
    """The quick wins of approved plans in `scope`, each with its state. `visible` is the
    follow-up's permission-aware queryset (`quick_wins_visible_to`). One query."""
    if scope.cohort_year is not None:
        visible = visible.filter(plan__candidate__cohort__year=scope.cohort_year)
    # Only what a quick win's state and its row need: never the plan's long texts.
    visible = (
        with_latest_update(visible)
        .only(
            "pk",
            "name",
            "quick_win_months",
            "quick_win_start",
            "plan__approved_at",
            "plan__candidate__region__code",
            "plan__candidate__region__name",
            "plan__candidate__cohort__year",
        )
        .order_by(
            "plan__candidate__cohort__year",
            "plan__candidate__region__code",
            "dimension__order",
            "pk",
        )
    )
    found = []
    for row in quick_win_rows(visible, today=today):
        place = places.get(row.region.code)
        if place is not None and scope.admits(place):
            found.append(QuickWin(row, place, quick_win_state(row)))
    return found


def quick_win_counts(found: list[QuickWin]) -> dict[QuickWinState, int]:
    counts = dict.fromkeys(QuickWinState, 0)
    for item in found:
        counts[item.state] += 1
    return counts
