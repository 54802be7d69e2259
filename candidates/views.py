"""Ministry pages for desk screening: rounds, runs, the ranked table, explanations, what-if."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartcity.access import role_required
from smartcity.exports import table_response
from smartcity.models import Region, User

from . import exports
from .access import result_for_user, round_for_staff, run_for_user
from .charts import composite_histogram
from .forms import RunFilterForm, WeightsForm
from .models import Cohort, ScreeningResult, ScreeningRound
from .services import (
    ScreeningError,
    round_ensure_open,
    screening_round_update,
    screening_run,
    screening_what_if,
    shortlist_confirm,
    shortlist_confirmation,
    shortlist_may_confirm,
)

staff_only = role_required(User.Role.STAFF)


@staff_only
@require_GET
def screening_index(request):
    """Every cohort with its screening round and current run."""
    cohorts = Cohort.objects.select_related("screening__confirmed_run").order_by("-year")
    runs = {}
    for round_ in ScreeningRound.objects.prefetch_related("runs"):
        runs[round_.cohort_id] = round_.runs.all()[:1]
    for cohort in cohorts:
        cohort.latest_runs = runs.get(cohort.pk, [])
    return render(request, "candidates/screening_index.html", {"cohorts": cohorts})


def _round_context(request, round_: ScreeningRound, form, **extra) -> dict:
    """What the round page shows; for a confirmed round also where a new screening can start."""
    runs = round_.runs.select_related("run_by").order_by("-number")
    context = {"round": round_, "form": form, "runs": runs, "current": runs.first(), **extra}
    if round_.confirmed_run_id is not None:
        # A confirmed round is final; the next screening is a later cohort's round: one that
        # is still open if staff made it already, else a new cohort made in the admin.
        context["next_cohort"] = (
            Cohort.objects.filter(year__gt=round_.cohort.year)
            .exclude(screening__confirmed_run__isnull=False)
            .order_by("year")
            .first()
        )
        context["may_add_cohort"] = request.user.has_perm("candidates.add_cohort")
    return context


@staff_only
def screening_round(request, year: int):
    """A round's settings, its runs (the current one marked), what-if and confirmation.

    A confirmed round offers no form that saves: a POST is refused by the service's check
    before anything is read, whatever it carries.
    """
    round_ = round_for_staff(request.user, year)
    if request.method == "POST":
        try:
            round_ensure_open(round_)
        except ScreeningError as exc:
            messages.error(request, str(exc))
            return redirect(round_)
    form = WeightsForm.for_round(round_, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # new weights are saved only with the run they make
                screening_round_update(
                    round_=round_,
                    weights=form.cleaned_data["weights"],
                    quota=form.cleaned_data["quota"],
                    by=request.user,
                )
                run = screening_run(round_=round_, by=request.user, note=_("Bobot baru"))
        except ScreeningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Bobot disimpan dan hasil #%(n)s dibuat.") % {"n": run.number}
            )
            return redirect(run)
    return render(request, "candidates/screening_round.html", _round_context(request, round_, form))


@staff_only
@require_POST
def screening_whatif(request, year: int):
    """What the shortlist would become under the weights in the form (nothing is saved)."""
    round_ = round_for_staff(request.user, year)
    form = WeightsForm.for_round(round_, data=request.POST)
    whatif = None
    if form.is_valid():
        try:
            whatif = screening_what_if(
                round_=round_,
                weights=form.cleaned_data["weights"],
                quota=form.cleaned_data["quota"],
            )
        except ScreeningError as exc:
            form.add_error(None, str(exc))
    if request.headers.get("HX-Request") == "true":
        return TemplateResponse(
            request, "candidates/screening_round.html#whatif", {"form": form, "whatif": whatif}
        )
    return TemplateResponse(
        request,
        "candidates/screening_round.html",
        _round_context(request, round_, form, whatif=whatif),
    )


@staff_only
@require_POST
def screening_run_create(request, year: int):
    """Run the round with its saved settings."""
    round_ = round_for_staff(request.user, year)
    try:
        run = screening_run(round_=round_, by=request.user, note=request.POST.get("note", "")[:300])
    except ScreeningError as exc:
        messages.error(request, str(exc))
        return redirect(round_)
    messages.success(request, _("Seleksi awal dijalankan: hasil #%(n)s.") % {"n": run.number})
    return redirect(run)


@staff_only
@require_http_methods(["GET", "POST"])
def screening_confirm(request, pk: int):
    """Confirm a run's shortlist: first a page that says what will change (how many regions
    are invited, who is e-mailed, that the round locks), then its button invites them.

    Works without JavaScript; a POST without the page's answer only shows the page again.
    """
    run = run_for_user(request.user, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            invited = shortlist_confirm(run=run, by=request.user)
        except ScreeningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(n)s daerah diundang ke asesmen kesiapan; e-mail undangan sedang dikirim.")
                % {"n": len(invited)},
            )
        return redirect(run)
    if request.method == "POST":
        return redirect("screening_confirm", pk=run.pk)
    allowed, refusal = shortlist_may_confirm(run)
    return render(
        request,
        "candidates/screening_confirm.html",
        {
            "run": run,
            "round": run.round,
            "refusal": refusal,
            "preview": shortlist_confirmation(run=run) if allowed else None,
        },
    )


# Rows of the ranked table per page: the shortlist boundary (rank 120) is on page 2 by rank.
RESULTS_PER_PAGE = 100


def _filtered_results(request, run):
    provinces = Region.objects.provinces().only("code", "name")
    form = RunFilterForm(request.GET or None, provinces=provinces)
    results = run.results.select_related("region__province")
    return form, form.apply(results)


@staff_only
@require_GET
def screening_run_view(request, pk: int):
    """The ranked table: every region of the run with filters, search, sorting and pages."""
    run = run_for_user(request.user, pk)
    form, results = _filtered_results(request, run)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("halaman"))
    counts = {
        row["status"]: row["n"]
        for row in run.results.order_by().values("status").annotate(n=Count("pk"))
    }
    return render(
        request,
        "candidates/screening_run.html",
        {
            "run": run,
            "round": run.round,
            "form": form,
            "page": page,
            "results": page.object_list,
            "filtered": form.narrows(),
            "status_counts": [
                (value, label, counts.get(value, 0))
                for value, label in ScreeningResult.Status.choices
            ],
            "is_current": run.round.current_run == run,
            "chart": composite_histogram(run),
            # Rows link to `screening_result`; one reverse instead of 514.
            "result_url_prefix": reverse("screening_result", args=[run.pk, "-"])[:-2],
        },
    )


@staff_only
@require_GET
def screening_run_export(request, pk: int, fmt: str):
    """The whole run as CSV or XLSX, in the export format of DESIGN.md."""
    run = run_for_user(request.user, pk)
    return table_response(
        filename=f"seleksi-awal-{run.round.cohort.year}-hasil-{run.number}",
        header=exports.HEADER,
        rows=exports.result_rows(run.results.select_related("region")),
        fmt=fmt,
        number_columns=exports.NUMBER_COLUMNS,
    )


@role_required(User.Role.STAFF, User.Role.OFFICIAL)
@require_GET
def screening_result(request, pk: int, code: str):
    """Why a region has its rank: raw values, scaled scores, weights, composite and status."""
    result = result_for_user(request.user, pk, code)
    run = result.run
    weights = run.parameters["weights"]
    contributions = None
    if result.composite_score is not None:
        contributions = {
            "fiscal": weights["fiscal"] * result.fiscal_score,
            "governance": weights["governance"] * result.governance_score,
            "green": weights["green"] * result.green_score,
        }
    neighbours = []
    if result.rank and request.user.is_ministry:
        neighbours = list(
            run.results.filter(rank__gte=result.rank - 2, rank__lte=result.rank + 2)
            .select_related("region")
            .order_by("rank")
        )
    return render(
        request,
        "candidates/screening_result.html",
        {
            "result": result,
            "run": run,
            "weights": weights,
            "contributions": contributions,
            "neighbours": neighbours,
            "statuses": ScreeningResult.Status,
        },
    )
