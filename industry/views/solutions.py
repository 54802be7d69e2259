"""Industry partners' pages: their profile and solutions, and the catalogue staff browse.

A partner only ever reaches their own organisation (`industry.access` answers 404 for another's
solution). None of these pages shows regions' documents, questionnaires, scores or mentors'
notes: partners have no page that reads them.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartcity.access import role_required
from smartcity.models import User

from ..access import solution_for_partner
from ..forms_solutions import CatalogueFilterForm, ProfileForm, SolutionForm
from ..services.solutions import (
    SolutionError,
    partner_profile_update,
    solution_add,
    solution_catalogue,
    solution_delete,
    solution_update,
    solutions_of,
    with_dimension_names,
)

partner_only = role_required(User.Role.PARTNER)
catalogue_readers = role_required(User.Role.STAFF, User.Role.OFFICIAL)


@partner_only
@require_http_methods(["GET", "POST"])
def partner_profile(request):
    """The partner's organisation profile; the name is kept by the ministry."""
    organisation = request.user.partner_organisation
    form = ProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        partner_profile_update(organisation=organisation, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Profil tersimpan."))
        return redirect("partner_profile")
    return render(
        request,
        "industry/solutions/profile.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )


@partner_only
@require_http_methods(["GET", "POST"])
def solutions(request):
    """The organisation's solutions, with a form to add one."""
    organisation = request.user.partner_organisation
    form = SolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            solution_add(organisation=organisation, data=form.cleaned_data, by=request.user)
        except SolutionError as exc:
            form.add_error("dimensions", str(exc))
        else:
            messages.success(request, _("Solusi ditambahkan."))
            return redirect("solutions")
    return render(
        request,
        "industry/solutions/solutions.html",
        {
            "organisation": organisation,
            "solutions": with_dimension_names(solutions_of(organisation)),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@partner_only
@require_http_methods(["GET", "POST"])
def solution_edit(request, pk: int):
    """Edit or delete one of the organisation's solutions."""
    solution = solution_for_partner(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        solution_delete(solution=solution, by=request.user)
        messages.success(request, _("Solusi dihapus."))
        return redirect("solutions")
    form = SolutionForm(request.POST or None, instance=solution)
    if request.method == "POST" and form.is_valid():
        try:
            solution_update(solution=solution, data=form.cleaned_data, by=request.user)
        except SolutionError as exc:
            form.add_error("dimensions", str(exc))
        else:
            messages.success(request, _("Solusi tersimpan."))
            return redirect("solutions")
    return render(
        request,
        "industry/solutions/solution_edit.html",
        {"solution": solution, "form": form},
        status=400 if form.errors else 200,
    )


@catalogue_readers
@require_GET
def catalogue(request):
    """Every partner's solutions, read-only, optionally for one dimension."""
    form = CatalogueFilterForm(request.GET or None)
    dimension = form.cleaned_data["dimension"] if form.is_valid() else ""
    return render(
        request,
        "industry/solutions/catalogue.html",
        {
            "form": form,
            "solutions": with_dimension_names(solution_catalogue(dimension=dimension)),
        },
    )


urlpatterns = [
    path("mitra/profil/", partner_profile, name="partner_profile"),
    path("mitra/solusi/", solutions, name="solutions"),
    path("mitra/solusi/<int:pk>/", solution_edit, name="solution_edit"),
    path("katalog/", catalogue, name="solution_catalogue"),
]
