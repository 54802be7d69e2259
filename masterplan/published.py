"""What the programme publishes: the one place that decides what anyone may read without a login.

Apps above masterplan (the public library, the open data API) read the programme only through
this module, so the rule lives here once:

- a **published plan** is a plan Kominfo approved (status approved or enacted); what is published
  of it is its **latest version**, the immutable snapshot it was approved on (`PlanVersion.data`),
  never the live rows. A plan in draft, under review, in revision or endorsed but not yet
  approved publishes nothing.
- of a snapshot, everything but the governance bodies' members (names of people) is public:
  programmes with their budgets, KPIs and quick wins, strategies and the text sections.
- a quick win's **progress** is its latest `QuickWinUpdate` as percent, status and date only:
  the region's note and uploaded evidence stay private.
- **participants** are candidates that became participants (a signed MoU), with the cohort and
  the MoU's signing date; never the MoU document or who signed it.

Never published, whatever the caller asks: review comments, mentors' notes, questionnaires,
individual assessors' scores, uploaded evidence, anyone's contact details.

Query counts are fixed (noted per function), whatever the number of plans or programmes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, IntegerField, Max, OuterRef, Subquery, Value

from candidates.models import Candidate
from partners.models import MoU

from .models import PdfJob, Plan, PlanEvent, PlanVersion, Programme, QuickWinUpdate


@dataclass(frozen=True)
class Progress:
    """The latest progress report of a quick win, as published."""

    percent: int
    status: str  # QuickWinUpdate.Status value
    status_name: str
    reported_on: date


@dataclass
class PublishedPlan:
    """One published plan version, with its region and its downloads.

    `data` is the version's snapshot (see `snapshot.py`) with the governance members removed; it
    is None when read by `published_plans(with_data=False)`.
    """

    plan_id: int
    version_id: int
    version_number: int
    sha256: str
    status: str  # Plan.Status.APPROVED or ENACTED
    title: str
    region_code: str
    region_name: str
    region_kind: str  # Region.Kind value
    province_code: str
    province_name: str
    cohort_year: int
    submitted_at: datetime  # when the approved version was frozen
    approved_at: datetime | None
    approval_letter_number: str
    approval_letter_date: date | None
    regulation_type: str  # Plan.Regulation value, "" until enacted
    regulation_name: str
    regulation_number: str
    regulation_date: date | None
    regulation_file: str  # name in the private storage, "" until enacted
    regulation_file_name: str
    pdf_job_id: int | None  # the approved print (never marked DRAF), once rendered
    pdf_file: str
    pdf_size: int | None
    data: dict | None = None
    progress: dict[int, Progress] = field(default_factory=dict)  # by programme id

    @property
    def is_enacted(self) -> bool:
        return self.status == Plan.Status.ENACTED

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf_job_id and self.pdf_file)

    @property
    def has_regulation(self) -> bool:
        return bool(self.regulation_file)


@dataclass(frozen=True)
class PublishedProgramme:
    """A programme or quick win of a published plan, with the plan it belongs to.

    `programme` is the snapshot's programme dict (keys in `snapshot.plan_snapshot`); its `id` is
    the live programme's pk, stable across versions.
    """

    plan: PublishedPlan  # read without data
    programme: dict
    progress: Progress | None


@dataclass(frozen=True)
class Participant:
    """A region in the programme: its cohort and, once signed, its MoU date."""

    region_code: str
    region_name: str
    region_kind: str
    province_code: str
    province_name: str
    cohort_year: int
    mou_date: date | None
    plan_status: str  # "published" when it has a published plan, otherwise "in_progress"


@dataclass(frozen=True)
class PublishedStamp:
    """Changes whenever something is published: `key` for cache keys and ETags, `modified` for
    Last-Modified (None when nothing is published yet)."""

    key: str
    modified: datetime | None

    def __str__(self):
        return self.key


# --- plans ------------------------------------------------------------------------------------


def _versions():
    """The published versions: each approved or enacted plan's latest version."""
    return PlanVersion.objects.filter(
        plan__status__in=Plan.APPROVED_STATES, number=F("plan__version_count")
    )


