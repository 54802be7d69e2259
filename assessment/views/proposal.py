"""The balanced selection proposal beside the pure ranking (ministry staff).

The page is the assessment's, beside the selection it leads to; its map of Indonesia is a
panel the dashboard fills (`dashboard_proposal_map`, loaded into the page's slot with htmx),
because the map's geometry is the dashboard's and the assessment sits below it.
"""

from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from smartcity.access import role_required
from smartcity.models import User

from ..models import EquityRules
from ..services.proposal import cohort_proposal
from .results import _cohort, _selection_of


@role_required(User.Role.STAFF)
@require_GET
def assessment_proposal(request, year: int):
    """Pure ranking and balanced proposal side by side: who enters and leaves, the score it
    costs, the spread by island group and province; a button starts the selection from it."""
    cohort = _cohort(year)
    comparison = cohort_proposal(cohort=cohort)
    return render(
        request,
        "assessment/results/proposal.html",
        {
            "cohort": cohort,
            "selection": _selection_of(cohort),
            "comparison": comparison,
            "admin_rules_url": _rules_admin_url(cohort),
        },
    )


def _rules_admin_url(cohort) -> str:
    rules = EquityRules.objects.filter(cohort=cohort).only("pk").first()
    if rules is None:
        return reverse("admin:assessment_equityrules_add") + f"?cohort={cohort.pk}"
    return reverse("admin:assessment_equityrules_change", args=[rules.pk])


urlpatterns = [
    path("<int:year>/usulan-pemerataan/", assessment_proposal, name="assessment_proposal"),
]
