"""Reads for the industry partner's home: the submitted plans still open to their input, and
their organisation's own recent input and solutions. Each in one query however many rows, and
each from the partner's permission-aware reads (`access.plans_for_partner`: plans submitted at
least once; only the partner's own organisation's input)."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery

from masterplan.models import Plan

from .access import plans_for_partner
from .models import PartnerInput, Solution

# Plans whose review is still going on: the region can still take a partner's input into the
# plan. Once the ministry approves it, input is still accepted but nothing asks for it.
OPEN_FOR_INPUT = (
    Plan.Status.SUBMITTED,
    Plan.Status.REVISION,
    Plan.Status.RESUBMITTED,
    Plan.Status.ENDORSED,
)


def plans_open_for_input(user) -> list[Plan]:
    """The plans under review this partner may read, each with `input_count` (their
    organisation's input on it), `latest_version_at` and `last_input_at` (their organisation's
    latest input), and `needs_input`: no input from the organisation yet, or a version
    submitted since its latest one. Those needing input come first, the longest waiting first.
    """
    ours = (
        PartnerInput.objects.filter(
            plan=OuterRef("pk"), organisation_id=user.partner_organisation_id
        )
        .order_by()
        .values("plan")
        .annotate(at=Max("created_at"))
        .values("at")
    )
    plans = list(
        plans_for_partner(user)
        .filter(status__in=OPEN_FOR_INPUT)
        .annotate(last_input_at=Subquery(ours))
    )
    for plan in plans:
        plan.needs_input = plan.last_input_at is None or (
            plan.latest_version_at is not None and plan.latest_version_at > plan.last_input_at
        )
    return sorted(plans, key=lambda p: (not p.needs_input, p.latest_version_at))


def recent_inputs(user, *, limit: int = 5) -> list[PartnerInput]:
    """The organisation's latest input on plans, newest first, with plan, region and author."""
    return list(
        PartnerInput.objects.filter(organisation_id=user.partner_organisation_id)
        .select_related("plan__candidate__region", "author", "solution")
        .order_by("-created_at", "-pk")[:limit]
    )


def own_solutions(user) -> list[Solution]:
    """The organisation's solutions, by title."""
    return list(
        Solution.objects.filter(organisation_id=user.partner_organisation_id).order_by("title")
    )
