"""Every URL of the project, outside the admin, declares what each role gets.

In the spirit of Zulip's URL coverage check: the suite fails when a URL pattern has no declared
expectations, so no page ships without someone deciding who may open it. Each later feature adds
its URLs here, with the objects it needs in `url_kwargs`.

Expectations are HTTP status codes for a GET; `LOGIN` means "redirected to the login page".
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.candidates.helpers import screened_world
from tests.conftest import ROLES

LOGIN = "login"
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, REDIRECT = 200, 403, 404, 405, 302


def everyone(status):
    return dict.fromkeys(ROLES, status)


def only(status_for_allowed, *allowed, others=FORBIDDEN, anonymous=LOGIN):
    expected = dict.fromkeys(ROLES, others)
    expected["anonymous"] = anonymous
    for role in allowed:
        expected[role] = status_for_allowed
    return expected


SIGNED_IN = [role for role in ROLES if role != "anonymous"]

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
    # Screening: the ministry's pages; an official sees only their region's explanation.
    "screening_index": only(OK, "staff"),
    "screening_round": only(OK, "staff"),
    "screening_whatif": only(NOT_ALLOWED, "staff"),
    "screening_run_create": only(NOT_ALLOWED, "staff"),
    "screening_run": only(OK, "staff"),
    "screening_confirm": only(NOT_ALLOWED, "staff"),
    "screening_export": only(OK, "staff"),
    "screening_result": {**only(OK, "staff", "official"), "other_official": NOT_FOUND},
}


def url_kwargs(name, world):
    """Arguments for URLs that need them, built in the world of the test."""
    if name == "password_reset_confirm":
        return {"uidb64": "MQ", "token": "not-a-token"}
    if name.startswith("screening_"):
        run = screened_world(world)  # Sukoharjo (the official's region) screened and confirmed
        return {
            "screening_round": {"year": run.round.cohort.year},
            "screening_whatif": {"year": run.round.cohort.year},
            "screening_run_create": {"year": run.round.cohort.year},
            "screening_run": {"pk": run.pk},
            "screening_confirm": {"pk": run.pk},
            "screening_export": {"pk": run.pk, "fmt": "csv"},
            "screening_result": {"pk": run.pk, "code": world.region.code},
        }.get(name, {})
    return {}


def project_url_names(resolver=None, namespace=""):
    """Every named URL pattern except the admin's."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_declares_what_each_role_gets():
    missing = project_url_names() - set(EXPECTATIONS)
    assert not missing, f"URL patterns without declared expectations: {sorted(missing)}"


def test_no_expectation_is_declared_for_a_url_that_does_not_exist():
    stale = set(EXPECTATIONS) - project_url_names()
    assert not stale, f"Expectations for URLs that no longer exist: {sorted(stale)}"


def test_every_expectation_covers_every_role():
    for name, expected in EXPECTATIONS.items():
        assert set(expected) == set(ROLES), name


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_each_role_gets_what_the_url_declares(client, world, name):
    url = reverse(name, kwargs=url_kwargs(name, world))
    for role in ROLES:
        client.logout()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        expected = EXPECTATIONS[name][role]
        if expected == LOGIN:
            assert response.status_code == 302, (name, role, response.status_code)
            assert response.url.startswith(reverse("login")), (name, role, response.url)
        else:
            assert response.status_code == expected, (name, role, response.status_code)