def _published_plans(versions, *, with_data: bool) -> list[PublishedPlan]:
    approved_pdf = PdfJob.objects.filter(
        version=OuterRef("pk"), approved=True, status=PdfJob.Status.DONE
    ).exclude(file="")
    rows = (
        versions.select_related("plan__candidate__region__province", "plan__candidate__cohort")
        .annotate(
            pdf_job_id=Subquery(approved_pdf.values("pk")[:1]),
            pdf_file=Subquery(approved_pdf.values("file")[:1]),
            pdf_size=Subquery(approved_pdf.values("file_size")[:1]),
        )
        .order_by("plan__candidate__cohort__year", "plan__candidate__region__name")
    )
    if not with_data:
        rows = rows.defer("data")
    result = []
    for version in rows:
        plan = version.plan
        region = plan.candidate.region
        data = None
        if with_data:
            data = dict(version.data)
            # People's names are not for publication; the bodies and their decrees are.
            data["governance"] = [
                {k: v for k, v in body.items() if k != "members"}
                for body in data.get("governance", [])
            ]
        result.append(
            PublishedPlan(
                plan_id=plan.pk,
                version_id=version.pk,
                version_number=version.number,
                sha256=version.sha256,
                status=plan.status,
                title=plan.title,
                region_code=region.code,
                region_name=region.name,
                region_kind=region.kind,
                province_code=region.province.code if region.province else "",
                province_name=region.province.name if region.province else "",
                cohort_year=plan.candidate.cohort.year,
                submitted_at=version.created_at,
                approved_at=plan.approved_at,
                approval_letter_number=plan.approval_letter_number,
                approval_letter_date=plan.approval_letter_date,
                regulation_type=plan.regulation_type,
                regulation_name=plan.get_regulation_type_display() if plan.regulation_type else "",
                regulation_number=plan.regulation_number,
                regulation_date=plan.regulation_date,
                regulation_file=plan.regulation_file,
                regulation_file_name=plan.regulation_file_name,
                pdf_job_id=version.pdf_job_id,
                pdf_file=version.pdf_file or "",
                pdf_size=version.pdf_size,
                data=data,
            )
        )
    return result


def published_plans(*, with_data: bool = False) -> list[PublishedPlan]:
    """Every published plan, by cohort then region name. One query (two with `progress`
    filled when `with_data`: the latest progress of every quick win)."""
    plans = _published_plans(_versions(), with_data=with_data)
    if with_data:
        _attach_progress(plans)
    return plans


def published_plan(region_code: str) -> PublishedPlan | None:
    """The region's published plan with its snapshot and quick-win progress, or None when the
    region has none (never a draft or a version under review). Two queries.

    A region with plans in two cohorts publishes the later approved one.
    """
    plans = _published_plans(
        _versions().filter(plan__candidate__region__code=region_code), with_data=True
    )
    if not plans:
        return None
    plan = plans[-1]
    _attach_progress([plan])
    return plan


def published_plan_by_id(plan_id: int) -> PublishedPlan | None:
    """The same as `published_plan`, by the plan's pk (two queries)."""
    plans = _published_plans(_versions().filter(plan_id=plan_id), with_data=True)
    if not plans:
        return None
    _attach_progress(plans)
    return plans[0]


def latest_progress(programme_ids) -> dict[int, Progress]:
    """The latest progress report of each of these programmes (one query)."""
    ids = list(programme_ids)
    if not ids:
        return {}
    labels = dict(QuickWinUpdate.Status.choices)
    rows = (
        QuickWinUpdate.objects.filter(programme_id__in=ids)
        .order_by("programme_id", "-created_at", "-pk")
        .values_list("programme_id", "percent", "status", "created_at")
    )
    result: dict[int, Progress] = {}
    for programme_id, percent, status, created_at in rows:
        if programme_id not in result:
            result[programme_id] = Progress(
                percent=percent,
                status=status,
                status_name=str(labels.get(status, status)),
                reported_on=created_at.date(),
            )
    return result


def _attach_progress(plans: list[PublishedPlan]) -> None:
    ids = [
        p["id"]
        for plan in plans
        for p in (plan.data or {}).get("programmes", [])
        if p["is_quick_win"]
    ]
    progress = latest_progress(ids)
    for plan in plans:
        plan.progress = {
            p["id"]: progress[p["id"]]
            for p in (plan.data or {}).get("programmes", [])
            if p["id"] in progress
        }


