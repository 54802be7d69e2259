"""The evaluation in the admin: weights checked and recomputed, a frozen instrument read only,
results read only, and the results changelist at a constant number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import Cycle
from evaluation.services import cycle_create, cycle_move, cycle_publish
from portal.demo import seed_ministry_group
from tests.factories import RegionFactory
from tests.test_admin_changelists import SIGNED_IN

from .helpers import default_instrument, scored_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, world):
    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    return client


def cycle_form(cycle, **weights):
    data = {
        "year": cycle.year,
        "name": cycle.name,
        "notes": "",
        "instrument": "",
        "weights_letter": "",
        "award_count": 3,
        **{f"weight_{p}": str(w) for p, w in cycle.weights.items()},
        "regions": [r.pk for r in cycle.regions.all()],
    }
    data.update({f"weight_{p}": w for p, w in weights.items()})
    return data


def test_a_weight_change_in_the_admin_recomputes_every_index(staff_client, world):
    cycle = scored_cycle(2019, {world.region: (1, 2, 3, 4, 5), world.other_region: (5, 4, 3, 2, 1)})
    url = reverse("admin:evaluation_cycle_change", args=[cycle.pk])
    response = staff_client.post(
        url, cycle_form(cycle, impact="0.30", quick_win="0.10"), follow=True
    )
    assert "Bobot diubah; 2 hasil dihitung ulang." in response.content.decode()
    sukoharjo = cycle.results.get(region=world.region)
    assert sukoharjo.index == Decimal("0.1") + Decimal("0.4") + Decimal("0.9") + Decimal(
        "1.2"
    ) + Decimal("0.5")


def test_weights_not_summing_to_one_are_refused_in_the_admin(staff_client, world):
    cycle = scored_cycle(2019, {world.region: (1, 2, 3, 4, 5)})
    url = reverse("admin:evaluation_cycle_change", args=[cycle.pk])
    response = staff_client.post(url, cycle_form(cycle, impact="0.50"))
    assert response.status_code == 200
    assert "Jumlah bobot kelima bagian harus 1 (100%)." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.weight_impact == Decimal("0.2")


def test_a_frozen_instrument_is_read_only(staff_client):
    instrument = default_instrument()
    url = reverse("admin:evaluation_instrument_change", args=[instrument.pk])
    assert 'name="name"' in staff_client.get(url).content.decode()
    cycle_move(cycle=cycle_create(year=2025, instrument=instrument), to=Cycle.Status.OPEN)
    page = staff_client.get(url).content.decode()
    assert 'name="name"' not in page and 'name="indicators-0-text"' not in page


@pytest.mark.parametrize("rows", [2, 30])
def test_the_results_changelist_costs_the_same_for_any_number_of_rows(
    staff_client, world, django_assert_num_queries, rows
):
    cycle = scored_cycle(2019, {RegionFactory(): (i % 5, 2, 3, 4, 1) for i in range(rows)})
    cycle_publish(cycle=cycle, by=world.staff)
    with django_assert_num_queries(SIGNED_IN + 3):
        # 6 the cycles for the filter, 7 the count of the rows,
        # 8 the page of results with region and cycle (list_select_related)
        response = staff_client.get(reverse("admin:evaluation_result_changelist"))
    assert response.status_code == 200


def test_staff_open_a_cycle_from_the_admin_and_its_instrument_freezes(staff_client):
    instrument = default_instrument()
    cycle = cycle_create(year=2025, instrument=instrument)
    response = staff_client.post(
        reverse("admin:evaluation_cycle_changelist"),
        {"action": "open_cycle", "_selected_action": [cycle.pk]},
        follow=True,
    )
    assert "Evaluasi 2025: Penilaian mandiri (tahap I)." in response.content.decode()
    cycle.refresh_from_db()
    instrument.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN and instrument.is_frozen
