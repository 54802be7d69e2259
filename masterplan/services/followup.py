"""Quick-win follow-up after approval: the region reports progress, the portal flags lag.

A quick win is a programme with `is_quick_win` and a timeline of `quick_win_months` (6–12)
from `quick_win_start`, or from the day the ministry approved the plan when no start was set.
Once the plan is approved (or enacted) the region's officials post updates (percent done, a
status, a note, evidence); the region, its assigned mentors and staff read them; partners never
do. A quick win lags when its progress falls behind its timeline (see `lag`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import MAXYEAR, date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from partners.models import MentorAssignment
from smartcity.access import user_has_role
from smartcity.models import User
from smartcity.storage import save_private
from smartcity.uploads import validate_document
from smartcity.validators import NOTE_MAX, is_plausible_date

from ..access import is_region_official
from ..models import Plan, Programme, QuickWinUpdate

# A report this many points below the timeline's expectation is behind, not just noisy.
LAG_POINTS = 15
# A quick win nobody reported on this long after it started is treated as behind.
SILENT_DAYS = 60
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class FollowupError(Exception):
    """A progress update this user or this quick win does not allow; the message says why."""


# --- the timeline (pure) ---------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """`start` plus `months` calendar months, clamped to the month's end (31 Jan + 1 = 28 Feb).

    Past the calendar's last day it answers that day (`date.max`) rather than raising: a start
    near year 9999 may be stored from before dates were checked, and one such row must not
    break a page that lists every region's quick wins.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > MAXYEAR:
        return date.max
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def expected_percent(start: date, months: int, today: date) -> int:
    """How far along a quick win should be on `today`: linear over its months, 0 to 100.

    Rounded down, so a quick win is never expected to be further than the calendar says.
    """
    end = add_months(start, months)
    if today <= start:
        return 0
    if today >= end:
        return 100
    return 100 * (today - start).days // (end - start).days


@dataclass(frozen=True)
class Lag:
    """Whether a quick win is behind (`lagging`), and why, in Bahasa (`reasons`).

    `invalid_date` marks a quick win whose start is not a date the programme can mean (see
    `invalid_start`): it is flagged for the region to fix, not judged.
    """

    expected: int
    reasons: tuple[str, ...] = ()
    invalid_date: bool = False

    @property
    def lagging(self) -> bool:
        return bool(self.reasons)

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def lag(
    *,
    start: date,
    months: int,
    today: date,
    percent: int | None,
    status: str | None,
) -> Lag:
    """Judge a quick win from its latest update (`percent`/`status`, None when there is none).

    It lags when the latest percent is more than `LAG_POINTS` below the expected percent, when
    the latest status is late or blocked, or when there is no update `SILENT_DAYS` or more days
    after its start.
    """
    expected = expected_percent(start, months, today)
    reasons = []
    if percent is None:
        if (today - start).days >= SILENT_DAYS:
            reasons.append(
                _("Belum ada laporan progres %(days)d hari setelah mulai.") % {"days": SILENT_DAYS}
            )
        return Lag(expected, tuple(reasons))
    if expected - percent > LAG_POINTS:
        reasons.append(
            _("Progres %(actual)d%% di bawah target %(expected)d%% menurut jadwal.")
            % {"actual": percent, "expected": expected}
        )
    if status in (QuickWinUpdate.Status.LATE, QuickWinUpdate.Status.BLOCKED):
        reasons.append(
            _("Status terakhir: %(status)s.") % {"status": QuickWinUpdate.Status(status).label}
        )
    return Lag(expected, tuple(reasons))


def invalid_start(start: date) -> Lag:
    """The flag on a quick win whose stored start lies outside 1900–2100 (kept from before dates
    were checked): its timeline cannot be computed, so it is shown for the region to fix."""
    return Lag(
        0,
        (
            _("Tanggal mulai tidak valid (%(date)s); perbaiki di masterplan.")
            % {"date": start.isoformat()},
        ),
        invalid_date=True,
    )


def timeline_start(programme: Programme, plan: Plan) -> date | None:
    """The quick win's own start, or the plan's approval day (in Jakarta) when it has none."""
    if programme.quick_win_start:
        return programme.quick_win_start
    if plan.approved_at:
        return timezone.localdate(plan.approved_at)
    return None


# --- who sees and who posts ------------------------------------------------------------------


