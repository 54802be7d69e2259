"""What each role gets from the results, selection and report URLs (see tests/urlmatrix.py)."""

from assessment.models import PanelMember
from tests.factories import CandidateFactory
from tests.urlmatrix import NOT_FOUND, OK, only

EXPECTATIONS = {
    # The ministry's pages: everyone else is refused before any lookup.
    "assessment_index": only(OK, "staff"),
    "assessment_results": only(OK, "staff"),
    "assessment_export": only(OK, "staff"),
    "assessment_selection": only(OK, "staff"),
    "assessment_proposal": only(OK, "staff"),
    # A candidate's report: staff, the region's own officials and its seated assessors; an
    # official of another region gets the same answer as for a report that does not exist.
    "candidate_report": {**only(OK, "staff", "official", "assessor"), "other_official": NOT_FOUND},
}


def url_kwargs(name, world):
    """Sukoharjo a candidate of the world's cohort, with the world's assessor on its panel."""
    if name not in EXPECTATIONS:
        return None
    year = world.cohort.year
    if name == "candidate_report":
        candidate = CandidateFactory(cohort=world.cohort, region=world.region)
        PanelMember.objects.create(
            candidate=candidate, assessor=world.assessor, assigned_by=world.staff
        )
        return {"candidate_id": candidate.pk}
    return {
        "assessment_index": {},
        "assessment_results": {"year": year},
        "assessment_export": {"year": year, "fmt": "csv"},
        "assessment_selection": {"year": year},
        "assessment_proposal": {"year": year},
    }[name]
