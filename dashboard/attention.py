"""What needs attention: the officer's worklist across every stage, each item with a link to
the page where it is fixed.

Thresholds are settings: `DASHBOARD_DEADLINE_DAYS` (questionnaires still unsubmitted this close
to the cohort's deadline, or past it) and `DASHBOARD_IDLE_REVIEW_DAYS` (plans waiting on a
review, or revision requests waiting on the region, this long). Quick wins use the follow-up's
own definition of lagging (`masterplan.services.followup.lag`). One query per kind of item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assessment.models import PanelMember, Questionnaire, ScoreSheet
from assessment.services.selection import UNDECIDED
from candidates.models import Candidate
from masterplan.models import PdfJob, Plan
from partners.models import MentorAssignment, MoU
from partners.services.assignments import MENTORED_STATUSES

from .funnel import QuickWin, QuickWinState
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


def _in_scope(rows, places: dict[str, Place], scope: Scope, code_of):
    for row in rows:
        place = places.get(code_of(row))
        if place is not None and scope.admits(place):
            yield row, place


def _candidates(scope: Scope, *fields):
    """Candidates with only what the worklist shows (a dashboard reads hundreds of them)."""
    candidates = (
        Candidate.objects.select_related("region", "cohort")
        .only("pk", "status", "region__code", "cohort__year", *fields)
        .order_by("cohort__year", "region__code")
    )
    if scope.cohort_year is not None:
        candidates = candidates.filter(cohort__year=scope.cohort_year)
    return candidates


def _plans(scope: Scope):
    """Plans with only what the worklist shows: never the plan's long texts."""
    plans = (
        Plan.objects.select_related("candidate__region", "candidate__cohort")
        .only(
            "pk",
            "status",
            "status_changed_at",
            "candidate__region__code",
            "candidate__cohort__year",
        )
        .order_by("status_changed_at", "pk")
    )
    if scope.cohort_year is not None:
        plans = plans.filter(candidate__cohort__year=scope.cohort_year)
    return plans


def questionnaires_due(scope, places, now, links) -> Worklist:
    """Invited regions that have not submitted their questionnaire while the deadline is near
    (within DASHBOARD_DEADLINE_DAYS) or past, in cohorts whose selection is not decided yet."""
    soon = now + timedelta(days=settings.DASHBOARD_DEADLINE_DAYS)
    submitted = Questionnaire.objects.filter(
        candidate=OuterRef("pk"), status=Questionnaire.Status.SUBMITTED
    )
    rows = (
        _candidates(scope, "cohort__questionnaire_deadline")
        .filter(
            status__in=UNDECIDED,
            cohort__questionnaire_deadline__lte=soon,
            cohort__selection__isnull=True,
        )
        .exclude(Exists(submitted))
        .annotate(started=Exists(Questionnaire.objects.filter(candidate=OuterRef("pk"))))
    )
    work = Worklist(
        "kuesioner",
        _("Kuesioner belum diajukan menjelang batas waktu"),
        _("Ingatkan daerah; staf dapat membuka kuesioner."),
    )
    for candidate, place in _in_scope(rows, places, scope, lambda c: c.region.code):
        deadline = candidate.cohort.questionnaire_deadline
        days = (timezone.localdate(deadline) - timezone.localdate(now)).days
        if days < 0:
            detail = ngettext("Batas lewat %(n)d hari.", "Batas lewat %(n)d hari.", -days) % {
                "n": -days
            }
        else:
            detail = ngettext("Batas %(n)d hari lagi.", "Batas %(n)d hari lagi.", days) % {
                "n": days
            }
        if not candidate.started:
            detail = _("%(deadline)s Belum mulai diisi.") % {"deadline": detail}
        # Staff read a questionnaire the region has started; before that, the candidate's
        # report is the ministry's page of the candidacy.
        page = "questionnaire" if candidate.started else "candidate_report"
        work.items.append(
            Item(place, candidate.cohort.year, detail, links(page, candidate.pk), deadline)
        )
    return work


