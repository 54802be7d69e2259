"""What each role gets from the mentoring URLs (see tests/urlmatrix.py)."""

from partners.services.assignments import assignment_add
from tests.factories import CandidateFactory
from tests.urlmatrix import OK, only

EXPECTATIONS = {
    # Mentor teams are the ministry's business: everyone else gets 403 (anonymous: login).
    "mentoring_index": only(OK, "staff"),
    "mentoring_overview": only(OK, "staff"),
    "mentoring_suggest": only(OK, "staff"),
    "mentoring_end": only(OK, "staff"),
}


def url_kwargs(name, world):
    """Sukoharjo selected in the world's cohort, so the pages have a region to show."""
    if name not in EXPECTATIONS:
        return None
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    if name == "mentoring_end":
        assignment = assignment_add(candidate=candidate, mentor=world.mentor, by=world.staff)
        return {"year": world.cohort.year, "pk": assignment.pk}
    return {
        "mentoring_index": {},
        "mentoring_overview": {"year": world.cohort.year},
        "mentoring_suggest": {"year": world.cohort.year},
    }[name]
