"""Writing the master plan: the official's entry page, the section forms and the programme
editor that works inline on the plan page (htmx) and as plain pages without JavaScript.

Only the region's officials write, and only while `access.may_edit` allows. Reading roles that
can see the plan (staff, the assigned mentor) are told why they may not write (403); other
regions and other mentors get the same 404 as for a missing plan; partners and assessors never
write (403). The services check the same rules again, because a form can arrive after the plan
was submitted.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import Candidate
from smartcity.access import role_required
from smartcity.models import User

from ..access import may_edit, plan_for_user
from ..forms import SECTION_FORMS, ProgrammeForm
from ..models import Dimension, Programme
from ..selectors import plan_page
from ..services.authoring import programme_delete as programme_delete_service
from ..services.workflow import WorkflowError, plan_for_candidate

# Roles that may read a draft plan: a refusal to write can then say why; everyone else has no
# business on these pages at all.
plan_writers = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)

SECTION_ANCHORS = {
    "header": "vision",
    "readiness": "readiness",
    "strategy": "strategy",
    "foreword": "foreword",
    "legal": "legal",
    "summary": "summary",
    "profile": "profile",
    "closing": "closing",
}
SECTION_TITLES = {
    "header": gettext_lazy("Judul, visi dan misi"),
    "readiness": gettext_lazy("Analisis kesiapan"),
    "strategy": gettext_lazy("Strategi per dimensi"),
    "foreword": gettext_lazy("Kata pengantar"),
    "legal": gettext_lazy("Dasar hukum"),
    "summary": gettext_lazy("Ringkasan eksekutif"),
    "profile": gettext_lazy("Gambaran umum daerah"),
    "closing": gettext_lazy("Penutup dan daftar singkatan OPD"),
}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _plan_url(plan, anchor: str = "") -> str:
    return plan.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _refused(request, plan, reason: str):
    """The plan may not be written now: say why. htmx gets the message in the page's alert
    slot (htmx does not swap 4xx answers), a plain request a 403 page."""
    if _is_htmx(request):
        response = render(
            request, "masterplan/authoring/refused.html#alert", {"plan": plan, "reason": reason}
        )
        response["HX-Retarget"] = "#plan-authoring-alert"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(
        request,
        "masterplan/authoring/refused.html",
        {"plan": plan, "reason": reason},
        status=403,
    )


def _writable_plan(request, pk):
    """(plan, None) when this user may write the plan now, else (plan, the refusal)."""
    plan = plan_for_user(request.user, pk)
    allowed, reason = may_edit(request.user, plan)
    return plan, None if allowed else _refused(request, plan, reason)


@role_required(User.Role.OFFICIAL)
@require_GET
def my_plan(request):
    """The official's way in: their region's plan in its latest cohort, created on first visit."""
    candidate = (
        Candidate.objects.filter(
            region_id=request.user.region_id, status__in=Candidate.IN_PROGRAMME
        )
        .select_related("cohort")
        .order_by("-cohort__year")
        .first()
    )
    if candidate is None:
        return render(request, "masterplan/authoring/no_plan.html")
    try:
        plan = plan_for_candidate(candidate=candidate, by=request.user)
    except WorkflowError as exc:
        return render(request, "masterplan/authoring/no_plan.html", {"reason": str(exc)})
    return redirect(plan)


@plan_writers
@require_http_methods(["GET", "POST"])
def plan_section_edit(request, pk, section):
    """One of the plan's text sections as a form: header, readiness analysis, strategies, and
    the document's forewords, legal basis, executive summary, profile text and closing."""
    form_class = SECTION_FORMS.get(section)
    if form_class is None:
        raise Http404
    plan, refusal = _writable_plan(request, pk)
    if refusal:
        return refusal
    if request.method == "POST":
        form = form_class(request.POST, plan=plan)
        if form.is_valid() and form.save(by=request.user):
            messages.success(request, _("Perubahan masterplan tersimpan."))
            return redirect(_plan_url(plan, f"plan-{SECTION_ANCHORS[section]}"))
        status = 422
    else:
        form = form_class(plan=plan)
        status = 200
    return render(
        request,
        "masterplan/authoring/section_form.html",
        {"plan": plan, "form": form, "section": section, "title": SECTION_TITLES[section]},
        status=status,
    )


# --- programmes -----------------------------------------------------------------------------


def _saved_fragment(request, plan, programme_id, *, target_dimension=None, deleted=None):
    """What htmx swaps in after a change: the programme's row where the target row was (or
    nothing, when the target goes away) plus, out of band, the row appended to its dimension's
    table if it is new or moved there, and the parts of the page computed from all programmes
    (progress, budget summary, quick-win list, review banner). Other forms open on the page are
    untouched.

    `target_dimension` is the dimension of the table row htmx replaces; None when the target
    is not a row (the "add" form) or when the row goes away (`deleted`, the programme's id).
    A programme that moved or went away takes its review thread's row with it.
    """
    page = plan_page(request.user, plan)
    row = next((p for p in page.data["programmes"] if p["id"] == programme_id), None)
    in_place = row is not None and row["dimension"] == target_dimension
    moved = row is not None and target_dimension is not None and not in_place
    context = {
        "page": page,
        "row": row,
        "in_place": in_place,
        "append": row and not in_place,
        "drop_thread": programme_id if moved else deleted,
    }
    return render(request, "masterplan/authoring/programme_saved.html", context)


