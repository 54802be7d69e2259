"""Builders the self-assessment, panel and survey tests share: a small instrument with an
indicator in every part (one survey question under Impact), an open cycle with the world's two
regions, and evaluators."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from evaluation.models import Cycle, Indicator, Instrument
from tests.factories import UserFactory

# code, part, dimension, source
INDICATORS = [
    ("BAS-1", "baseline", "governance", "self_assessment"),
    ("OUT-1", "output", "governance", "self_assessment"),
    ("OUT-2", "output", "economy", "self_assessment"),
    ("OTC-1", "outcome", "living", "self_assessment"),
    ("IMP-1", "impact", "society", "self_assessment"),
    ("IMP-S1", "impact", "society", "survey"),
    ("QW-1", "quick_win", "environment", "self_assessment"),
]
SELF_CODES = [code for code, *_rest, source in INDICATORS if source == "self_assessment"]


def instrument(code="uji") -> Instrument:
    made, _ = Instrument.objects.get_or_create(code=code, defaults={"name": "Instrumen uji"})
    for order, (ind_code, part, dimension, source) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            instrument=made,
            code=ind_code,
            defaults={
                "part": part,
                "dimension": dimension,
                "source": source,
                "text": f"Pertanyaan {ind_code}",
                "order": order,
                **{f"level_{n}": f"Tingkat {n} {ind_code}" for n in range(6)},
            },
        )
    return made


def open_cycle(world, *, year=None, status=Cycle.Status.OPEN, deadline_days=14) -> Cycle:
    """A cycle in `status` with both regions of the world taking part; its year (by default
    eight after the world's cohort: 2026 for the test world) is the world's own, so the
    console crawl's many worlds never share one."""
    year = year or world.cohort.year + 8
    found = Cycle.objects.filter(year=year).first()
    if found is not None:
        return found
    cycle = Cycle.objects.create(
        year=year,
        name=f"Evaluasi {year}",
        instrument=instrument(),
        status=status,
        stage1_deadline=timezone.now() + timedelta(days=deadline_days),
    )
    cycle.regions.set([world.region, world.other_region])
    return cycle


def evaluator(username, **kwargs):
    return UserFactory(username=username, evaluator=True, **kwargs)


def indicators(cycle) -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.filter(instrument=cycle.instrument)}


def survey_csv(rows) -> bytes:
    lines = ["respondent_id,IMP-S1", *(f"R{n},{answer}" for n, answer in enumerate(rows, 1))]
    return ("\n".join(lines) + "\n").encode()


D = Decimal
