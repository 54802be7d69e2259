"""Small builders for evaluation tests."""

from decimal import Decimal

from evaluation import method
from evaluation.services import Scores, cycle_create, results_record


def default_instrument():
    """The instrument migration 0002 ships; seeded again when a transactional test (a browser
    journey) has flushed the database since the migrations ran."""
    import importlib

    from django.apps import apps

    from evaluation.models import Instrument

    if not Instrument.objects.filter(code="pedoman-2021").exists():
        importlib.import_module("evaluation.migrations.0002_default_instrument").seed(apps, None)
    return Instrument.objects.get(code="pedoman-2021")


def scores(*values, **dimensions):
    return Scores(
        dict(zip(method.PARTS, (Decimal(str(v)) for v in values), strict=True)),
        {k: Decimal(str(v)) for k, v in dimensions.items()},
    )


def scored_cycle(year, by_region, **settings):
    """A cycle of `year` with the given {region: (five part scores)} recorded."""
    cycle = cycle_create(year=year, **settings)
    results_record(cycle=cycle, scores={r.pk: scores(*v) for r, v in by_region.items()})
    return cycle
