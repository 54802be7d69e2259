"""What each role gets from the national dashboard's URLs (see tests/urlmatrix.py): the
ministry's alone; everyone else is refused (403), anonymous users sent to sign in."""

from tests.urlmatrix import OK, only

EXPECTATIONS = {
    "dashboard_pemerataan": only(OK, "staff"),
    "dashboard_money": only(OK, "staff"),
    "dashboard_table": only(OK, "staff"),
    "dashboard_stage": only(OK, "staff"),
    "dashboard_stage_export": only(OK, "staff"),
    "dashboard_quick_wins": only(OK, "staff"),
    "dashboard_quick_wins_export": only(OK, "staff"),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    return {
        "dashboard_pemerataan": {},
        "dashboard_money": {},
        "dashboard_table": {"key": "tahapan", "fmt": "csv"},
        "dashboard_stage": {"stage": "terpilih"},
        "dashboard_stage_export": {"stage": "terpilih", "fmt": "xlsx"},
        "dashboard_quick_wins": {"state": "tertinggal"},
        "dashboard_quick_wins_export": {"state": "tertinggal", "fmt": "csv"},
    }[name]
