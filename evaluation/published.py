"""What the evaluation publishes, for the public library and the open data API
(`/api/v1/evaluations/`): results of published cycles only, never a draft or a cycle under
verification. Every function reads only published cycles, whoever asks.

    published_cycles()                 the published cycles, newest first
    published_results(year=None)       their results, with region, province, cycle, cohort
    published_rows(year=None)          plain dicts, one per result, as the open data writes them
    published_region_history(code)     one kab/kota's published results, oldest first
    published_region_summary(code)     the same, each with `out_of` (results in its cycle)
    published_top(n)                   the latest published cycle's first n by national rank
    published_stamp()                  changes when a cycle is published or a result corrected
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from masterplan.published import PublishedStamp

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


def published_region_summary(code: str) -> list[Result]:
    """One kab/kota's published results, oldest first, each annotated with `out_of`: how many
    regions its cycle ranked (for "peringkat 3 dari 41"). One query."""
    out_of = (
        Result.objects.filter(cycle=OuterRef("cycle"))
        .order_by()
        .values("cycle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        published_results()
        .filter(region__code=code)
        .annotate(out_of=Subquery(out_of, output_field=IntegerField()))
    )


def published_top(n: int = 10) -> list[Result]:
    """The latest published cycle's results ranked 1..n nationally (ties at the cut-off kept),
    best first; empty before anything is published. One query."""
    latest = published_cycles().values("year")[:1]
    return list(
        published_results()
        .filter(cycle__year=Subquery(latest), rank_national__lte=n)
        .order_by("rank_national", "region__code")
    )


def published_stamp() -> PublishedStamp:
    """A value that changes whenever what the evaluation publishes changes: a cycle published
    (its published_at, how many), a published result corrected (the sum of the revisions and
    the latest update of its cycle's results). One query, two small aggregates."""
    cycles = (
        Cycle.objects.filter(status=Cycle.Status.PUBLISHED)
        .annotate(k=Value(1, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("published_at"), n=Count("pk"))
        .values("k", "at", "n")
        .order_by()
    )
    results = (
        Result.objects.published()
        .annotate(k=Value(2, output_field=IntegerField()))
        .values("k")
        .annotate(at=Max("updated_at"), n=Coalesce(Sum("revision"), 0) + Count("pk"))
        .values("k", "at", "n")
        .order_by()
    )
    rows = sorted(cycles.union(results, all=True).order_by().values_list("k", "at", "n"))
    text = ";".join(f"{k}:{at.isoformat() if at else ''}:{n}" for k, at, n in rows)
    dates = [at for _k, at, _n in rows if at]
    return PublishedStamp(
        key=hashlib.sha256(text.encode()).hexdigest()[:20], modified=max(dates, default=None)
    )
