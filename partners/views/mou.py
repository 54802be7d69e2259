"""MoU pages: the ministry's signing progress per cohort, and one page per selected region.

Staff record the signing (with the signed PDF) or a withdrawal; the region's own officials read
their MoU and download the document, with its SHA-256 to verify the copy. Who sees what is in
`partners.access` (its reads answer 404 for missing and not-yours alike).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candidates.models import Candidate, Cohort
from smartcity.access import role_required
from smartcity.models import User
from smartcity.storage import private_file_response

from ..access import (
    mou_candidate_for_user,
    mou_candidates_visible_to,
    mou_document_for_user,
    mou_may_record,
    mou_of,
)
from ..forms_mou import MoUFilterForm, MoUSignForm, MoUWithdrawForm
from ..models import MoU
from ..services.mou import MoUError, mou_for_candidate, mou_sign, mou_withdraw

staff_only = role_required(User.Role.STAFF)
readers = role_required(User.Role.STAFF, User.Role.OFFICIAL)


def _detail_url(candidate_id: int) -> str:
    return reverse("mou_detail", args=[candidate_id])


@staff_only
@require_GET
def mou_index(request):
    """Every cohort with how many of its selected regions have signed."""
    in_programme = Q(candidates__status__in=Candidate.IN_PROGRAMME)
    cohorts = Cohort.objects.annotate(
        selected_count=Count("candidates", filter=in_programme),
        signed_count=Count(
            "candidates", filter=in_programme & Q(candidates__mou__status=MoU.Status.SIGNED)
        ),
    ).order_by("-year")
    return render(request, "partners/mou/index.html", {"cohorts": cohorts})


@staff_only
@require_GET
def mou_progress(request, year: int):
    """A cohort's selected regions with their MoU status; the counts ignore the filter."""
    cohort = get_object_or_404(Cohort, year=year)
    candidates = list(
        mou_candidates_visible_to(request.user).filter(cohort=cohort).order_by("region__code")
    )
    for candidate in candidates:
        candidate.mou_status = getattr(mou_of(candidate), "status", MoU.Status.PENDING)
    counts = dict.fromkeys(MoU.Status.values, 0)
    for candidate in candidates:
        counts[candidate.mou_status] += 1
    form = MoUFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows = [c for c in candidates if not status or c.mou_status == status]
    return render(
        request,
        "partners/mou/progress.html",
        {
            "cohort": cohort,
            "rows": rows,
            "total": len(candidates),
            "counts": counts,
            "form": form,
            "status": status,
            "status_labels": dict(MoU.Status.choices),
        },
    )


def _render_detail(request, candidate, *, sign_form=None, withdraw_form=None, status=200):
    mou = mou_of(candidate)
    context = {
        "candidate": candidate,
        "mou": mou,
        "status": mou.status if mou else MoU.Status.PENDING,
        "status_label": mou.get_status_display() if mou else MoU.Status.PENDING.label,
        "may_record": mou_may_record(request.user, mou)[0],
    }
    if context["may_record"]:
        context["sign_form"] = sign_form or MoUSignForm.for_candidate(candidate)
        context["withdraw_form"] = withdraw_form or MoUWithdrawForm()
    return render(request, "partners/mou/detail.html", context, status=status)


@readers
@require_GET
def mou_detail(request, candidate_id: int):
    """A region's MoU: staff record it here, the region's officials read it."""
    return _render_detail(request, mou_candidate_for_user(request.user, candidate_id))


@staff_only
@require_POST
def mou_sign_view(request, candidate_id: int):
    """Record the signing with its PDF; a refused file is explained and nothing is stored."""
    candidate = mou_candidate_for_user(request.user, candidate_id)
    form = MoUSignForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            mou = mou_sign(
                mou=mou_of(candidate) or mou_for_candidate(candidate=candidate),
                signing_date=data["signing_date"],
                venue=data["venue"],
                head_name=data["head_name"],
                head_title=data["head_title"],
                upload=data["document"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("document", exc)
        except MoUError as exc:
            messages.error(request, str(exc))
            return redirect(_detail_url(candidate_id))
        else:
            messages.success(
                request,
                _("MoU %(region)s tercatat ditandatangani.") % {"region": mou.candidate.region},
            )
            return redirect(_detail_url(candidate_id))
    return _render_detail(request, candidate, sign_form=form, status=400)


@staff_only
@require_POST
def mou_withdraw_view(request, candidate_id: int):
    """Withdraw a pending MoU; the reason is required and kept in the history."""
    candidate = mou_candidate_for_user(request.user, candidate_id)
    form = MoUWithdrawForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, candidate, withdraw_form=form, status=400)
    try:
        mou_withdraw(
            mou=mou_of(candidate) or mou_for_candidate(candidate=candidate),
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except MoUError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("MoU dibatalkan."))
    return redirect(_detail_url(candidate_id))


@login_required
@require_GET
def mou_download(request, candidate_id: int):
    """The signed document as a download, for staff and the region's own officials.

    Not role-gated: the read answers 404 to everyone else (other regions, mentors, assessors,
    partners), the same as for a MoU that has no document.
    """
    mou = mou_document_for_user(request.user, candidate_id)
    return private_file_response(
        mou.document, download_name=mou.document_name or "mou.pdf", content_type="application/pdf"
    )


urlpatterns = [
    path("mou/", mou_index, name="mou_index"),
    path("mou/<int:year>/", mou_progress, name="mou_progress"),
    path("mou/kandidat/<int:candidate_id>/", mou_detail, name="mou_detail"),
    path("mou/kandidat/<int:candidate_id>/tandatangani/", mou_sign_view, name="mou_sign"),
    path("mou/kandidat/<int:candidate_id>/batalkan/", mou_withdraw_view, name="mou_withdraw"),
    path("mou/kandidat/<int:candidate_id>/unduh/", mou_download, name="mou_download"),
]
