"""Reads for the homes that show plan work: a mentor's regions with their plans' state, a
region's plans with what its mentor asked, and the quick-win reports a region owes.

Each read answers in a fixed number of queries however many rows it returns, and starts from
the permission-aware reads (`access.plans_visible_to`, `followup.quick_wins_visible_to`), so a
home never shows more than its person may open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from partners.models import MentorAssignment

from . import access
from .models import Plan, PlanEndorsement, PlanEvent, ReviewComment
from .services.followup import QuickWinRow, quick_win_table_rows

# A region reports on each quick win about monthly; a report older than this is due again.
REPORT_EVERY_DAYS = 30
# A plan waiting this long for its mentor's review is urgent on the mentor's home.
REVIEW_URGENT_DAYS = 14


def _open_comments():
    """Open top-level comments (replies have no status of their own)."""
    return ReviewComment.objects.filter(parent__isnull=True, status=ReviewComment.Status.OPEN)


def _count(queryset):
    """A count per plan as a subquery (`queryset` already tied to the outer row)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("plan").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


# --- the mentor's home ---------------------------------------------------------------------


def mentor_regions(user) -> list[MentorAssignment]:
    """The mentor's active assignments, those whose plan waits for them first (the longest
    waiting first), then plans in revision, then the rest by cohort and region.

    Each assignment has `plan` (None before the region starts one), `waiting` (the plan is
    submitted or resubmitted and this mentor has not endorsed its latest version: the mentor's
    review is due), `endorsed_by_me` (they have: the plan waits for the other mentors, see
    `services.workflow.plan_endorse`), `own_open_comments` (the mentor's own
    comments still open on it), `open_comments` (every open comment on it) and the other active
    mentors of the region as `candidate.co_mentors`. Three queries: the session's user aside,
    the assignments with region, cohort and plan, and the co-mentors.
    """
    active = MentorAssignment.objects.active()
    on_plan = {"plan__candidate": OuterRef("candidate")}
    assignments = list(
        active.filter(mentor=user)
        .select_related("candidate__region", "candidate__cohort", "candidate__plan")
        .annotate(
            own_open_comments=_count(_open_comments().filter(author=user, **on_plan)),
            open_comments=_count(_open_comments().filter(**on_plan)),
            endorsed_by_me=Exists(
                PlanEndorsement.objects.filter(
                    mentor=user,
                    version__number=OuterRef("candidate__plan__version_count"),
                    **on_plan,
                )
            ),
        )
        .prefetch_related(
            Prefetch(
                "candidate__mentor_assignments",
                queryset=active.exclude(mentor=user)
                .select_related("mentor__institution")
                .order_by("assigned_at", "pk"),
                to_attr="co_mentors",
            )
        )
        .order_by("-candidate__cohort__year", "candidate__region__code")
    )
    now = timezone.now()
    for assignment in assignments:
        plan = getattr(assignment.candidate, "plan", None)
        assignment.plan = plan
        under_review = plan is not None and plan.status in Plan.UNDER_REVIEW
        assignment.endorsed_by_me = under_review and assignment.endorsed_by_me
        assignment.waiting = under_review and not assignment.endorsed_by_me
        since = (plan.status_changed_at or plan.created_at) if plan else None
        assignment.waiting_days = (now - since).days if assignment.waiting else None

    def urgency(a):
        if a.waiting:
            return (0, a.plan.status_changed_at or a.plan.created_at)
        if a.plan is not None and a.plan.status == Plan.Status.REVISION:
            return (1, now)
        return (2, now)

    # Stable: within a group the cohort and region order of the query stays.
    return sorted(assignments, key=urgency)


# --- the regional official's home ------------------------------------------------------------


def official_plans(user) -> dict[int, Plan]:
    """The plans of the official's region by candidacy id, in one query, each with what the
    region must answer: `revision_note` and `revision_at` (the latest request for a revision)
    with `revision_by` (who asked), `open_comments` (open comments the region sees, mentors'
    internal notes left out) and `open_blocking` (those of them that block the approval)."""
    request = PlanEvent.objects.filter(plan=OuterRef("pk"), new=Plan.Status.REVISION).order_by(
        "-at", "-pk"
    )
    seen = _open_comments().filter(plan=OuterRef("pk"), mentor_only=False)
    plans = access.plans_visible_to(user).annotate(
        revision_note=Subquery(request.values("note")[:1]),
        revision_at=Subquery(request.values("at")[:1]),
        revision_first_name=Subquery(request.values("by__first_name")[:1]),
        revision_last_name=Subquery(request.values("by__last_name")[:1]),
        revision_username=Subquery(request.values("by__username")[:1]),
        open_comments=_count(seen),
        open_blocking=_count(seen.filter(blocking=True)),
    )
    found = {}
    for plan in plans:
        full = f"{plan.revision_first_name or ''} {plan.revision_last_name or ''}".strip()
        plan.revision_by = full or plan.revision_username or ""
        found[plan.candidate_id] = plan
    return found


@dataclass
class ReportDue:
    """A quick win whose progress report is due: `row` (its timeline, latest update and lag,
    from `services.followup`) and `last` (the day of its latest report, None if never)."""

    row: QuickWinRow
    last: date | None

    @property
    def late(self) -> bool:
        """Behind by the follow-up's own rule (`followup.lag`), not only unreported."""
        return self.row.lag.lagging


def reports_due(rows: list[QuickWinRow], *, today: date) -> list[ReportDue]:
    """Of these quick-win rows (`followup.quick_win_table_rows`), those whose report is due, the
    late ones first, then the longest unreported.

    A report is due once a quick win has started and is not yet done (100 %) when it has had
    no report for `REPORT_EVERY_DAYS`; it is late when the follow-up judges it lagging (behind
    its timeline, last reported late or blocked, or silent `SILENT_DAYS` after its start). A
    quick win whose start is not a plausible date is left to the plan page, which flags it.
    """
    due = []
    for row in rows:
        if row.lag.invalid_date or row.start is None or row.start > today:
            continue
        if row.latest_percent == 100:
            continue
        last = timezone.localdate(row.latest_at) if row.latest_at else None
        if last is None or (today - last).days >= REPORT_EVERY_DAYS:
            due.append(ReportDue(row=row, last=last))
    return sorted(due, key=lambda d: (not d.late, d.last or date.min))


def quick_win_followup(user, *, today: date | None = None):
    """Every quick win this user follows (`followup.quick_win_table_rows`, one query) and those
    of them whose report is due (`reports_due`)."""
    today = today or timezone.localdate()
    rows = quick_win_table_rows(user, today=today)
    return rows, reports_due(rows, today=today)
