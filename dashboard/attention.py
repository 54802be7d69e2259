"""What needs attention: the officer's worklist across every stage, each item with a link to
the page where it is fixed.

Thresholds are settings: `DASHBOARD_DEADLINE_DAYS` (questionnaires still unsubmitted this close
to the cohort's deadline, or past it) and `DASHBOARD_IDLE_REVIEW_DAYS` (plans waiting on a
review, or revision requests waiting on the region, this long). Quick wins use the follow-up's
own definition of lagging (`masterplan.services.followup.lag`). The items are read from the
funnel's records of each candidacy (`funnel.candidacies`), so the worklist and the funnel see
the same facts; only failed PDFs need a query of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assessment.models import Questionnaire
from assessment.services.selection import UNDECIDED
from candidates.models import Candidate
from masterplan.models import PdfJob, Plan
from partners.models import MoU
from partners.services.assignments import MENTORED_STATUSES

from .funnel import QuickWin, QuickWinState, Track
from .regions import Place, Scope


@dataclass
class Item:
    """One thing to chase: a region, what is wrong, since when, and where to fix it."""

    place: Place
    cohort_year: int
    detail: str
    url: str
    since: datetime | None = None


@dataclass
class Worklist:
    """One kind of item (`key`), with its title, what fixes it and the items in scope."""

    key: str
    title: str
    action: str
    items: list[Item] = field(default_factory=list)


class Links:
    """Each URL name reversed once per page, rows putting their own arguments in its place
    (a worklist may hold hundreds of rows; `reverse` costs ~0.1 ms each)."""

    SENTINEL = "987654321"  # fits the `int` and `str` converters alike

    def __init__(self):
        self._patterns: dict[tuple[str, int], str] = {}

    def __call__(self, name: str, *args) -> str:
        key = (name, len(args))
        if key not in self._patterns:
            self._patterns[key] = reverse(name, args=[self.SENTINEL] * len(args))
        url = self._patterns[key]
        for arg in args:
            url = url.replace(self.SENTINEL, str(arg), 1)
        return url


def _days(moment: datetime, now: datetime) -> int:
    return (now - moment).days


@dataclass(frozen=True)
class CohortDates:
    """What the worklist needs of a cohort: its questionnaire deadline and whether its
    selection is decided (then questionnaires and panels are no longer chased)."""

    year: int
    questionnaire_deadline: datetime | None
    decided: bool


def _candidacies(tracks: list[Track]):
    """The tracks of candidacies (not regions only screened), in cohort and code order."""
    return [(t, t.candidacy) for t in tracks if t.candidacy is not None]


def questionnaires_due(tracks, cohorts: dict[int, CohortDates], now, links) -> Worklist:
    """Invited regions that have not submitted their questionnaire while the deadline is near
    (within DASHBOARD_DEADLINE_DAYS) or past, in cohorts whose selection is not decided yet."""
    soon = now + timedelta(days=settings.DASHBOARD_DEADLINE_DAYS)
    work = Worklist(
        "kuesioner",
        _("Kuesioner belum diajukan menjelang batas waktu"),
        _("Ingatkan daerah; staf dapat membuka kuesioner."),
    )
    for track, c in _candidacies(tracks):
        cohort = cohorts[c.cohort_year]
        deadline = cohort.questionnaire_deadline
        if (
            cohort.decided
            or deadline is None
            or deadline > soon
            or c.status not in UNDECIDED
            or c.questionnaire_status == Questionnaire.Status.SUBMITTED
        ):
            continue
        days = (timezone.localdate(deadline) - timezone.localdate(now)).days
        if days < 0:
            detail = ngettext("Batas lewat %(n)d hari.", "Batas lewat %(n)d hari.", -days) % {
                "n": -days
            }
        else:
            detail = ngettext("Batas %(n)d hari lagi.", "Batas %(n)d hari lagi.", days) % {
                "n": days
            }
        started = bool(c.questionnaire_status)
        if not started:
            detail = _("%(deadline)s Belum mulai diisi.") % {"deadline": detail}
        # Staff read a questionnaire the region has started; before that, the candidate's
        # report is the ministry's page of the candidacy.
        page = "questionnaire" if started else "candidate_report"
        work.items.append(Item(track.place, c.cohort_year, detail, links(page, c.pk), deadline))
    return work


def panels_missing_sheets(tracks, cohorts: dict[int, CohortDates], links) -> Worklist:
    """Undecided candidates whose panel has a seat without a submitted score sheet."""
    work = Worklist(
        "panel",
        _("Panel dengan lembar nilai belum diajukan"),
        _("Hubungi asesor panel; lihat laporan kandidat."),
    )
    for track, c in _candidacies(tracks):
        if cohorts[c.cohort_year].decided or c.status not in UNDECIDED:
            continue
        if c.sheets_submitted < c.seats:
            work.items.append(
                Item(
                    track.place,
                    c.cohort_year,
                    _("%(done)d dari %(seats)d lembar diajukan.")
                    % {"done": c.sheets_submitted, "seats": c.seats},
                    links("candidate_report", c.pk),
                )
            )
    return work


def selected_without_mou(tracks, links) -> Worklist:
    """Selected regions whose MoU is not signed (none yet, pending or withdrawn)."""
    work = Worklist(
        "mou",
        _("Terpilih tetapi MoU belum ditandatangani"),
        _("Catat penandatanganan MoU."),
    )
    for track, c in _candidacies(tracks):
        if c.status != Candidate.Status.SELECTED or c.mou_status == MoU.Status.SIGNED:
            continue
        detail = MoU.Status(c.mou_status).label if c.mou_status else _("Belum ada MoU.")
        work.items.append(Item(track.place, c.cohort_year, detail, links("mou_detail", c.pk)))
    return work


def without_mentors(tracks, links) -> Worklist:
    """Regions in the programme (selected or participating) with no active mentor."""
    work = Worklist(
        "mentor",
        _("Daerah tanpa mentor"),
        _("Tugaskan mentor pada halaman tim mentor angkatan."),
    )
    for track, c in _candidacies(tracks):
        if c.status in MENTORED_STATUSES and not c.active_mentor:
            work.items.append(
                Item(
                    track.place,
                    c.cohort_year,
                    Candidate.Status(c.status).label,
                    links("mentoring_overview", c.cohort_year),
                )
            )
    return work


def _idle(statuses, tracks, now, links, key, title, action) -> Worklist:
    cutoff = now - timedelta(days=settings.DASHBOARD_IDLE_REVIEW_DAYS)
    work = Worklist(key, title, action)
    idle = [
        (track, c)
        for track, c in _candidacies(tracks)
        if c.plan_status in statuses and c.plan_changed_at and c.plan_changed_at <= cutoff
    ]
    for track, c in sorted(idle, key=lambda pair: (pair[1].plan_changed_at, pair[1].plan_id)):
        work.items.append(
            Item(
                track.place,
                c.cohort_year,
                _("%(status)s sejak %(days)d hari.")
                % {
                    "status": Plan.Status(c.plan_status).label,
                    "days": _days(c.plan_changed_at, now),
                },
                links("plan_detail", c.plan_id),
                c.plan_changed_at,
            )
        )
    return work


def plans_idle_in_review(tracks, now, links) -> Worklist:
    """Plans waiting on their mentors (submitted, resubmitted) or on Kominfo (endorsed) for more
    than DASHBOARD_IDLE_REVIEW_DAYS."""
    return _idle(
        (*Plan.UNDER_REVIEW, Plan.Status.ENDORSED),
        tracks,
        now,
        links,
        "reviu",
        _("Masterplan menunggu reviu terlalu lama"),
        _("Ingatkan mentor, atau sahkan bila sudah disetujui mentor."),
    )


def revisions_unanswered(tracks, now, links) -> Worklist:
    """Revision requests the region has not answered for more than DASHBOARD_IDLE_REVIEW_DAYS."""
    return _idle(
        (Plan.Status.REVISION,),
        tracks,
        now,
        links,
        "revisi",
        _("Permintaan revisi belum dijawab daerah"),
        _("Ingatkan daerah untuk mengajukan ulang."),
    )


def quick_wins_behind(found: list[QuickWin], links) -> Worklist:
    """Quick wins the follow-up judges lagging: behind the timeline, late or blocked, or with
    no report 60 days after they started."""
    work = Worklist(
        "quick-win",
        _("Quick win tertinggal atau tanpa laporan"),
        _("Minta daerah melaporkan progres."),
    )
    for item in found:
        if item.state == QuickWinState.LAGGING:
            plan = item.row.plan
            work.items.append(
                Item(
                    item.place,
                    item.row.cohort.year,
                    f"{item.row.programme.name}: {item.row.lag.reason}",
                    links("quick_win_progress", plan.pk, item.row.programme.pk),
                )
            )
    return work


def _in_scope(rows, places: dict[str, Place], scope: Scope, code_of):
    for row in rows:
        place = places.get(code_of(row))
        if place is not None and scope.admits(place):
            yield row, place


def failed_pdfs(scope, places, links) -> Worklist:
    """PDF prints that failed for a plan's latest version (an older version's no longer
    matters once the region submitted a newer one)."""
    rows = (
        PdfJob.objects.filter(status=PdfJob.Status.FAILED)
        .select_related("version__plan__candidate__region", "version__plan__candidate__cohort")
        .only(
            "pk",
            "error",
            "finished_at",
            "version__number",
            "version__plan__version_count",
            "version__plan__candidate__region__code",
            "version__plan__candidate__cohort__year",
        )
        .order_by("-finished_at", "-pk")
    )
    if scope.cohort_year is not None:
        rows = rows.filter(version__plan__candidate__cohort__year=scope.cohort_year)
    work = Worklist(
        "pdf",
        _("PDF masterplan gagal dibuat"),
        _("Buat ulang PDF pada halaman masterplan."),
    )
    for job, place in _in_scope(
        rows, places, scope, lambda j: j.version.plan.candidate.region.code
    ):
        plan = job.version.plan
        if job.version.number != plan.version_count:
            continue
        work.items.append(
            Item(
                place,
                plan.candidate.cohort.year,
                _("Versi %(n)d: %(error)s") % {"n": job.version.number, "error": job.error[:120]},
                links("plan_detail", plan.pk) + "#plan-pdf-heading",
                job.finished_at,
            )
        )
    return work


def worklists(
    *,
    tracks: list[Track],
    cohorts: dict[int, CohortDates],
    quick_wins: list[QuickWin],
    scope: Scope,
    places: dict[str, Place],
    now=None,
):
    """Every kind of item in programme order, from the funnel's tracks (the candidacies'
    records) and quick wins; one query of its own, for the failed PDFs."""
    now = now or timezone.now()
    links = Links()
    return [
        questionnaires_due(tracks, cohorts, now, links),
        panels_missing_sheets(tracks, cohorts, links),
        selected_without_mou(tracks, links),
        without_mentors(tracks, links),
        plans_idle_in_review(tracks, now, links),
        revisions_unanswered(tracks, now, links),
        quick_wins_behind(quick_wins, links),
        failed_pdfs(scope, places, links),
    ]
