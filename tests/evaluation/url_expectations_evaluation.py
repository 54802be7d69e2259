"""What each role gets from the evaluation's URLs (see tests/urlmatrix.py): the national tables
are the ministry's; a region's report and trend are also its own officials' (`official` is
Sukoharjo's; the report is Sukoharjo's, so Bandung's official gets 404 as for a missing one);
publishing is a POST (405 to a GET)."""

from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, only

from .helpers import scores

OWN_REGION = dict(only(OK, "staff", "official"), other_official=NOT_FOUND)

EXPECTATIONS = {
    "evaluation:cycles": only(OK, "staff"),
    "evaluation:distribution_export": only(OK, "staff"),
    "evaluation:cycle": only(OK, "staff"),
    "evaluation:cycle_export": only(OK, "staff"),
    "evaluation:publish": only(NOT_ALLOWED, "staff"),
    "evaluation:report": OWN_REGION,
    "evaluation:correct": only(NOT_ALLOWED, "staff"),
    "evaluation:region": OWN_REGION,
    "evaluation:region_export": OWN_REGION,
    "evaluation:mine": dict(only(REDIRECT, "official", "other_official"), staff=FORBIDDEN),
}


def _published_cycle(world):
    from evaluation.models import Cycle
    from evaluation.services import cycle_create, cycle_publish, results_record

    # One cycle per world: a test that builds several worlds (the console crawl) gets a year of
    # its own for each, scored for that world's regions.
    cycle = Cycle.objects.filter(
        results__region=world.region, status=Cycle.Status.PUBLISHED
    ).first()
    if cycle is None:
        latest = Cycle.objects.order_by("-year").values_list("year", flat=True).first()
        cycle = cycle_create(year=latest + 1 if latest else 2019)
        results_record(
            cycle=cycle,
            scores={
                world.region.pk: scores(3, 3, 3, 3, 3),
                world.other_region.pk: scores(4, 4, 4, 4, 4),
            },
        )
        cycle_publish(cycle=cycle, by=world.staff)
    return cycle


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    year = _published_cycle(world).year
    code = world.region.code
    return {
        "evaluation:cycles": {},
        "evaluation:distribution_export": {"fmt": "csv"},
        "evaluation:cycle": {"year": year},
        "evaluation:cycle_export": {"year": year, "fmt": "xlsx"},
        "evaluation:publish": {"year": year},
        "evaluation:report": {"year": year, "code": code},
        "evaluation:correct": {"year": year, "code": code},
        "evaluation:region": {"code": code},
        "evaluation:region_export": {"code": code, "fmt": "csv"},
        "evaluation:mine": {},
    }[name]