def quick_wins_visible_to(user):
    """Quick wins of approved or enacted plans this user may follow, with region and cohort.

    Staff see all of them; a regional official their region's; a mentor those of the regions
    they are actively assigned to; partners and everyone else none.
    """
    quick_wins = Programme.objects.filter(
        is_quick_win=True, plan__status__in=Plan.APPROVED_STATES
    ).select_related("plan__candidate__region", "plan__candidate__cohort")
    if user_has_role(user, User.Role.STAFF):
        return quick_wins
    if user_has_role(user, User.Role.OFFICIAL):
        return quick_wins.filter(plan__candidate__region_id=user.region_id)
    if user_has_role(user, User.Role.MENTOR):
        assigned = MentorAssignment.objects.active().filter(
            candidate=OuterRef("plan__candidate"), mentor=user
        )
        return quick_wins.filter(Exists(assigned))
    return quick_wins.none()


def quick_win_for_user(user, plan_pk: int, programme_pk: int) -> Programme:
    """The quick win if this user may follow it, with its latest update (`with_latest_update`);
    404 for missing and not yours alike."""
    return get_object_or_404(
        with_latest_update(quick_wins_visible_to(user)), pk=programme_pk, plan_id=plan_pk
    )


def quick_win_update_for_user(user, update_pk: int) -> QuickWinUpdate:
    """An update (for its evidence) if this user may follow its quick win; 404 otherwise."""
    return get_object_or_404(
        QuickWinUpdate.objects.select_related("programme"),
        pk=update_pk,
        programme__in=quick_wins_visible_to(user),
    )


def quick_win_may_post(user, programme: Programme) -> tuple[bool, str]:
    """Only the region's officials report, on a quick win of an approved or enacted plan."""
    plan = programme.plan
    if not is_region_official(user, plan):
        return False, _("Hanya pejabat daerah ini yang dapat melaporkan progres quick win.")
    if not programme.is_quick_win:
        return False, _("Program ini bukan quick win.")
    if plan.status not in Plan.APPROVED_STATES:
        return False, _("Progres quick win dilaporkan setelah masterplan disahkan.")
    return True, ""


