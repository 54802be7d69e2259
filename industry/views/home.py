"""The industry partner's home: the plans waiting for their input first, then their recent
input, their solutions and their profile."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from masterplan.models import Plan
from smartcity.access import role_required
from smartcity.models import User
from smartcity.todo import INFO, SOON, TODO, Task, by_urgency

from ..homes import own_solutions, plans_open_for_input, recent_inputs
from ..services.solutions import with_dimension_names

# The home lists this many plans to comment on; the rest are one click away (partner_plans).
TASKS_SHOWN = 8


def _input_task(plan) -> Task:
    region = plan.candidate.region.short_name
    since = date_format(timezone.localtime(plan.latest_version_at or plan.status_changed_at))
    if plan.last_input_at is None:
        detail = _("Versi %(n)d diajukan %(since)s. Organisasi Anda belum memberi masukan.")
    else:
        detail = _("Versi %(n)d diajukan %(since)s, setelah masukan terakhir organisasi Anda.")
    endorsed = plan.status == Plan.Status.ENDORSED
    facts = [_("Sudah disetujui mentor; segera diputuskan Kominfo.")] if endorsed else []
    return Task(
        title=_("Beri masukan untuk masterplan %(region)s") % {"region": region},
        url=f"{reverse('plan_detail', args=[plan.pk])}#partner-inputs",
        action=_("Baca dan beri masukan"),
        level=SOON if endorsed else TODO,
        detail=detail % {"n": plan.version_count, "since": since},
        facts=facts,
    )


@role_required(User.Role.PARTNER)
@require_GET
def partner_home(request):
    """An industry partner's page: the submitted plans under review waiting for their input,
    their organisation's latest input and solutions, then its profile. Only their own
    organisation's input and solutions; plans as partners read them (submitted ones only)."""
    organisation = request.user.partner_organisation
    plans = plans_open_for_input(request.user)
    waiting = [p for p in plans if p.needs_input]
    tasks = [_input_task(p) for p in waiting[:TASKS_SHOWN]]
    solutions = with_dimension_names(own_solutions(request.user))
    if not solutions:
        tasks.append(
            Task(
                title=_("Isi katalog solusi organisasi Anda"),
                url=reverse("solutions"),
                action=_("Tambah solusi"),
                level=INFO,
                detail=_(
                    "Daerah dan Kominfo menelusuri katalog ini; masukan Anda dapat menautkan "
                    "salah satu solusi."
                ),
            )
        )
    return render(
        request,
        "industry/home.html",
        {
            "organisation": organisation,
            "tasks": by_urgency(tasks),
            "waiting": len(waiting),
            "more_waiting": max(0, len(waiting) - TASKS_SHOWN),
            "open_plans": plans,
            "inputs": recent_inputs(request.user),
            "solutions": solutions,
        },
    )
