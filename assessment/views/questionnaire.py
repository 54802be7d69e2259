"""The readiness questionnaire: filled by the region's officials, read by staff and the panel.

One page per candidate. The region's own officials edit it while it is open (answers, evidence
per section, regulations), save drafts and submit it; afterwards it is read-only for everyone.
Ministry staff and the assessors seated on the candidate's panel read it; staff may reopen a
submitted questionnaire with a reason. Who sees what is `assessment.access`; when it may change
is `assessment.services.questionnaire`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import Candidate
from smartcity.access import role_required
from smartcity.models import User
from smartcity.storage import private_file_response

from ..access import evidence_for_user, questionnaire_for_user
from ..forms_questionnaire import EvidenceForm, QuestionnaireForm, RegulationForm, ReopenForm
from ..models import Questionnaire, QuestionnaireEvent, Regulation, Section
from ..services.questionnaire import (
    ANSWER_FIELDS,
    QuestionnaireError,
    QuestionnaireIncomplete,
    evidence_add,
    evidence_remove,
    questionnaire_closed_reason,
    questionnaire_may_reopen,
    questionnaire_progress,
    questionnaire_reopen,
    questionnaire_save,
    questionnaire_submit,
    regulation_add,
    regulation_remove,
)

official_only = role_required(User.Role.OFFICIAL)
# Staff and seated assessors read the page; access narrows it to what each of them may see.
readers = role_required(User.Role.OFFICIAL, User.Role.STAFF, User.Role.ASSESSOR)

# Bootstrap width classes for 0–4 complete sections (the CSP forbids style attributes).
PROGRESS_WIDTH = {0: "", 1: "w-25", 2: "w-50", 3: "w-75", 4: "w-100"}


def _questionnaire_page(candidate_id: int) -> str:
    return reverse("questionnaire", args=[candidate_id])


def _opened(user, candidate_id: int) -> tuple[Questionnaire, bool]:
    """The questionnaire, and whether this user is one of the region's officials who write it."""
    try:
        return questionnaire_for_user(user, candidate_id, write=True), True
    except Http404:
        return questionnaire_for_user(user, candidate_id), False


def _loaded(pk: int) -> Questionnaire:
    """The questionnaire with everything its page shows, in a fixed number of queries."""
    return (
        Questionnaire.objects.select_related(
            "candidate__region__province", "candidate__cohort", "submitted_by"
        )
        .prefetch_related(
            "regulations",
            "evidence",
            Prefetch("events", queryset=QuestionnaireEvent.objects.select_related("by")),
        )
        .get(pk=pk)
    )


def _render(
    request,
    questionnaire: Questionnaire,
    *,
    writer: bool,
    form: QuestionnaireForm | None = None,
    regulation_form: RegulationForm | None = None,
    evidence_form: EvidenceForm | None = None,
    missing: list[str] | None = None,
):
    """The page, in edit mode for the region's officials while open, read-only otherwise.

    Bound forms passed in are shown with their errors and what was typed, so a refused save,
    upload or regulation never loses the official's input.
    """
    q = _loaded(questionnaire.pk)
    regulations = list(q.regulations.all())
    evidence = list(q.evidence.all())
    progress = questionnaire_progress(q, regulation_count=len(regulations))
    closed_reason = questionnaire_closed_reason(q)
    bound = any(f is not None and f.is_bound for f in (form, regulation_form, evidence_form))
    editing = writer and (closed_reason is None or bound)
    complete = sum(part.complete for part in progress)
    events = list(q.events.all())
    context = {
        "questionnaire": q,
        "candidate": q.candidate,
        "progress": progress,
        "complete": complete,
        "progress_width": PROGRESS_WIDTH[complete],
        "writer": writer,
        "editing": editing,
        "closed_reason": closed_reason,
        "missing": missing,
        "events": events,
        "last_reopen": next(
            (e for e in reversed(events) if e.new == Questionnaire.Status.REOPENED), None
        ),
        "may_reopen": questionnaire_may_reopen(q, user=request.user)[0],
    }
    if editing:
        form = form or QuestionnaireForm(initial={name: getattr(q, name) for name in ANSWER_FIELDS})
        by_section = {section: [] for section in Section.values}
        for item in evidence:
            by_section[item.section].append(item)
        done = {part.section: part for part in progress}
        context |= {
            "form": form,
            "regulation_form": regulation_form or RegulationForm(),
            "regulations": regulations,
            "evidence": evidence,
            "sections": [
                {
                    "value": value,
                    "label": label,
                    "fields": fields,
                    "progress": done[value],
                    "evidence": by_section[value],
                    "upload": (
                        evidence_form
                        if evidence_form is not None and evidence_form.section == value
                        else EvidenceForm(section=value)
                    ),
                }
                for value, label, fields in form.sections()
            ],
        }
    return render(request, "assessment/questionnaire/page.html", context)