def latest_update(programme: Programme) -> QuickWinUpdate | None:
    """The quick win's most recent progress report, with its author."""
    return (
        QuickWinUpdate.objects.filter(programme=programme)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def repeats(update: QuickWinUpdate | None, *, percent, status: str, note: str, evidence) -> bool:
    """Whether a new report says nothing the last one did not: same percent, status and note,
    and no new evidence. Such a report is a double submission, not progress."""
    return (
        update is not None
        and evidence is None
        and (update.percent, update.status, update.note) == (percent, status, note.strip())
    )


@transaction.atomic
def quick_win_update_post(
    *, programme: Programme, by, percent, status: str, note: str = "", evidence=None
) -> QuickWinUpdate:
    """Record the region's progress report on a quick win, with its evidence stored privately.

    Raises FollowupError when `by` may not report on this quick win, and ValidationError (keyed
    by field: percent, status, evidence) for bad input, or without a field (code `duplicate`)
    for a report identical to the last one. Evidence is a PDF or a JPEG/PNG of at most 10 MB,
    judged by its content, never by its name.
    """
    allowed, reason = quick_win_may_post(by, programme)
    if not allowed:
        raise FollowupError(reason)
    errors = {}
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        errors["percent"] = _("Persen selesai harus bilangan bulat 0 sampai 100.")
    if status not in QuickWinUpdate.Status.values:
        errors["status"] = _("Pilih status progres.")
    if len(note) > NOTE_MAX:
        errors["note"] = _("Catatan paling banyak %(n)s karakter.") % {"n": NOTE_MAX}
    validated = None
    if evidence is not None:
        try:
            validated = validate_document(evidence, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as exc:
            errors["evidence"] = exc.messages
    if errors:
        raise ValidationError(errors)
    # The quick win's row is locked while its last report is compared, so two identical posts
    # sent at once (two tabs) cannot both pass the comparison.
    Programme.objects.select_for_update().only("pk").get(pk=programme.pk)
    last = latest_update(programme)
    if repeats(last, percent=percent, status=status, note=note, evidence=evidence):
        raise ValidationError(
            _(
                "Laporan ini sama dengan laporan terakhir (%(date)s: %(percent)s%%, %(status)s) "
                "dan tidak disimpan. Ubah persen, status atau catatan, atau lampirkan bukti baru."
            )
            % {
                "date": formats.date_format(timezone.localtime(last.created_at)),
                "percent": last.percent,
                "status": last.get_status_display(),
            },
            code="duplicate",
        )
    update = QuickWinUpdate(
        programme=programme, percent=percent, status=status, note=note.strip(), created_by=by
    )
    if validated:
        update.evidence = save_private(validated, folder=f"masterplan/quickwin/{programme.pk}")
        update.evidence_name = validated.original_name
        update.evidence_sha256 = validated.sha256
    update.save()
    return update


# --- reads for pages -------------------------------------------------------------------------


@dataclass
class QuickWinRow:
    """One quick win with its timeline, latest update and lag, as pages and the table show it."""

    programme: Programme
    start: date | None
    end: date | None
    latest_percent: int | None
    latest_status: str | None
    latest_at: object  # datetime of the latest update, or None
    lag: Lag = field(default_factory=lambda: Lag(0))

    @property
    def plan(self) -> Plan:
        return self.programme.plan

    @property
    def region(self):
        return self.programme.plan.candidate.region

    @property
    def cohort(self):
        return self.programme.plan.candidate.cohort

    @property
    def months(self) -> int:
        return self.programme.quick_win_months

    @property
    def expected(self) -> int:
        return self.lag.expected

    @property
    def latest_status_label(self) -> str:
        return QuickWinUpdate.Status(self.latest_status).label if self.latest_status else ""


def with_latest_update(quick_wins):
    """Annotate each quick win with its latest update's percent, status and time (one query)."""
    latest = QuickWinUpdate.objects.filter(programme=OuterRef("pk")).order_by("-created_at", "-pk")
    return quick_wins.annotate(
        latest_percent=Subquery(latest.values("percent")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        latest_at=Subquery(latest.values("created_at")[:1]),
    )


def quick_win_rows(quick_wins, *, today: date | None = None) -> list[QuickWinRow]:
    """Rows for quick wins annotated by `with_latest_update`, judged on `today` (Jakarta).

    A quick win whose start is not a plausible date gets a flagged row (`invalid_start`), so one
    region's bad data never breaks the pages that list it beside others.
    """
    today = today or timezone.localdate()
    rows = []
    for p in quick_wins:
        start = timeline_start(p, p.plan)
        if start and not is_plausible_date(start):
            rows.append(
                QuickWinRow(
                    programme=p,
                    start=start,
                    end=None,
                    latest_percent=p.latest_percent,
                    latest_status=p.latest_status,
                    latest_at=p.latest_at,
                    lag=invalid_start(start),
                )
            )
            continue
        row = QuickWinRow(
            programme=p,
            start=start,
            end=add_months(start, p.quick_win_months) if start else None,
            latest_percent=p.latest_percent,
            latest_status=p.latest_status,
            latest_at=p.latest_at,
        )
        if start:
            row.lag = lag(
                start=start,
                months=p.quick_win_months,
                today=today,
                percent=p.latest_percent,
                status=p.latest_status,
            )
        rows.append(row)
    return rows


def quick_win_table_rows(
    user, *, cohort_year: int | None = None, lagging_only: bool = False, today=None
) -> list[QuickWinRow]:
    """Every quick win this user follows, by cohort, region and programme, in one query.

    Lag depends on today's date, so "lagging only" filters the judged rows, not the query.
    """
    quick_wins = quick_wins_visible_to(user)
    if cohort_year:
        quick_wins = quick_wins.filter(plan__candidate__cohort__year=cohort_year)
    quick_wins = with_latest_update(quick_wins).order_by(
        "-plan__candidate__cohort__year", "plan__candidate__region__code", "dimension__order", "pk"
    )
    rows = quick_win_rows(quick_wins, today=today)
    if lagging_only:
        rows = [r for r in rows if r.lag.lagging]
    return rows


def plan_page_quick_wins(user, plan, data: dict) -> dict:
    """What the plan page's quick-win slot shows this user.

    Keys: `quick_win_rows` (the plan's quick wins with timeline, latest update and lag; only for
    an approved or enacted plan and only to those who follow it, never partners) and
    `quick_win_may_post` (whether this user reports progress on them).
    """
    if plan.status not in Plan.APPROVED_STATES:
        return {}
    quick_wins = with_latest_update(quick_wins_visible_to(user).filter(plan=plan)).order_by(
        "dimension__order", "order", "pk"
    )
    rows = quick_win_rows(quick_wins)
    if not rows:
        return {}
    return {"quick_win_rows": rows, "quick_win_may_post": is_region_official(user, plan)}
