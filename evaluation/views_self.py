"""The region's self-assessment page (stage I): one card per indicator under the five parts,
each saved on its own, a progress bar, the portal's facts to pre-fill, and the submit button.

The region's own officials edit it while it is open; afterwards it is read-only. Ministry staff
and the evaluators on the region's panel read it (`review_access`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.access import role_required
from smartcity.models import User
from smartcity.storage import private_file_response

from .forms_review import SelfScoreForm
from .models import Indicator, Part
from .models_review import SelfAssessment
from .review_access import own_self_assessment, self_assessment_for_user, self_evidence_for_user
from .self_assessment import (
    SelfAssessmentError,
    SelfAssessmentIncomplete,
    assessed_indicators,
    needs_evidence,
    portal_facts,
    self_assessment_closed_reason,
    self_assessment_prefill,
    self_assessment_progress,
    self_assessment_submit,
    self_score_save,
)

official_only = role_required(User.Role.OFFICIAL)
readers = role_required(User.Role.STAFF, User.Role.EVALUATOR, User.Role.OFFICIAL)

# Bootstrap width classes for the progress bar (the CSP forbids style attributes).
WIDTHS = [(100, "w-100"), (75, "w-75"), (50, "w-50"), (25, "w-25")]


def _width(percent: int) -> str:
    return next((cls for bar, cls in WIDTHS if percent >= bar), "")


def _page_url(assessment: SelfAssessment) -> str:
    return reverse("self_assessment", args=[assessment.cycle.year])


def _render(request, assessment: SelfAssessment, *, writer: bool, bound=None, missing=None):
    """The page; `bound` is a refused indicator form, shown open with what was typed."""
    assessment = SelfAssessment.objects.select_related(
        "cycle__instrument", "region", "submitted_by"
    ).get(pk=assessment.pk)
    indicators = list(assessed_indicators(assessment.cycle))
    survey_indicators = list(
        Indicator.objects.filter(
            instrument_id=assessment.cycle.instrument_id, source=Indicator.Source.SURVEY
        ).order_by("order", "code")
    )
    answers = {s.indicator_id: s for s in assessment.scores.all()}
    progress = self_assessment_progress(indicators, answers)
    closed = self_assessment_closed_reason(assessment)
    editing = writer and closed is None
    parts = []
    for value, label in Part.choices:
        rows = []
        for indicator in (i for i in indicators if i.part == value):
            answer = answers.get(indicator.pk)
            form = None
            if editing:
                if bound is not None and bound.indicator.pk == indicator.pk:
                    form = bound
                else:
                    form = SelfScoreForm(
                        indicator=indicator,
                        initial={
                            "score": "" if answer is None or answer.score is None else answer.score,
                            "justification": answer.justification if answer else "",
                            "evidence_url": answer.evidence_url if answer else "",
                        },
                    )
            rows.append(
                {
                    "indicator": indicator,
                    "answer": answer,
                    "form": form,
                    "open": form is bound and bound is not None,
                    "needs_evidence": answer is not None
                    and needs_evidence(answer.score, has_evidence=answer.has_evidence),
                    "level_text": indicator.levels[answer.score]
                    if answer is not None and answer.score is not None
                    else "",
                }
            )
        surveyed = [i for i in survey_indicators if i.part == value]
        if rows or surveyed:
            parts.append({"value": value, "label": label, "rows": rows, "survey": surveyed})
    context = {
        "assessment": assessment,
        "cycle": assessment.cycle,
        "region": assessment.region,
        "parts": parts,
        "progress": progress,
        "progress_width": _width(progress.percent),
        "writer": writer,
        "editing": editing,
        "closed_reason": closed,
        "missing": missing,
        "facts": portal_facts(request.user) if editing else None,
    }
    return render(request, "evaluation/review/self_assessment.html", context)


@official_only
@require_GET
def self_assessment_view(request, year: int):
    """The official's own region's self-assessment of `year`."""
    assessment = own_self_assessment(request.user, year)
    return _render(request, assessment, writer=True)


@readers
@require_GET
def self_assessment_region(request, year: int, region_code: str):
    """A region's self-assessment read by staff or an evaluator on its panel (officials: their
    own, which sends them to their own page)."""
    assessment = self_assessment_for_user(request.user, year, region_code)
    if request.user.role == User.Role.OFFICIAL:
        return redirect(_page_url(assessment))
    return _render(request, assessment, writer=False)


@official_only
@require_POST
def self_score_save_view(request, year: int, indicator_id: int):
    """Save the answer to one indicator; a refused one comes back open with what was typed."""
    assessment = own_self_assessment(request.user, year)
    indicator = get_object_or_404(
        assessed_indicators(assessment.cycle).select_related(None), pk=indicator_id
    )
    form = SelfScoreForm(request.POST, request.FILES, indicator=indicator)
    if form.is_valid():
        data = form.cleaned_data
        try:
            self_score_save(
                assessment=assessment,
                indicator=indicator,
                score=data["score"],
                justification=data["justification"],
                evidence_url=data["evidence_url"],
                upload=data["evidence_file"],
                remove_file=data["remove_file"],
                by=request.user,
            )
        except ValidationError as exc:
            field = "evidence_url" if getattr(exc, "code", "") == "url" else "evidence_file"
            form.add_error(field, exc)
        except SelfAssessmentError as exc:
            messages.error(request, str(exc))
            return redirect(_page_url(assessment))
        else:
            messages.success(request, _("Jawaban %(code)s disimpan.") % {"code": indicator.code})
            return redirect(_page_url(assessment) + f"#ind-{indicator.code}")
    messages.error(request, _("Periksa kembali isian %(code)s.") % {"code": indicator.code})
    return _render(request, assessment, writer=True, bound=form)


@official_only
@require_POST
def self_assessment_submit_view(request, year: int):
    assessment = own_self_assessment(request.user, year)
    try:
        self_assessment_submit(assessment=assessment, by=request.user)
    except SelfAssessmentIncomplete as exc:
        messages.warning(request, _("Penilaian mandiri belum lengkap."))
        return _render(request, assessment, writer=True, missing=exc.missing)
    except SelfAssessmentError as exc:
        messages.error(request, str(exc))
        return redirect(_page_url(assessment))
    messages.success(
        request, _("Penilaian mandiri diajukan. Terima kasih; evaluator akan memverifikasinya.")
    )
    return redirect(_page_url(assessment))


@official_only
@require_POST
def self_assessment_prefill_view(request, year: int):
    assessment = own_self_assessment(request.user, year)
    try:
        filled = self_assessment_prefill(assessment=assessment, by=request.user)
    except SelfAssessmentError as exc:
        messages.error(request, str(exc))
    else:
        if filled:
            messages.success(
                request,
                _("%(n)s penjelasan diisi dari data portal. Periksa dan beri nilai.")
                % {"n": filled},
            )
        else:
            messages.info(request, _("Tidak ada penjelasan kosong yang dapat diisi dari portal."))
    return redirect(_page_url(assessment))


@login_required
@require_GET
def self_evidence_download(request, pk: int):
    """An answer's evidence file, to whoever may read the self-assessment (404 to others)."""
    answer = self_evidence_for_user(request.user, pk)
    if not answer.evidence_file:
        raise Http404
    return private_file_response(
        answer.evidence_file, download_name=answer.evidence_name, content_type=answer.evidence_type
    )