@readers
def questionnaire_view(request, candidate_id: int):
    """Show the questionnaire; the region's officials save it ("Simpan draf") or submit it."""
    questionnaire, writer = _opened(request.user, candidate_id)
    if request.method != "POST":
        return _render(request, questionnaire, writer=writer)
    if not writer:
        raise Http404
    form = QuestionnaireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periksa kembali isian yang ditandai; draf belum disimpan."))
        return _render(request, questionnaire, writer=True, form=form)
    try:
        questionnaire_save(questionnaire=questionnaire, data=form.cleaned_data, by=request.user)
    except QuestionnaireError as exc:
        form.add_error(None, str(exc))
        return _render(request, questionnaire, writer=True, form=form)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Draf kuesioner disimpan."))
        return redirect(_questionnaire_page(candidate_id))
    try:
        questionnaire_submit(questionnaire=questionnaire, by=request.user)
    except QuestionnaireIncomplete as exc:
        messages.warning(request, _("Draf disimpan, tetapi kuesioner belum lengkap."))
        return _render(request, questionnaire, writer=True, form=form, missing=exc.missing)
    except QuestionnaireError as exc:
        messages.error(request, str(exc))
        return redirect(_questionnaire_page(candidate_id))
    messages.success(
        request, _("Kuesioner diajukan. Terima kasih; panel asesor akan mempelajarinya.")
    )
    return redirect(_questionnaire_page(candidate_id))


@official_only
@require_POST
def regulation_add_view(request, candidate_id: int):
    """Add a regulation; a refused one comes back on the page with what was typed."""
    questionnaire = questionnaire_for_user(request.user, candidate_id, write=True)
    form = RegulationForm(request.POST)
    if form.is_valid():
        try:
            regulation = regulation_add(
                questionnaire=questionnaire, by=request.user, **form.cleaned_data
            )
        except QuestionnaireError as exc:  # closed meanwhile: nothing typed could be saved
            messages.error(request, str(exc))
            return redirect(_questionnaire_page(candidate_id))
        messages.success(request, _("Regulasi %(r)s ditambahkan.") % {"r": regulation})
        return redirect(_questionnaire_page(candidate_id) + "#regulasi")
    return _render(request, questionnaire, writer=True, regulation_form=form)


@official_only
@require_POST
def regulation_remove_view(request, candidate_id: int, pk: int):
    questionnaire = questionnaire_for_user(request.user, candidate_id, write=True)
    regulation = get_object_or_404(Regulation, pk=pk, questionnaire=questionnaire)
    try:
        regulation_remove(questionnaire=questionnaire, regulation=regulation, by=request.user)
    except QuestionnaireError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Regulasi %(r)s dihapus.") % {"r": regulation})
    return redirect(_questionnaire_page(candidate_id) + "#regulasi")


