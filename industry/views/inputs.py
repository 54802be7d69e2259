"""Partners' input on submitted plans: the list of plans they may read, the input form, and
the plan page's panel of input.

The plan itself is read on the master plan's page (`plan_detail`), which shows a partner the
latest submitted version and loads this app's panel into its slot (`plan_inputs_panel`,
`templates/industry/_plan_inputs.html`). A draft plan is a 404 for partners, as for a missing one.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from masterplan.access import plan_for_user
from masterplan.models import Programme
from masterplan.selectors import plan_data_shown
from masterplan.services.workflow import latest_version
from smartcity.access import role_required
from smartcity.idempotency import claim_post_token
from smartcity.models import User

from ..access import (
    input_for_author,
    plan_page_inputs,
    plans_for_partner,
    solution_choices_for_partner,
)
from ..forms_inputs import PartnerInputForm
from ..services import inputs as services

partner_only = role_required(User.Role.PARTNER)
# Who may open a plan's page (masterplan.views.plan) may load its panel of partner input.
plan_readers = role_required(
    User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR, User.Role.PARTNER
)
PANEL = "industry/_plan_inputs.html#partner-panel"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _panel(request, plan, data: dict, form=None):
    """The partner's part of the plan page alone, for htmx to swap in."""
    inputs = plan_page_inputs(request.user, plan, data)
    if form is not None:
        inputs["partner_input_form"] = form
    return render(request, PANEL, {"plan": plan, "inputs": inputs})


def _back_to_plan(plan):
    return redirect(reverse("plan_detail", args=[plan.pk]) + "#partner-inputs")


@partner_only
@require_GET
def partner_plans(request):
    """Submitted plans the partner may read, with their organisation's input count on each."""
    return render(
        request,
        "industry/inputs/plans.html",
        {"plans": list(plans_for_partner(request.user))},
    )


@plan_readers
@require_GET
def plan_inputs_panel(request, plan_pk: int):
    """The plan page's panel of partner input, loaded into the page's slot by htmx.

    A partner gets the form and their organisation's input; the region, its mentors and staff
    get every input with a badge for each programme's row; anyone else who may read the plan
    gets nothing (204, so the slot stays empty). Who reads the plan at all is the master plan's
    rule (`plan_for_user`: 404).
    """
    plan = plan_for_user(request.user, plan_pk)
    data, _version = plan_data_shown(request.user, plan)
    inputs = plan_page_inputs(request.user, plan, data)
    if not inputs:
        return HttpResponse(status=204)
    return render(request, "industry/_plan_inputs.html", {"plan": plan, "inputs": inputs})


@partner_only
@require_POST
def partner_input_add(request, plan_pk: int):
    """Leave input on the plan or one of the latest version's programmes."""
    plan = plan_for_user(request.user, plan_pk)
    data = latest_version(plan).data
    solutions = solution_choices_for_partner(request.user)
    form = PartnerInputForm(request.POST, programmes=data["programmes"], solutions=solutions)
    if form.is_valid():
        programme_id, solution_id = form.cleaned_data["programme"], form.cleaned_data["solution"]
        try:
            with transaction.atomic():
                # A double click posts the same form twice: the second is answered, not stored.
                if claim_post_token(request):
                    services.partner_input_add(
                        plan=plan,
                        by=request.user,
                        body=form.cleaned_data["body"],
                        programme=Programme.objects.filter(plan=plan, pk=programme_id).first()
                        if programme_id
                        else None,
                        solution=next((s for s in solutions if s.pk == solution_id), None),
                    )
        except services.PartnerInputError as exc:
            form.add_error(None, str(exc))
    if form.errors:
        if _is_htmx(request):
            # The form comes back with each error by its field; the message says it at the top.
            messages.error(request, _("Masukan belum terkirim. Periksa isian yang ditandai."))
        else:
            errors = (str(e) for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, " ".join(errors))
    else:
        messages.success(request, _("Masukan terkirim."))
    if _is_htmx(request):
        # A valid input clears the form; an invalid one comes back with its errors (200, so
        # htmx swaps it in).
        return _panel(request, plan, data, form if form.errors else None)
    return _back_to_plan(plan)


@partner_only
@require_POST
def partner_input_delete(request, pk: int):
    """Withdraw one of the partner's own inputs."""
    partner_input = input_for_author(request.user, pk)
    plan = partner_input.plan
    # `input_for_author` found it among the user's own, so the service's author check holds.
    services.partner_input_delete(partner_input=partner_input, by=request.user)
    messages.success(request, _("Masukan dihapus."))
    if _is_htmx(request):
        return _panel(request, plan, latest_version(plan).data)
    return _back_to_plan(plan)


urlpatterns = [
    path("mitra/masterplan/", partner_plans, name="partner_plans"),
    path("mitra/masterplan/<int:plan_pk>/masukan/", partner_input_add, name="partner_input_add"),
    path("mitra/masukan/<int:pk>/hapus/", partner_input_delete, name="partner_input_delete"),
    path("masterplan/<int:plan_pk>/masukan-mitra/", plan_inputs_panel, name="plan_partner_inputs"),
]
