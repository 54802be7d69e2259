"""What the public library and open data read: published cycles only."""

import pytest

from evaluation.published import (
    published_cycles,
    published_region_history,
    published_results,
    published_rows,
)
from evaluation.services import cycle_publish

from .helpers import scored_cycle

pytestmark = pytest.mark.django_db


def test_only_published_cycles_are_public(world):
    old = scored_cycle(2019, {world.region: (3, 3, 3, 3, 3), world.other_region: (4, 4, 4, 4, 4)})
    cycle_publish(cycle=old, by=world.staff)
    scored_cycle(2020, {world.region: (5, 5, 5, 5, 5)})  # a draft

    assert [c.year for c in published_cycles()] == [2019]
    assert published_results().count() == 2
    assert not published_results(year=2020).exists()
    assert [r.cycle.year for r in published_region_history(world.region.code)] == [2019]
    first = published_rows()[0]
    assert first["region_code"] == "32.73" and first["rank"] == 1
    assert (first["index"], first["baseline"], first["governance"]) == ("4.00", "4.00", None)
    assert first["province_code"] == "32" and first["revision"] == 1
