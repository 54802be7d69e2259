"""Pemerataan: island groups from province codes, population classes from the committed
Kemendagri 2025 profile, and the spread of invited, selected and participating regions."""

import pytest

from dashboard.funnel import Stage, tracks
from dashboard.pemerataan import spread
from dashboard.regions import IslandGroup, Scope, island_group, places
from smartcity.profile import (
    SizeClass,
    national_population,
    population_of,
    profiles,
    size_class,
)
from tests.dashboard.builders import build_cohort


def test_the_profile_has_every_province_and_kab_kota_adding_up_to_the_national_total():
    rows = profiles()
    provinces = [code for code in rows if "." not in code]
    assert (len(provinces), len(rows) - len(provinces)) == (38, 514)
    kab_kota = sum(p.population for code, p in rows.items() if "." in code)
    assert national_population() == kab_kota == 284_973_643


def test_every_province_belongs_to_one_island_group():
    groups = {code: island_group(code) for code in profiles() if "." not in code}
    assert None not in groups.values()
    assert groups["11"] == IslandGroup.SUMATERA  # Aceh
    assert groups["21"] == IslandGroup.SUMATERA  # Kepulauan Riau
    assert groups["36"] == IslandGroup.JAWA  # Banten
    assert groups["53"] == IslandGroup.BALI_NUSA_TENGGARA  # NTT
    assert groups["65"] == IslandGroup.KALIMANTAN  # Kalimantan Utara
    assert groups["76"] == IslandGroup.SULAWESI  # Sulawesi Barat
    assert groups["82"] == IslandGroup.MALUKU  # Maluku Utara
    assert groups["96"] == IslandGroup.PAPUA  # Papua Barat Daya
    assert island_group("33.11") == IslandGroup.JAWA
    assert island_group("45.01") is None  # test regions


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (1_000_001, SizeClass.METROPOLITAN),
        (1_000_000, SizeClass.LARGE),
        (500_000, SizeClass.LARGE),
        (499_999, SizeClass.MEDIUM),
        (100_000, SizeClass.MEDIUM),
        (99_999, SizeClass.SMALL),
    ],
)
def test_population_classes_have_the_city_index_bounds(population, expected):
    assert size_class(population) == expected


def test_real_regions_get_their_2025_population():
    assert population_of("32.73") == profiles()["32.73"].population > 2_000_000  # Kota Bandung
    assert profiles()["32.73"].size_class == SizeClass.METROPOLITAN
    assert population_of("91.19") < 100_000  # Kabupaten Supiori
    assert population_of("45.01") == 0  # a code the file does not know


@pytest.mark.django_db
def test_the_spread_counts_regions_by_group_against_the_base(world):
    build_cohort(world.staff)  # 10 in Jawa Tengah (33), 10 in Sulawesi Selatan (73)
    all_places = places()
    base = list(all_places.values())
    found = spread(base=base, tracks=tracks(places=all_places, scope=Scope()))
    islands = {row.key: row for row in found.breakdowns[0].rows}
    # The world adds Sukoharjo (33.11) and Bandung (32.73) to the base: 12 in Jawa.
    assert islands["jawa"].base == 12
    assert islands["sulawesi"].base == 10
    assert islands["jawa"].cells[Stage.INVITED].count == 10
    assert islands["sulawesi"].cells[Stage.INVITED].count == 2
    assert islands["jawa"].cells[Stage.SELECTED].count == 5
    assert islands["jawa"].cells[Stage.MOU].count == 4
    assert islands["sulawesi"].cells[Stage.SELECTED].count == 0
    assert islands["jawa"].cells[Stage.INVITED].of_total == 10 / 12
    assert islands["jawa"].cells[Stage.INVITED].of_base == 10 / 12
    assert islands["papua"].base == 0 and islands["papua"].cells[Stage.MOU].of_base is None
    total = found.breakdowns[0].total
    assert (total.base, total.cells[Stage.INVITED].count) == (22, 12)
    assert found.counts == {Stage.INVITED: 12, Stage.SELECTED: 5, Stage.MOU: 4}


@pytest.mark.django_db
def test_the_population_share_is_the_participants_people_over_the_base(world):
    built = build_cohort(world.staff)
    all_places = places()
    found = spread(base=list(all_places.values()), tracks=tracks(places=all_places, scope=Scope()))
    participants = sum(population_of(c.region.code) for c in built.signed)
    everyone = sum(population_of(code) for code in all_places)
    assert found.participating_population == participants > 0
    assert found.population_share == participants / everyone


@pytest.mark.django_db
def test_kota_and_kabupaten_and_population_classes_are_broken_down(world):
    build_cohort(world.staff)
    all_places = places()
    found = spread(base=list(all_places.values()), tracks=tracks(places=all_places, scope=Scope()))
    kinds = {row.key: row for row in found.breakdowns[1].rows}
    assert kinds["kota"].base == 1  # Bandung
    assert kinds["kabupaten"].cells[Stage.INVITED].count == 12
    sizes = {row.key: row for row in found.breakdowns[2].rows}
    assert sum(row.base for row in sizes.values()) == 22
    assert sum(row.cells[Stage.INVITED].count for row in sizes.values()) == 12
    provinces = {row.key: row for row in found.breakdowns[3].rows}
    assert set(provinces) == {"32", "33", "73"}
    assert provinces["33"].cells[Stage.INVITED].count == 10
