"""Every URL of the project, outside the admin, declares what each role gets.

In the spirit of Zulip's URL coverage check: the suite fails when a URL pattern has no declared
expectations, so no page ships without someone deciding who may open it. Declarations live in
`tests/<app>/url_expectations*.py` (see tests/urlmatrix.py); this module gathers and checks
them. Expectations are HTTP status codes for a GET; `LOGIN` means "redirected to login".
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES
from tests.urlmatrix import LOGIN

TESTS = Path(__file__).resolve().parent
MODULES = [
    importlib.import_module(".".join(path.relative_to(TESTS.parent).with_suffix("").parts))
    for path in sorted(TESTS.glob("*/url_expectations*.py"))
]


def _gather():
    expectations, owners = {}, {}
    for module in MODULES:
        for name, expected in module.EXPECTATIONS.items():
            assert name not in owners, f"{name} declared in {owners.get(name)} and {module}"
            expectations[name], owners[name] = expected, module
    return expectations, owners


EXPECTATIONS, OWNERS = _gather()


def url_kwargs(name, world):
    kwargs = OWNERS[name].url_kwargs(name, world)
    assert kwargs is not None, f"{OWNERS[name].__name__} builds no arguments for {name}"
    return kwargs


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
