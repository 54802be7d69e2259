"""The mentor's home: the plans waiting for their review first, then every assigned region with
its plan's state. It lives here, not in `partners` where assignments are kept, because it reads
the plans (the partners app sits below the master plan and cannot)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from smartcity.access import role_required
from smartcity.models import User
from smartcity.todo import SOON, URGENT, Task, by_urgency

from ..homes import REVIEW_URGENT_DAYS, mentor_regions
from ..models import Plan


def _review_task(assignment) -> Task:
    plan = assignment.plan
    region = assignment.candidate.region.short_name
    since = date_format(timezone.localtime(plan.status_changed_at or plan.created_at))
    if plan.status == Plan.Status.RESUBMITTED:
        detail = _("Diajukan ulang %(since)s, versi %(n)d.")
    else:
        detail = _("Diajukan %(since)s, versi %(n)d.")
    detail %= {"since": since, "n": plan.version_count}
    if assignment.waiting_days:
        detail += " " + ngettext(
            "Sudah %(d)d hari menunggu reviu Anda.",
            "Sudah %(d)d hari menunggu reviu Anda.",
            assignment.waiting_days,
        ) % {"d": assignment.waiting_days}
    facts = []
    if assignment.own_open_comments:
        facts.append(
            ngettext(
                "%(n)d komentar Anda masih terbuka: periksa jawaban daerah lalu selesaikan.",
                "%(n)d komentar Anda masih terbuka: periksa jawaban daerah lalu selesaikan.",
                assignment.own_open_comments,
            )
            % {"n": assignment.own_open_comments}
        )
    links = []
    if plan.version_count > 1:
        links.append(
            (_("Lihat perubahan"), reverse("plan_version_diff", args=[plan.pk, plan.version_count]))
        )
    return Task(
        title=_("Reviu masterplan %(region)s") % {"region": region},
        url=plan.get_absolute_url(),
        action=_("Reviu sekarang"),
        level=URGENT if assignment.waiting_days >= REVIEW_URGENT_DAYS else SOON,
        detail=detail,
        facts=facts,
        links=links,
    )


@role_required(User.Role.MENTOR)
@require_GET
def mentor_home(request):
    """A mentor's page: the plans waiting for their review, then each region assigned to them
    now with its plan's state, their own open comments, when the region last changed the plan,
    the cohort, since when and the co-mentors. Only their own active assignments: a mentor
    never sees which regions other mentors hold."""
    assignments = mentor_regions(request.user)
    tasks = by_urgency(_review_task(a) for a in assignments if a.waiting)
    return render(
        request,
        "masterplan/home_mentor.html",
        {
            "institution": request.user.institution,
            "assignments": assignments,
            "tasks": tasks,
            "waiting": sum(1 for a in assignments if a.waiting),
        },
    )