def published_programmes(*, quick_wins_only: bool = False) -> list[PublishedProgramme]:
    """Every programme (or only the quick wins) of every published plan, in plan order then
    the snapshot's order. Two queries."""
    result = []
    for plan in published_plans(with_data=True):
        data, plan.data = plan.data, None  # the rows carry the plan without its whole snapshot
        for programme in data["programmes"]:
            if quick_wins_only and not programme["is_quick_win"]:
                continue
            result.append(
                PublishedProgramme(
                    plan=plan, programme=programme, progress=plan.progress.get(programme["id"])
                )
            )
    return result


def published_programme(plan_id: int, programme_id: int) -> PublishedProgramme | None:
    """One programme of a published plan, or None (two queries)."""
    plan = published_plan_by_id(plan_id)
    if plan is None:
        return None
    for programme in plan.data["programmes"]:
        if programme["id"] == programme_id:
            return PublishedProgramme(
                plan=plan, programme=programme, progress=plan.progress.get(programme_id)
            )
    return None


def published_programme_in_version(version_id: int, programme_id: int) -> PublishedProgramme | None:
    """One programme of a version, only if that version is published now (two queries)."""
    plans = _published_plans(_versions().filter(pk=version_id), with_data=True)
    if not plans:
        return None
    _attach_progress(plans)
    plan = plans[0]
    for programme in plan.data["programmes"]:
        if programme["id"] == programme_id:
            return PublishedProgramme(
                plan=plan, programme=programme, progress=plan.progress.get(programme_id)
            )
    return None


def adoption_counts(plan_id: int) -> dict[int, int]:
    """How often each programme of this plan was copied into other plans, by programme id
    (one query). Counts copies of any of its versions."""
    rows = (
        Programme.objects.filter(adapted_from_version__plan_id=plan_id)
        .values("adapted_from_programme")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["adapted_from_programme"]: row["n"] for row in rows}


# --- participants -----------------------------------------------------------------------------


def participants() -> list[Participant]:
    """Every region that became a participant, by cohort then name. One query."""
    mou_date = MoU.objects.filter(candidate=OuterRef("pk"), status=MoU.Status.SIGNED).values(
        "signing_date"
    )[:1]
    published = _versions().filter(plan__candidate=OuterRef("pk")).values("pk")[:1]
    rows = (
        Candidate.objects.filter(status=Candidate.Status.PARTICIPANT)
        .select_related("region__province", "cohort")
        .annotate(mou_date=Subquery(mou_date), published_version=Subquery(published))
        .order_by("cohort__year", "region__name")
    )
    return [
        Participant(
            region_code=c.region.code,
            region_name=c.region.name,
            region_kind=c.region.kind,
            province_code=c.region.province.code if c.region.province else "",
            province_name=c.region.province.name if c.region.province else "",
            cohort_year=c.cohort.year,
            mou_date=c.mou_date,
            plan_status="published" if c.published_version else "in_progress",
        )
        for c in rows
    ]


# --- the stamp --------------------------------------------------------------------------------


def published_stamp() -> PublishedStamp:
    """A value that changes whenever something published changes: a plan approved or enacted
    (its event), an approved PDF finished, a quick-win progress report, a participant or MoU
    saved, a published programme copied into another plan (its adoption count is shown). One
    query (a UNION of six small aggregates on indexed columns)."""
    one = Value(1, output_field=IntegerField())
    parts = [
        PlanEvent.objects.filter(new__in=Plan.APPROVED_STATES)
        .annotate(k=one)
        .values("k")
        .annotate(at=Max("at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
        PdfJob.objects.filter(approved=True, status=PdfJob.Status.DONE)
        .annotate(k=Value(2, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("finished_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
        QuickWinUpdate.objects.annotate(k=Value(3, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("created_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
        Candidate.objects.filter(status=Candidate.Status.PARTICIPANT)
        .annotate(k=Value(4, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("updated_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
        Programme.objects.filter(adapted_from_version__isnull=False)
        .annotate(k=Value(6, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("created_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
        MoU.objects.annotate(k=Value(5, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("updated_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by(),
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True).order_by().values_list("k", "at", "n"))
    text = ";".join(f"{k}:{at.isoformat() if at else ''}:{n}" for k, at, n in rows)
    dates = [at for _k, at, _n in rows if at]
    return PublishedStamp(
        key=hashlib.sha256(text.encode()).hexdigest()[:20], modified=max(dates, default=None)
    )
