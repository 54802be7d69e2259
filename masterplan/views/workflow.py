"""The plan's workflow: the moves, the mentors' queue, the ministry's list, frozen versions and
what changed between them (the review comments are in `views/review.py`).

Every move is a POST that calls `services.workflow`; the views never set a status. Who may do
what is decided in `access` and the services; the views gate by role and find the plan with
`plan_for_user` (404 for missing and not yours alike).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import Cohort
from smartcity.access import reconfirmation_needed, role_required
from smartcity.idempotency import claim_post_token
from smartcity.models import User
from smartcity.storage import private_file_response
from smartcity.templatetags.portal import rupiah

from .. import access
from ..forms import ApprovalForm, EnactForm
from ..models import PdfJob, Plan, PlanEndorsement, PlanVersion, ReviewComment
from ..selectors import group_by_dimension
from ..services import workflow as wf
from ..snapshot import TEXT_SECTIONS, diff, programme_total, totals

S = Plan.Status
staff_only = role_required(User.Role.STAFF)
officials_only = role_required(User.Role.OFFICIAL)
mentors_only = role_required(User.Role.MENTOR)
reviewers = role_required(User.Role.STAFF, User.Role.MENTOR)
plan_people = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)
enactors = role_required(User.Role.STAFF, User.Role.OFFICIAL)


def _back(plan, anchor="plan-actions"):
    return redirect(f"{reverse('plan_detail', args=[plan.pk])}#{anchor}")


def _move(request, pk, move, success: str):
    """Run one workflow move and come back to the plan with what happened."""
    plan = access.plan_for_user(request.user, pk)
    try:
        move(plan)
    except wf.WorkflowError as exc:
        messages.error(request, str(exc))
        for problem in exc.problems:
            messages.error(request, problem.message)
    else:
        messages.success(request, success)
    return _back(plan)


# --- the moves ------------------------------------------------------------------------------


@officials_only
@require_POST
def plan_submit(request, pk):
    """The region submits its plan (or resubmits it after a revision); errors are listed."""
    return _move(
        request,
        pk,
        lambda plan: wf.plan_submit(plan=plan, by=request.user, note=request.POST.get("note", "")),
        _("Masterplan diajukan ke mentor."),
    )


def _move_with_note(request, pk, to: str, done: str):
    """A plain move to `to` with the note typed on the form (revision, endorsement, approval)."""
    return _move(
        request,
        pk,
        lambda plan: wf.plan_move(
            plan=plan, to=to, by=request.user, note=request.POST.get("note", "")
        ),
        done,
    )


@reviewers
@require_POST
def plan_request_revision(request, pk):
    """A mentor (or staff, once endorsed) sends the plan back with what to revise."""
    return _move_with_note(request, pk, S.REVISION, _("Masterplan dikembalikan untuk direvisi."))


def _version_posted(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@mentors_only
@require_POST
def plan_endorse(request, pk):
    """An assigned mentor endorses the latest version; the plan goes to the ministry once every
    assigned mentor has, and until then the answer says whom it waits for."""
    plan = access.plan_for_user(request.user, pk)
    try:
        with transaction.atomic():
            # A double click posts the same form twice: the second is answered, not stored.
            if not claim_post_token(request):
                messages.info(request, _("Persetujuan Anda sudah tercatat."))
                return _back(plan)
            plan = wf.plan_endorse(
                plan=plan,
                by=request.user,
                note=request.POST.get("note", ""),
                version_number=_version_posted(request),
            )
    except wf.WorkflowError as exc:
        messages.error(request, str(exc))
        return _back(plan)
    if plan.status == S.ENDORSED:
        messages.success(request, _("Masterplan disetujui dan diteruskan ke Kominfo."))
    else:
        state = wf.endorsements_of(plan)
        messages.success(
            request,
            _("Persetujuan Anda untuk versi %(n)s tercatat.") % {"n": plan.version_count}
            + " "
            + wf.waiting_message(state),
        )
    return _back(plan)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_approve(request, pk):
    """The ministry approves an endorsed plan: the approval letter's number and date, then a
    confirmation that says what will change, then the move (refused while a blocking comment
    is open). Staff who last confirmed who they are long ago do so before the form."""
    plan = access.plan_for_user(request.user, pk)
    if (ask := reconfirmation_needed(request, back=reverse("plan_approve", args=[pk]))) is not None:
        return ask
    allowed, refusal = access.may_move(request.user, plan, S.APPROVED)
    blocking = wf.open_blocking_comments(plan).count() if allowed else 0
    form = ApprovalForm(request.POST or None, plan=plan)
    context = {
        "plan": plan,
        "form": form,
        "allowed": allowed and not blocking,
        "refusal": refusal,
        "blocking": blocking,
        "version": wf.latest_version(plan),
        "quick_wins": plan.programmes.filter(is_quick_win=True).count(),
    }
    if request.method == "GET" or "edit" in request.POST:
        # "Ubah surat" on the confirmation comes back to the form with what was typed.
        return render(request, "masterplan/workflow/approve.html", context)
    if not form.is_valid() or ("confirm" not in request.POST and not context["allowed"]):
        return render(request, "masterplan/workflow/approve.html", context, status=400)
    if "confirm" not in request.POST:
        # The letter is right: say what approving will change, and ask once more.
        return render(request, "masterplan/workflow/approve_confirm.html", context)
    with transaction.atomic():
        # A double click on "Sahkan" posts twice: the second is answered, not approved again.
        if not claim_post_token(request):
            messages.info(request, _("Pengesahan masterplan ini sudah tercatat."))
            return _back(plan)
        # The service refuses what the page would (not endorsed, a blocking comment open).
        saved = form.save(by=request.user)
    if not saved:
        return render(request, "masterplan/workflow/approve.html", context, status=400)
    messages.success(
        request,
        _("Masterplan disahkan dengan surat nomor %(number)s.")
        % {"number": form.cleaned_data["letter_number"].strip()},
    )
    return _back(plan)


@enactors
@require_http_methods(["GET", "POST"])
def plan_enact(request, pk):
    """The region records the regulation that enacts its approved plan, with the signed PDF.

    A refused or invalid form comes back inside the portal's layout, with what was typed."""
    plan = access.plan_for_user(request.user, pk)
    allowed, refusal = access.may_move(request.user, plan, S.ENACTED)
    form = EnactForm(request.POST or None, request.FILES or None, plan=plan)
    status = 200
    if request.method == "POST":
        if form.is_valid() and form.save(by=request.user):
            messages.success(request, _("Penetapan masterplan tercatat."))
            return _back(plan)
        status = 400
    return render(
        request,
        "masterplan/workflow/enact.html",
        {"plan": plan, "form": form, "allowed": allowed, "refusal": refusal},
        status=status,
    )