def _programme_form_response(request, plan, form, *, programme=None, dimension_code="", status):
    context = {
        "plan": plan,
        "form": form,
        "programme": programme,
        "dimension_code": dimension_code,
        "fragment": _is_htmx(request),
    }
    if programme is not None:
        context["action"] = reverse("programme_edit", args=[plan.pk, programme.pk])
    else:
        context["action"] = reverse("programme_new", args=[plan.pk])
        if dimension_code:
            context["action"] += f"?dimensi={dimension_code}"
    if _is_htmx(request):
        name = "edit_row" if programme is not None else "new_form"
        if form.is_bound:
            # The form sits deep in a long page; the message tells at the top too. (A form
            # page of its own shows its errors at its top already.)
            messages.error(request, _("Program belum tersimpan. Periksa isian yang ditandai."))
        # htmx swaps 2xx answers only: a form with errors is a 200 fragment.
        return render(request, f"masterplan/authoring/programme_form.html#{name}", context)
    return render(request, "masterplan/authoring/programme_form.html", context, status=status)


@plan_writers
@require_http_methods(["GET", "POST"])
def programme_new(request, pk):
    """Add a programme: inline under its dimension's table (htmx), or as a page of its own."""
    plan, refusal = _writable_plan(request, pk)
    if refusal:
        return refusal
    code = request.GET.get("dimensi", "")
    dimension = Dimension.objects.filter(code=code).first() if code else None
    code = dimension.code if dimension else ""
    auto_id = f"new-{code or 'x'}_%s"
    if request.method == "GET" and "batal" in request.GET:
        return HttpResponse("")
    if request.method == "POST":
        form = ProgrammeForm(request.POST, plan=plan, dimension=dimension, auto_id=auto_id)
        if form.is_valid() and form.save(by=request.user):
            programme = form.result
            messages.success(request, _("Program “%(name)s” ditambahkan.") % {"name": programme})
            if _is_htmx(request):
                return _saved_fragment(request, plan, programme.pk)
            return redirect(_plan_url(plan, f"programme-{programme.pk}"))
        return _programme_form_response(request, plan, form, dimension_code=code, status=422)
    form = ProgrammeForm(plan=plan, dimension=dimension, auto_id=auto_id)
    return _programme_form_response(request, plan, form, dimension_code=code, status=200)


@plan_writers
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk, prog_pk):
    """Change a programme: its row turns into the form and back (htmx), or a page of its own."""
    plan, refusal = _writable_plan(request, pk)
    if refusal:
        return refusal
    programme = get_object_or_404(
        Programme.objects.select_related("dimension").prefetch_related("budgets"),
        pk=prog_pk,
        plan=plan,
    )
    if request.method == "GET" and "batal" in request.GET:
        # "Cancel" on the inline form: the programme's row as it is.
        return _saved_fragment(
            request, plan, programme.pk, target_dimension=programme.dimension.code
        )
    auto_id = f"p{programme.pk}_%s"
    if request.method == "POST":
        old_dimension = programme.dimension.code
        form = ProgrammeForm(request.POST, plan=plan, programme=programme, auto_id=auto_id)
        if form.is_valid() and form.save(by=request.user):
            messages.success(request, _("Program “%(name)s” tersimpan.") % {"name": programme})
            if _is_htmx(request):
                return _saved_fragment(request, plan, programme.pk, target_dimension=old_dimension)
            return redirect(_plan_url(plan, f"programme-{programme.pk}"))
        return _programme_form_response(request, plan, form, programme=programme, status=422)
    form = ProgrammeForm(plan=plan, programme=programme, auto_id=auto_id)
    return _programme_form_response(request, plan, form, programme=programme, status=200)


@plan_writers
@require_POST
def programme_delete(request, pk, prog_pk):
    """Remove a programme: its row disappears (htmx) or the plan page reloads."""
    plan, refusal = _writable_plan(request, pk)
    if refusal:
        return refusal
    programme = get_object_or_404(Programme, pk=prog_pk, plan=plan)
    name, deleted = programme.name, programme.pk
    try:
        programme_delete_service(plan=plan, by=request.user, programme=programme)
    except WorkflowError as exc:
        return _refused(request, plan, str(exc))
    messages.success(request, _("Program “%(name)s” dihapus.") % {"name": name})
    if _is_htmx(request):
        return _saved_fragment(request, plan, None, deleted=deleted)
    return redirect(_plan_url(plan, "plan-programmes"))


urlpatterns = [
    path("saya/", my_plan, name="my_plan"),
    path("<int:pk>/ubah/<slug:section>/", plan_section_edit, name="plan_section_edit"),
    path("<int:pk>/program/baru/", programme_new, name="programme_new"),
    path("<int:pk>/program/<int:prog_pk>/ubah/", programme_edit, name="programme_edit"),
    path("<int:pk>/program/<int:prog_pk>/hapus/", programme_delete, name="programme_delete"),
]