def panels_missing_sheets(scope, places, now, links) -> Worklist:
    """Undecided candidates whose panel has a seat without a submitted score sheet."""
    rows = (
        _candidates(scope)
        .filter(status__in=UNDECIDED, cohort__selection__isnull=True)
        .annotate(
            seats=Count("panel", distinct=True),
            submitted=Count(
                "panel",
                filter=Q(panel__sheet__status=ScoreSheet.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .filter(Exists(PanelMember.objects.filter(candidate=OuterRef("pk"))))
    )
    work = Worklist(
        "panel",
        _("Panel dengan lembar nilai belum diajukan"),
        _("Hubungi asesor panel; lihat laporan kandidat."),
    )
    for candidate, place in _in_scope(rows, places, scope, lambda c: c.region.code):
        if candidate.submitted < candidate.seats:
            work.items.append(
                Item(
                    place,
                    candidate.cohort.year,
                    _("%(done)d dari %(seats)d lembar diajukan.")
                    % {"done": candidate.submitted, "seats": candidate.seats},
                    links("candidate_report", candidate.pk),
                )
            )
    return work


def selected_without_mou(scope, places, now, links) -> Worklist:
    """Selected regions whose MoU is not signed (none yet, pending or withdrawn)."""
    rows = (
        _candidates(scope, "mou__status")
        .filter(status=Candidate.Status.SELECTED)
        .select_related("mou")
    )
    work = Worklist(
        "mou",
        _("Terpilih tetapi MoU belum ditandatangani"),
        _("Catat penandatanganan MoU."),
    )
    for candidate, place in _in_scope(rows, places, scope, lambda c: c.region.code):
        mou = getattr(candidate, "mou", None)
        if mou is not None and mou.status == MoU.Status.SIGNED:
            continue
        detail = mou.get_status_display() if mou else _("Belum ada MoU.")
        work.items.append(
            Item(place, candidate.cohort.year, detail, links("mou_detail", candidate.pk))
        )
    return work


def without_mentors(scope, places, now, links) -> Worklist:
    """Regions in the programme (selected or participating) with no active mentor."""
    active = MentorAssignment.objects.active().filter(candidate=OuterRef("pk"))
    rows = _candidates(scope).filter(status__in=MENTORED_STATUSES).exclude(Exists(active))
    work = Worklist(
        "mentor",
        _("Daerah tanpa mentor"),
        _("Tugaskan mentor pada halaman tim mentor angkatan."),
    )
    for candidate, place in _in_scope(rows, places, scope, lambda c: c.region.code):
        work.items.append(
            Item(
                place,
                candidate.cohort.year,
                candidate.get_status_display(),
                links("mentoring_overview", candidate.cohort.year),
            )
        )
    return work


def _idle(statuses, scope, places, now, links, key, title, action, detail_text) -> Worklist:
    cutoff = now - timedelta(days=settings.DASHBOARD_IDLE_REVIEW_DAYS)
    rows = _plans(scope).filter(status__in=statuses, status_changed_at__lte=cutoff)
    work = Worklist(key, title, action)
    for plan, place in _in_scope(rows, places, scope, lambda p: p.candidate.region.code):
        days = _days(plan.status_changed_at, now)
        work.items.append(
            Item(
                place,
                plan.candidate.cohort.year,
                detail_text % {"status": plan.get_status_display(), "days": days},
                links("plan_detail", plan.pk),
                plan.status_changed_at,
            )
        )
    return work


def plans_idle_in_review(scope, places, now, links) -> Worklist:
    """Plans waiting on their mentors (submitted, resubmitted) or on Kominfo (endorsed) for more
    than DASHBOARD_IDLE_REVIEW_DAYS."""
    return _idle(
        (*Plan.UNDER_REVIEW, Plan.Status.ENDORSED),
        scope,
        places,
        now,
        links,
        "reviu",
        _("Masterplan menunggu reviu terlalu lama"),
        _("Ingatkan mentor, atau sahkan bila sudah disetujui mentor."),
        _("%(status)s sejak %(days)d hari."),
    )


def revisions_unanswered(scope, places, now, links) -> Worklist:
    """Revision requests the region has not answered for more than DASHBOARD_IDLE_REVIEW_DAYS."""
    return _idle(
        (Plan.Status.REVISION,),
        scope,
        places,
        now,
        links,
        "revisi",
        _("Permintaan revisi belum dijawab daerah"),
        _("Ingatkan daerah untuk mengajukan ulang."),
        _("%(status)s sejak %(days)d hari."),
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


def failed_pdfs(scope, places, now, links) -> Worklist:
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


def worklists(*, scope: Scope, places: dict[str, Place], quick_wins: list[QuickWin], now=None):
    """Every kind of item in programme order. Seven queries (quick wins come judged)."""
    now = now or timezone.now()
    links = Links()
    return [
        questionnaires_due(scope, places, now, links),
        panels_missing_sheets(scope, places, now, links),
        selected_without_mou(scope, places, now, links),
        without_mentors(scope, places, now, links),
        plans_idle_in_review(scope, places, now, links),
        revisions_unanswered(scope, places, now, links),
        quick_wins_behind(quick_wins, links),
        failed_pdfs(scope, places, now, links),
    ]
