"""Writing the plan: its text sections, strategies and programmes with their yearly budgets.

Only the region's officials write, and only while the plan is a draft or in revision
(`access.may_edit`); the services check that themselves because a stale form can arrive after
the plan was submitted. Budgets are whole Rupiah per year; totals are always computed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import may_edit
from ..models import DimensionStrategy, Plan, Programme, ProgrammeBudget
from ..snapshot import PROGRAMME_COLUMNS, TEXT_KEYS, programme_problems
from .workflow import WorkflowError

# The document's front and back matter and the profile's free text (see `document.py`).
DOCUMENT_FIELDS = (
    "foreword_head",
    "foreword_team",
    "legal_basis",
    "executive_summary",
    "closing",
    "agency_names",
    "profile_economy",
    "profile_sectors",
)

PLAN_FIELDS = ("title", "start_year", "horizon_years", *TEXT_KEYS, *DOCUMENT_FIELDS)

PROGRAMME_FIELDS = ("dimension", "element", "programme_type", *PROGRAMME_COLUMNS)


class ProgrammeInvalid(WorkflowError):
    """A programme the plan's rules refuse; `.problems` lists the messages."""


def _require_edit(plan: Plan, by) -> None:
    allowed, reason = may_edit(by, plan)
    if not allowed:
        raise WorkflowError(reason)


def _lock(plan: Plan) -> Plan:
    # Lock the plan row so an edit cannot slip in while a submission freezes the plan.
    locked = Plan.objects.select_for_update().select_related("candidate").get(pk=plan.pk)
    if locked.status != plan.status:
        raise WorkflowError(_("Masterplan telah berubah; muat ulang halaman lalu coba lagi."))
    return locked


def _touch(plan: Plan, by) -> None:
    """Record who changed the plan's content and when (`updated_at` is what mentors read as
    "the region last changed it"; a queryset update does not set it by itself)."""
    Plan.objects.filter(pk=plan.pk).update(updated_by=by, updated_at=timezone.now())


@transaction.atomic
def plan_update(*, plan: Plan, by, **values) -> Plan:
    """Save some of the plan's own fields (header, text sections, the document's front and
    back matter); `full_clean` refuses a value the model does not allow, writing nothing."""
    _require_edit(plan, by)
    _lock(plan)
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Not plan fields: {sorted(unknown)}")
    for key, value in values.items():
        setattr(plan, key, value)
    plan.updated_by = by
    plan.full_clean(exclude=["candidate"])
    plan.save(update_fields=[*values, "updated_by", "updated_at"])
    return plan


@transaction.atomic
def strategies_save(*, plan: Plan, by, texts: dict[int, str]) -> None:
    """Save the strategy text of each dimension (dimension id → text)."""
    _require_edit(plan, by)
    _lock(plan)
    for dimension_id, text in texts.items():
        DimensionStrategy.objects.update_or_create(
            plan=plan, dimension_id=dimension_id, defaults={"text": text.strip()}
        )
    _touch(plan, by)


def _as_snapshot(values: dict, budgets: dict[int, int], pk) -> dict:
    return {
        "id": pk,
        "name": values.get("name", ""),
        "start_year": values["start_year"],
        "end_year": values["end_year"],
        "is_quick_win": values.get("is_quick_win", False),
        "quick_win_months": values.get("quick_win_months"),
        "quick_win_start": values.get("quick_win_start"),
        "quick_win_impact": values.get("quick_win_impact", ""),
        "quick_win_service": values.get("quick_win_service", ""),
        "budgets": {str(y): a for y, a in budgets.items()},
    }


@transaction.atomic
def programme_save(
    *, plan: Plan, by, values: dict, budgets: dict[int, int], programme: Programme | None = None
) -> Programme:
    """Create or update a programme with its budget per year (years with no amount are dropped).

    Raises ProgrammeInvalid with every problem (years outside the horizon, end before start,
    negative budgets, an incomplete quick win) and writes nothing in that case.
    """
    _require_edit(plan, by)
    plan = _lock(plan)
    if programme is not None and programme.plan_id != plan.pk:
        raise WorkflowError(_("Program ini bukan bagian dari masterplan ini."))
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"Not programme fields: {sorted(unknown)}")
    budgets = {int(y): int(a) for y, a in budgets.items() if a is not None}
    problems = programme_problems(
        _as_snapshot(values, budgets, programme.pk if programme else None),
        plan.start_year,
        plan.end_year,
    )
    element = values.get("element")
    dimension = values.get("dimension")
    if element is not None and dimension is not None and element.dimension_id != dimension.pk:
        problems.append(_("Elemen tidak termasuk dimensi yang dipilih."))
    if problems:
        raise ProgrammeInvalid(_("Program belum dapat disimpan."), problems=problems)
    if not values.get("is_quick_win"):
        values = {**values, "quick_win_months": None, "quick_win_start": None}
    if programme is None:
        programme = Programme(plan=plan, order=plan.programmes.count())
    for key, value in values.items():
        setattr(programme, key, value)
    programme.save()
    ProgrammeBudget.objects.filter(programme=programme).exclude(year__in=budgets).delete()
    for year, amount in budgets.items():
        ProgrammeBudget.objects.update_or_create(
            programme=programme, year=year, defaults={"amount": amount}
        )
    _touch(plan, by)
    return programme


@transaction.atomic
def programme_delete(*, plan: Plan, by, programme: Programme) -> None:
    """Remove a programme from a plan being edited (its comments keep the programme's name)."""
    _require_edit(plan, by)
    _lock(plan)
    if programme.plan_id != plan.pk:
        raise WorkflowError(_("Program ini bukan bagian dari masterplan ini."))
    programme.comments.update(programme_name=programme.name)
    programme.delete()
    _touch(plan, by)
