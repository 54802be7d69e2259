"""What each role gets from the project-wide URLs (see tests/urlmatrix.py)."""

from smartcity.tasks import worker_heartbeat
from tests.urlmatrix import (
    NOT_ALLOWED,
    OK,
    REDIRECT,
    SIGNED_IN,
    everyone,
    only,
)

EXPECTATIONS = {
    "landing": everyone(OK),
    "healthz": everyone(OK),
    "home": only(REDIRECT, *SIGNED_IN),
    "staff_home": only(OK, "staff"),
    "official_home": only(OK, "official", "other_official"),
    "assessor_home": only(OK, "assessor"),
    "mentor_home": only(OK, "mentor", "other_mentor"),
    "partner_home": only(OK, "partner"),
    # Account pages: signed-in users are sent home from the login page.
    "login": {**everyone(REDIRECT), "anonymous": OK},
    "logout": everyone(NOT_ALLOWED),
    "password_change": only(OK, *SIGNED_IN),
    "password_change_done": only(OK, *SIGNED_IN),
    "password_reset": everyone(OK),
    "password_reset_done": everyone(OK),
    "password_reset_confirm": everyone(OK),  # an invalid link explains itself
    "password_reset_complete": everyone(OK),
    "set_language": everyone(REDIRECT),  # a GET just goes back
    # The second factor of ministry staff: a verified session just goes on (tests/smartcity/
    # test_second_factor.py follows a password-only session through them).
    "otp_verify": only(REDIRECT, "staff"),
    "otp_setup": only(REDIRECT, "staff"),
    "reconfirm": only(OK, "staff"),
}


def url_kwargs(name, world):
    if name == "healthz":
        # A healthy portal has a worker: the heartbeat beat sends, as a running worker records
        # it (an older one left in the cache by an earlier test would read as a worker gone).
        worker_heartbeat()
        return {}
    if name == "password_reset_confirm":
        return {"uidb64": "MQ", "token": "not-a-token"}
    return None if name not in EXPECTATIONS else {}
