"""What each role gets from the screening URLs (see tests/urlmatrix.py)."""

from tests.candidates.helpers import screened_world
from tests.urlmatrix import NOT_ALLOWED, NOT_FOUND, OK, only

EXPECTATIONS = {
    # Screening: the ministry's pages; an official sees only their region's explanation.
    "screening_index": only(OK, "staff"),
    "screening_round": only(OK, "staff"),
    "screening_whatif": only(NOT_ALLOWED, "staff"),
    "screening_run_create": only(NOT_ALLOWED, "staff"),
    "screening_run": only(OK, "staff"),
    "screening_confirm": only(OK, "staff"),
    "screening_export": only(OK, "staff"),
    "screening_result": {**only(OK, "staff", "official"), "other_official": NOT_FOUND},
}


def url_kwargs(name, world):
    """Sukoharjo (the official's region) screened and confirmed in the world's cohort."""
    if name not in EXPECTATIONS:
        return None
    run = screened_world(world)
    year = run.round.cohort.year
    return {
        "screening_index": {},
        "screening_round": {"year": year},
        "screening_whatif": {"year": year},
        "screening_run_create": {"year": year},
        "screening_run": {"pk": run.pk},
        "screening_confirm": {"pk": run.pk},
        "screening_export": {"pk": run.pk, "fmt": "csv"},
        "screening_result": {"pk": run.pk, "code": world.region.code},
    }[name]
