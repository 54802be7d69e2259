"""What each role gets from the national dashboard's URLs (see tests/urlmatrix.py): the map and
region cards are the ministry's alone."""

from tests.urlmatrix import OK, only

EXPECTATIONS = {
    "programme_map": only(OK, "staff"),
    "map_geometry": only(OK, "staff"),
    "map_values": only(OK, "staff"),
    "map_svg": only(OK, "staff"),
    "region_card": only(OK, "staff"),
    # The map panel of the assessment's balanced proposal (the world's cohort, no candidates).
    "dashboard_proposal_map": only(OK, "staff"),
}


def url_kwargs(name, world):
    if name == "region_card":
        return {"code": world.region.code}
    if name == "dashboard_proposal_map":
        return {"year": world.cohort.year}
    return {} if name in EXPECTATIONS else None