@official_only
@require_POST
def evidence_add_view(request, candidate_id: int):
    """Upload a proof for one section; a refused file is explained on the page, not stored."""
    questionnaire = questionnaire_for_user(request.user, candidate_id, write=True)
    section = request.POST.get("section", "")
    if section not in Section.values:
        messages.error(request, _("Bagian kuesioner tidak dikenal."))
        return redirect(_questionnaire_page(candidate_id))
    form = EvidenceForm(request.POST, request.FILES, section=section)
    if form.is_valid():
        try:
            evidence = evidence_add(
                questionnaire=questionnaire,
                section=section,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        except QuestionnaireError as exc:  # closed meanwhile, or the section is full
            messages.error(request, str(exc))
            return redirect(_questionnaire_page(candidate_id) + f"#section-{section}")
        else:
            messages.success(request, _("Bukti “%(name)s” diunggah.") % {"name": evidence})
            return redirect(_questionnaire_page(candidate_id) + f"#section-{section}")
    return _render(request, questionnaire, writer=True, evidence_form=form)


@official_only
@require_POST
def evidence_remove_view(request, pk: int):
    evidence = evidence_for_user(request.user, pk)
    candidate_id = evidence.questionnaire.candidate_id
    questionnaire_for_user(request.user, candidate_id, write=True)  # only its own region's
    try:
        evidence_remove(evidence=evidence, by=request.user)
    except QuestionnaireError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Bukti “%(name)s” dihapus.") % {"name": evidence})
    return redirect(_questionnaire_page(candidate_id) + f"#section-{evidence.section}")


@login_required
@require_GET
def evidence_download(request, pk: int):
    """Send an evidence file as a download to whoever may read its questionnaire.

    Not role-gated: access answers 404 to everyone else (other regions, mentors, partners,
    assessors not on the panel), the same as for a file that does not exist.
    """
    evidence = evidence_for_user(request.user, pk)
    return private_file_response(
        evidence.file, download_name=evidence.original_name, content_type=evidence.content_type
    )


@role_required(User.Role.STAFF)
@require_http_methods(["GET", "POST"])
def questionnaire_reopen_view(request, candidate_id: int):
    """Staff reopen a submitted questionnaire so the region can correct it: a page that says
    what changes, with the reason the region will read (required), then its button."""
    questionnaire = questionnaire_for_user(request.user, candidate_id)
    allowed, refusal = questionnaire_may_reopen(questionnaire, user=request.user)
    if not allowed:
        messages.error(request, refusal)
        return redirect(_questionnaire_page(candidate_id))
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire_reopen(
                questionnaire=questionnaire, by=request.user, reason=form.cleaned_data["reason"]
            )
        except QuestionnaireError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Kuesioner dibuka kembali; daerah dapat memperbaikinya."))
        return redirect(_questionnaire_page(candidate_id))
    candidate = (
        Candidate.objects.select_related("region__province", "cohort")
        .annotate(
            seats=Count("panel", distinct=True),
            sheets_submitted=Count(
                "panel__sheet", filter=Q(panel__sheet__status="submitted"), distinct=True
            ),
        )
        .get(pk=questionnaire.candidate_id)
    )
    return render(
        request,
        "assessment/questionnaire/reopen.html",
        {"questionnaire": questionnaire, "candidate": candidate, "form": form},
    )


urlpatterns = [
    path("kandidat/<int:candidate_id>/kuesioner/", questionnaire_view, name="questionnaire"),
    path(
        "kandidat/<int:candidate_id>/kuesioner/regulasi/",
        regulation_add_view,
        name="questionnaire_regulation_add",
    ),
    path(
        "kandidat/<int:candidate_id>/kuesioner/regulasi/<int:pk>/hapus/",
        regulation_remove_view,
        name="questionnaire_regulation_remove",
    ),
    path(
        "kandidat/<int:candidate_id>/kuesioner/bukti/",
        evidence_add_view,
        name="questionnaire_evidence_add",
    ),
    path(
        "kandidat/<int:candidate_id>/kuesioner/buka-kembali/",
        questionnaire_reopen_view,
        name="questionnaire_reopen",
    ),
    path("bukti/<int:pk>/hapus/", evidence_remove_view, name="evidence_remove"),
    path("bukti/<int:pk>/unduh/", evidence_download, name="evidence_download"),
]
