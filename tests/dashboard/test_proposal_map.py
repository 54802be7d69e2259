"""The map panel of the assessment's balanced proposal: each candidate coloured by where it
stands between the pure ranking and the proposal; htmx gets the panel, a plain request a page."""

import pytest
from django.urls import reverse

from assessment.models import EquityRules
from dashboard.pages.proposal import COLOURS, ENTERING, KEPT, LEAVING, NEITHER
from tests.assessment.builders_results import candidate, sheet, small_cohort


@pytest.fixture
def cohort(world, client):
    client.force_login(world.staff)
    cohort, (x, y, z), (ani, budi) = small_cohort(world, quota=2)
    w = candidate(cohort, "94.04", "Kabupaten Mimika")
    sheet(w, ani, (3, 3, 3), by=world.staff)
    sheet(w, budi, (3, 3, 3), by=world.staff)
    EquityRules.objects.create(cohort=cohort, max_per_province=None, min_per_island_group=1)
    return cohort


def url():
    return reverse("dashboard_proposal_map", args=[2018])


def fill_of(svg: str, code: str) -> str:
    """The fill of the shape drawn for `code` in the map's markup."""
    at = svg.index(f'data-code="{code}"')
    start = svg.rindex("<", 0, at)
    return svg[start:at].split('fill="')[1].split('"')[0]


def test_htmx_gets_the_panel_with_each_candidate_coloured_by_its_standing(client, cohort):
    response = client.get(url(), headers={"HX-Request": "true"})

    assert response.status_code == 200
    text = response.text
    assert "<html" not in text and 'id="proposal-map"' in text
    assert fill_of(text, "33.11") == COLOURS[KEPT]  # Sukoharjo, first in both
    assert fill_of(text, "32.73") == COLOURS[LEAVING]  # Bandung gives way
    assert fill_of(text, "35.01") == COLOURS[NEITHER]  # Pacitan, chosen by neither
    assert "Kabupaten Sukoharjo: peringkat 1, skor 75,00" in text
    assert fill_of(text, "94.04") == COLOURS[ENTERING]  # Mimika enters for Papua


def test_a_plain_request_gets_a_page_of_its_own(client, cohort):
    response = client.get(url())

    assert response.status_code == 200
    assert "<html" in response.text and "Peta usulan pemerataan 2018" in response.text
