"""Industry partners' permission-aware reads, called directly: the same 404 for "missing" and
"not yours", and a partner's choices limited to its own organisation."""

import pytest
from django.http import Http404

from industry import access
from tests.factories import UserFactory
from tests.industry.test_solutions import make_solution

MISSING = 999_999


def assert_404(read, *args, **kwargs):
    with pytest.raises(Http404):
        read(*args, **kwargs)


# --- solutions ------------------------------------------------------------------------------


def test_another_organisations_solution_is_the_same_404_as_a_missing_one(world):
    ours = make_solution(world.partner.partner_organisation)
    theirs = make_solution(UserFactory(username="mitra-b", partner=True).partner_organisation)
    assert access.solution_for_partner(world.partner, ours.pk) == ours
    assert_404(access.solution_for_partner, world.partner, theirs.pk)
    assert_404(access.solution_for_partner, world.partner, MISSING)


def test_a_partner_may_point_an_input_only_at_its_own_solutions(world):
    ours = make_solution(world.partner.partner_organisation)
    make_solution(UserFactory(username="mitra-b", partner=True).partner_organisation)
    assert access.solution_choices_for_partner(world.partner) == [ours]
    assert access.solution_choices_for_partner(world.staff) == []
