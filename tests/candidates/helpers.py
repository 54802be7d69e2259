"""Builders for screening tests: a small year of indicators, a round, runs."""

from decimal import Decimal

from candidates.services import screening_round_for_cohort, screening_run, shortlist_confirm
from smartcity.models import Region
from tests.factories import IndicatorImportFactory, IndicatorSetFactory, RegionFactory


def indicators_for(regions_and_values, *, year=2018, dataset=None):
    """`{region: (fiscal, ekppd, green)}` → a current dataset of that year with those rows."""
    dataset = dataset or IndicatorImportFactory(year=year, row_count=len(regions_and_values))
    for region, (fiscal, ekppd, green) in regions_and_values.items():
        IndicatorSetFactory(
            region=region,
            dataset=dataset,
            fiscal_capacity_index=None if fiscal is None else Decimal(str(fiscal)),
            ekppd_score=None if ekppd is None else Decimal(str(ekppd)),
            green_city_index=None if green is None else Decimal(str(green)),
        )
    return dataset


def many_regions(n: int, *, province="35"):
    """n kab/kota in one province, codes 35.01, 35.02…"""
    return [
        RegionFactory(code=f"{province}.{i:02d}", name=f"Kabupaten Uji {i}")
        for i in range(1, n + 1)
    ]


def spread_regions(n: int, *, first_province: int = 11):
    """n kab/kota over as many provinces as needed (at most 60 each)."""
    return [
        RegionFactory(code=f"{first_province + i // 60}.{1 + i % 60:02d}", name=f"Kota Uji {i}")
        for i in range(n)
    ]


def screened_world(world, *, confirm=True, quota=1):
    """The world's two regions screened for its cohort: Sukoharjo first, Bandung second."""
    indicators_for(
        {world.region: (2.0, 3.5, 80), world.other_region: (1.0, 3.0, 60)},
        year=world.cohort.year,
    )
    round_ = screening_round_for_cohort(cohort=world.cohort)
    round_.quota = quota
    round_.save()
    run = screening_run(round_=round_, by=world.staff)
    if confirm:
        shortlist_confirm(run=run, by=world.staff)
    return run


__all__ = ["Region", "indicators_for", "many_regions", "screened_world", "spread_regions"]
