"""What each role gets from the national dashboard's URLs (see tests/urlmatrix.py): the map and
region cards are the ministry's alone."""

from tests.urlmatrix import OK, only

EXPECTATIONS = {
    "programme_map": only(OK, "staff"),
    "map_geometry": only(OK, "staff"),
    "map_values": only(OK, "staff"),
    "map_svg": only(OK, "staff"),
    "region_card": only(OK, "staff"),
}


def url_kwargs(name, world):
    if name == "region_card":
        return {"code": world.region.code}
    return {} if name in EXPECTATIONS else None
