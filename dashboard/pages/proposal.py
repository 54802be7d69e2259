"""The map of a cohort's balanced selection proposal beside its pure ranking.

The side-by-side page is the assessment's (`assessment_proposal`); it has a slot this panel
fills with htmx, because the map's geometry lives here and the assessment sits below the
dashboard. A plain request gets the same map as a page of its own (no JavaScript needed).
"""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessment.services.proposal import cohort_proposal
from candidates.models import Cohort
from smartcity.access import role_required
from smartcity.geometry import map_svg
from smartcity.models import User

# (state, colour): one colour per way a region stands between the ranking and the proposal.
KEPT, ENTERING, LEAVING, NEITHER = "kept", "entering", "leaving", "neither"
COLOURS = {KEPT: "#1f4e79", ENTERING: "#2e8540", LEAVING: "#d9822b", NEITHER: "#b8c7d6"}


def _legend():
    return [
        (COLOURS[KEPT], _("terpilih di keduanya")),
        (COLOURS[ENTERING], _("masuk karena pemerataan")),
        (COLOURS[LEAVING], _("keluar karena pemerataan")),
        (COLOURS[NEITHER], _("kandidat, tidak terpilih")),
    ]


@role_required(User.Role.STAFF)
@require_GET
def proposal_map(request, year: int):
    """Indonesia's kab/kota coloured by where each candidate stands: selected by both, entering
    or leaving with the balanced proposal, or a candidate neither selects."""
    cohort = get_object_or_404(Cohort, year=year)
    comparison = cohort_proposal(cohort=cohort)
    states = {}
    titles = {}
    for r in comparison.rows:
        if r.in_ranking and r.in_proposal:
            state = KEPT
        elif r.in_proposal:
            state = ENTERING
        elif r.in_ranking:
            state = LEAVING
        else:
            state = NEITHER
        states[r.code] = COLOURS[state]
        titles[r.code] = _("%(region)s: peringkat %(rank)s, skor %(score)s") % {
            "region": r.row.region.short_name,
            "rank": r.rank,
            "score": f"{r.score:.2f}".replace(".", ","),
        }
    # Inline and without links: the picture is one image to assistive technology (links
    # inside role="img" would be controls it cannot reach); the page's tables carry the rows.
    svg = map_svg(
        states,
        titles=titles,
        label=_("Peta usulan pemerataan %(year)s") % {"year": cohort.year},
    )
    context = {"cohort": cohort, "svg": svg, "legend": _legend(), "comparison": comparison}
    if request.headers.get("HX-Request") == "true":
        return render(request, "dashboard/proposal_map.html#panel", context)
    return render(request, "dashboard/proposal_map.html", context)
