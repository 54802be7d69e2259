"""Keeping the library's search table in step with what is published.

No signal and no call from masterplan (an app never reaches up): the library compares the
published versions with the versions it holds and rebuilds only the plans that changed. It runs
when a library page misses its cache, i.e. at most once per publication (the cache key carries
`published_stamp`), and from `manage.py library_index`.
"""

from __future__ import annotations

from django.db import transaction

from masterplan.published import published_plans
from masterplan.snapshot import programme_total
from smartcity.islands import island_group

from .models import LibraryEntry


def _entries(plan) -> list[LibraryEntry]:
    group = island_group(plan.region_code)
    rows = []
    for order, p in enumerate(plan.data["programmes"]):
        words = [p["name"], p["description"], p["kpi"], p["agency"], p["quick_win_service"] or ""]
        rows.append(
            LibraryEntry(
                version_id=plan.version_id,
                plan_id=plan.plan_id,
                programme_id=p["id"],
                name=p["name"],
                description=p["description"],
                kpi=p["kpi"],
                document="\n".join(w for w in words if w),
                dimension=p["dimension"],
                dimension_name=p["dimension_name"],
                element=p["element"],
                element_name=p["element_name"],
                region_code=plan.region_code,
                region_name=plan.region_name,
                region_kind=plan.region_kind,
                province_code=plan.province_code,
                province_name=plan.province_name,
                island_group=group.value if group else "",
                cohort_year=plan.cohort_year,
                funding_source=p["funding_source"],
                funding_name=p["funding_name"],
                budget_total=programme_total(p),
                start_year=p["start_year"],
                end_year=p["end_year"],
                is_quick_win=p["is_quick_win"],
                order=order,
            )
        )
    return rows


@transaction.atomic
def index_sync() -> dict:
    """Make the search table hold exactly the published versions' programmes.

    Two queries when nothing changed (published versions, indexed versions); plans whose
    version changed are re-read and rewritten. Returns counts for the command's output.
    """
    published = {plan.version_id: plan for plan in published_plans()}
    held = set(LibraryEntry.objects.values_list("version_id", flat=True).distinct().order_by())
    stale = held - set(published)
    missing = set(published) - held
    if stale:
        LibraryEntry.objects.filter(version_id__in=stale).delete()
    added = 0
    if missing:
        by_version = {
            plan.version_id: plan
            for plan in published_plans(with_data=True)
            if plan.version_id in missing
        }
        for plan in by_version.values():
            entries = _entries(plan)
            LibraryEntry.objects.bulk_create(entries, ignore_conflicts=True)
            added += len(entries)
    return {"removed_versions": len(stale), "added_versions": len(missing), "added": added}
