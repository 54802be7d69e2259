"""Demo evaluation: cycles 2019 and 2020 with every region of the 2017 and 2018 cohorts scored
in full, loaded through the same path as `import_evaluation` (a generated CSV), then published.
Kota Bandung's index rises from one year to the next. Scores are generated (stable across
machines and runs), not the ministry's. Safe to run again: a published cycle is left as is."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from candidates.models import Candidate

from . import method
from .imports import evaluation_import
from .models import Cycle, Instrument, ResultRevision
from .score_file import COLUMNS
from .services import cycle_publish

YEARS = (2019, 2020)
COHORTS = (2017, 2018)
BANDUNG = "32.73"
# Kota Bandung's parts, rising from 2019 to 2020 (index 3.27 → 3.69).
BANDUNG_SCORES = {
    2019: ("3.40", "3.10", "3.25", "3.30", "3.35"),
    2020: ("3.60", "3.55", "3.70", "3.75", "3.80"),
}


def _rng(year: int, code: str) -> random.Random:
    return random.Random(
        int(hashlib.sha256(f"evaluasi:{year}:{code}".encode()).hexdigest()[:16], 16)
    )


def _scores(year: int, code: str) -> list[str]:
    """Five parts and six dimensions, 1.5–4.5, each region with its own level and a small
    yearly drift."""
    if code == BANDUNG:
        parts = list(BANDUNG_SCORES[year])
        dims = [str(method.display(Decimal(p) - Decimal("0.1"))) for p in parts] + [parts[0]]
        return parts + dims
    level = 1.8 + 2.2 * _rng(0, code).random()
    rng = _rng(year, code)
    values = [
        min(5.0, max(0.0, level + (year - 2019) * 0.15 + rng.uniform(-0.5, 0.5)))
        for _ in COLUMNS[1:]
    ]
    return [f"{v:.2f}" for v in values]


def demo_csv(year: int, codes: list[str]) -> bytes:
    lines = [",".join(COLUMNS)]
    lines += [",".join([code, *_scores(year, code)]) for code in codes]
    return ("\n".join(lines) + "\n").encode()


@transaction.atomic
def seed_evaluation() -> None:
    codes = sorted(
        set(
            Candidate.objects.filter(
                status__in=Candidate.IN_PROGRAMME, cohort__year__in=COHORTS
            ).values_list("region__code", flat=True)
        )
    )
    if not codes:
        return
    instrument = Instrument.objects.filter(code="pedoman-2021").first()
    for year in YEARS:
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is not None and cycle.is_published:
            continue
        evaluation_import(
            year=year, data=demo_csv(year, codes), file_name=f"evaluasi-{year}.csv", replace=True
        )
        cycle = Cycle.objects.get(year=year)
        cycle.notes = "Data contoh (bukan hasil resmi), dimuat lewat import_evaluation."
        cycle.weights_letter = "B-1013/DJAI/AI.01.02/10/2021 (bobot bawaan)"
        cycle.award_count = 3
        cycle.save(update_fields=["notes", "weights_letter", "award_count"])
        if year == YEARS[-1] and instrument is not None and cycle.instrument_id is None:
            # The latest cycle used the instrument; opening it froze it.
            cycle.instrument = instrument
            cycle.save(update_fields=["instrument"])
        cycle_publish(cycle=cycle, by=None)
        # Published in its own year, as the real cycle was (not on the day the demo is seeded).
        published_at = datetime(year, 12, 10, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
        Cycle.objects.filter(pk=cycle.pk).update(published_at=published_at)
        ResultRevision.objects.filter(result__cycle=cycle).update(at=published_at)
    if (
        instrument is not None
        and not instrument.is_frozen
        and Cycle.objects.filter(instrument=instrument, status=Cycle.Status.PUBLISHED).exists()
    ):
        from django.utils import timezone

        Instrument.objects.filter(pk=instrument.pk).update(frozen_at=timezone.now())
