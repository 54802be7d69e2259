"""What the evaluation publishes, for the public library and the open data API
(`/api/v1/evaluations/`): results of published cycles only, never a draft or a cycle under
verification. Every function reads only published cycles, whoever asks.

    published_cycles()                 the published cycles, newest first
    published_results(year=None)       their results, with region, province, cycle, cohort
    published_rows(year=None)          plain dicts, one per result, as the open data writes them
    published_region_history(code)     one kab/kota's published results, oldest first
"""

from __future__ import annotations

from . import method
from .models import Cycle, Result


def published_cycles():
    return Cycle.objects.filter(status=Cycle.Status.PUBLISHED).order_by("-year")


def published_results(*, year: int | None = None):
    results = Result.objects.published().select_related("region__province", "cycle", "cohort")
    if year is not None:
        results = results.filter(cycle__year=year)
    return results.order_by("cycle__year", "rank_national", "region__code")


def _text(value):
    return None if value is None else str(method.display(value))


def published_rows(*, year: int | None = None) -> list[dict]:
    """One dict per published result: year, rank, region code and name, province code, cohort
    year, the five parts, the six dimensions and the index, as strings with two decimals."""
    rows = []
    for r in published_results(year=year):
        row = {
            "year": r.cycle.year,
            "rank": r.rank_national,
            "rank_province": r.rank_province,
            "rank_cohort": r.rank_cohort,
            "region_code": r.region.code,
            "region_name": r.region.short_name,
            "province_code": r.region.province.code if r.region.province_id else None,
            "cohort_year": r.cohort.year if r.cohort_id else None,
        }
        row.update({p: _text(getattr(r, p)) for p in method.PARTS})
        row.update({d: _text(getattr(r, d)) for d in method.DIMENSIONS})
        row["index"] = _text(r.index)
        row["revision"] = r.revision
        rows.append(row)
    return rows


def published_region_history(code: str) -> list[Result]:
    return list(published_results().filter(region__code=code))
