"""What each role gets from each URL: helpers for the URL × role matrix.

Every app declares its URLs in a `tests/<app>/url_expectations*.py` module with
`EXPECTATIONS = {url_name: {role: status}}` and `url_kwargs(name, world)` (the arguments of its
URLs, built in the test's world; None for names it does not own). `tests/test_url_matrix.py`
gathers them and fails when a URL pattern has no declared expectations.
"""

from tests.conftest import ROLES

LOGIN = "login"  # redirected to the login page
OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def everyone(status):
    return dict.fromkeys(ROLES, status)


def only(status_for_allowed, *allowed, others=FORBIDDEN, anonymous=LOGIN):
    """`allowed` roles get `status_for_allowed`; other signed-in roles `others`."""
    expected = dict.fromkeys(ROLES, others)
    expected["anonymous"] = anonymous
    for role in allowed:
        expected[role] = status_for_allowed
    return expected