@plan_people
@require_GET
def plan_regulation_download(request, pk):
    """The enacting regulation, for the region, its mentors and staff; never for partners."""
    plan = access.plan_for_user(request.user, pk)
    if not plan.regulation_file:
        raise Http404
    return private_file_response(
        plan.regulation_file,
        download_name=plan.regulation_file_name or "regulasi.pdf",
        content_type="application/pdf",
    )


# --- lists ----------------------------------------------------------------------------------


def _count(queryset):
    """A per-plan count as a subquery: joining comments would multiply the plan rows."""
    return Coalesce(
        Subquery(
            queryset.filter(plan=OuterRef("pk"))
            .order_by()
            .values("plan")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _with_age(plans):
    now = timezone.now()
    for plan in plans:
        since = plan.status_changed_at or plan.created_at
        plan.age_days = (now - since).days
    return plans


@mentors_only
@require_GET
def review_queue(request):
    """The mentor's plans, those waiting for them first and the longest-waiting first of those."""
    open_comments = ReviewComment.objects.filter(
        parent__isnull=True, status=ReviewComment.Status.OPEN
    )
    # A plan this mentor already endorsed waits for the other mentors, not for them.
    mine = PlanEndorsement.objects.filter(
        plan=OuterRef("pk"), mentor=request.user, version__number=OuterRef("version_count")
    )
    plans = (
        access.plans_visible_to(request.user)
        .annotate(
            open_comments=_count(open_comments),
            waiting=Case(
                When(Q(status__in=Plan.UNDER_REVIEW) & ~Exists(mine), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            waiting_for_others=Case(
                When(Q(status__in=Plan.UNDER_REVIEW) & Exists(mine), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-waiting", F("status_changed_at").asc(nulls_last=True), "pk")
    )
    return render(
        request, "masterplan/workflow/review_queue.html", {"plans": _with_age(list(plans))}
    )


# The plan list's status filter for regions in the programme that have no plan yet.
NOT_STARTED = "not_started"


@staff_only
@require_GET
def plan_list(request):
    """Every plan for the ministry, and every region in the programme that has not started
    its plan ("Belum memulai"), filtered by state and cohort; by cohort (newest first) and
    region code. Four queries however many rows (see the test)."""
    plans = access.plans_visible_to(request.user).annotate(
        open_blocking=_count(
            ReviewComment.objects.filter(
                parent__isnull=True, blocking=True, status=ReviewComment.Status.OPEN
            )
        )
    )
    unstarted = access.unstarted_candidacies_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in S.values:
        unstarted = unstarted.none()
        plans = plans.filter(status=status)
    elif status == NOT_STARTED:
        plans = plans.none()
    cohort = request.GET.get("cohort", "")
    if cohort.isdigit():
        plans = plans.filter(candidate__cohort__year=int(cohort))
        unstarted = unstarted.filter(cohort__year=int(cohort))
    plans = _with_age(list(plans.order_by("-candidate__cohort__year", "candidate__region__code")))
    unstarted = list(unstarted.order_by("-cohort__year", "region__code"))
    rows = sorted(
        [SimpleNamespace(candidate=plan.candidate, plan=plan) for plan in plans]
        + [SimpleNamespace(candidate=candidate, plan=None) for candidate in unstarted],
        key=lambda row: (-row.candidate.cohort.year, row.candidate.region.code),
    )
    return render(
        request,
        "masterplan/workflow/plan_list.html",
        {
            "rows": rows,
            "plans": plans,
            "not_started": unstarted,
            "statuses": [*S.choices, (NOT_STARTED, _("Belum memulai"))],
            "cohorts": list(Cohort.objects.order_by("-year").values_list("year", flat=True)),
            "status": status,
            "cohort": cohort,
        },
    )


# --- versions -------------------------------------------------------------------------------


def _version(request, pk, number) -> PlanVersion:
    plan = access.plan_for_user(request.user, pk)
    version = get_object_or_404(
        PlanVersion.objects.select_related("created_by"), plan=plan, number=number
    )
    version.plan = plan
    return version


@plan_people
@require_GET
def plan_version(request, pk, number):
    """A submitted version exactly as it was frozen."""
    version = _version(request, pk, number)
    data = version.data
    sections = [(label, data["sections"].get(key, "")) for key, label in TEXT_SECTIONS]
    by_dimension = [
        (d, [(p, programme_total(p)) for p in programmes])
        for d, programmes in group_by_dimension(data)
    ]
    return render(
        request,
        "masterplan/workflow/version.html",
        {
            "plan": version.plan,
            "version": version,
            "data": data,
            "sections": sections,
            "strategies": [(d, data["strategies"].get(d["code"], "")) for d in data["dimensions"]],
            "by_dimension": by_dimension,
            "totals": totals(data),
            # The prints made of this version (draft and approval), to download from history.
            "pdfs": version.pdf_jobs.filter(status=PdfJob.Status.DONE).order_by("approved"),
        },
    )


def _budgets(by_year) -> str:
    return ", ".join(
        f"{year}: {rupiah(amount)}" for year, amount in sorted((by_year or {}).items())
    )


def _yes_no(value) -> str:
    return _("Ya") if value else _("Tidak")


@plan_people
@require_GET
def plan_version_diff(request, pk, number):
    """What changed from the previous version: what a mentor reads before reviewing again."""
    version = _version(request, pk, number)
    previous = None
    changes = None
    if number > 1:
        previous = get_object_or_404(PlanVersion, plan=version.plan, number=number - 1)
        changes = diff(previous.data, version.data)
        for programme in changes.changed:
            for change in programme.changes:
                if change.field == "budgets":
                    change.old, change.new = _budgets(change.old), _budgets(change.new)
                elif isinstance(change.new, bool) or isinstance(change.old, bool):
                    change.old, change.new = _yes_no(change.old), _yes_no(change.new)
    return render(
        request,
        "masterplan/workflow/diff.html",
        {"plan": version.plan, "version": version, "previous": previous, "diff": changes},
    )


urlpatterns = [
    path("", plan_list, name="plan_list"),
    path("reviu/", review_queue, name="review_queue"),
    path("<int:pk>/ajukan/", plan_submit, name="plan_submit"),
    path("<int:pk>/revisi/", plan_request_revision, name="plan_request_revision"),
    path("<int:pk>/setujui/", plan_endorse, name="plan_endorse"),
    path("<int:pk>/sahkan/", plan_approve, name="plan_approve"),
    path("<int:pk>/penetapan/", plan_enact, name="plan_enact"),
    path("<int:pk>/penetapan/regulasi/", plan_regulation_download, name="plan_regulation_download"),
    path("<int:pk>/versi/<int:number>/", plan_version, name="plan_version"),
    path("<int:pk>/versi/<int:number>/perubahan/", plan_version_diff, name="plan_version_diff"),
]
