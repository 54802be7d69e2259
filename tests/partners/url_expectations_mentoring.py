"""What each role gets from the mentoring URLs (see tests/urlmatrix.py)."""

from tests.factories import CandidateFactory
from tests.urlmatrix import OK, only

EXPECTATIONS = {
    # Mentor teams are the ministry's business: everyone else gets 403 (anonymous: login).
    "mentoring_index": only(OK, "staff"),
    "mentoring_overview": only(OK, "staff"),
    "mentoring_suggest": only(OK, "staff"),
}


def url_kwargs(name, world):
    """Sukoharjo selected in the world's cohort, so the pages have a region to show."""
    if name not in EXPECTATIONS:
        return None
    CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    return {
        "mentoring_index": {},
        "mentoring_overview": {"year": world.cohort.year},
        "mentoring_suggest": {"year": world.cohort.year},
    }[name]
