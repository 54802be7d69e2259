"""What each public page shows, built from `masterplan.published` and `evaluation.published` only
(fixed query counts)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from django.http import Http404
from django.utils.translation import gettext as _

from dashboard.layers import COHORT_COLOURS
from evaluation import method as evaluation_method
from evaluation.models import Part
from evaluation.published import published_region_summary, published_top
from masterplan.published import (
    adoption_counts,
    participants,
    published_plan,
    published_plans,
    published_programme,
)
from masterplan.selectors import group_by_dimension
from masterplan.snapshot import totals
from smartcity.geometry import attribution, map_svg
from smartcity.profile import region_profile


def overview() -> dict:
    """The programme at a glance: headline counts, participants per cohort, the map.

    Three queries: participants (with their MoU date and plan state), published plans and the
    latest published evaluation's top ten.
    """
    people = participants()
    plans = published_plans()
    top = published_top(10)
    years = sorted({p.cohort_year for p in people})
    colours = {year: COHORT_COLOURS[i % len(COHORT_COLOURS)] for i, year in enumerate(years)}
    by_year = defaultdict(list)
    for p in people:
        by_year[p.cohort_year].append(p)
    per_year = Counter(p.cohort_year for p in people)
    # No links inside the map: it is one picture (role="img") for assistive technology, and
    # each region's page is linked from the list below it.
    map_colours, titles = {}, {}
    for p in people:
        # A region in two cohorts keeps the first it entered with.
        if p.region_code not in map_colours:
            map_colours[p.region_code] = colours[p.cohort_year]
            titles[p.region_code] = _("%(region)s — angkatan %(year)s") % {
                "region": p.region_name,
                "year": p.cohort_year,
            }
    return {
        "title": _("Peserta dan masterplan Gerakan Menuju 100 Smart City"),
        "description": _(
            "%(n)s kabupaten/kota peserta sejak %(first)s, %(plans)s masterplan smart city yang "
            "disahkan, dan pustaka program yang dapat dicari."
        )
        % {
            "n": len({p.region_code for p in people}),
            "first": years[0] if years else "—",
            "plans": len(plans),
        },
        "counts": {
            "participants": len({p.region_code for p in people}),
            "cohorts": len(years),
            "plans": len(plans),
            "enacted": sum(1 for plan in plans if plan.is_enacted),
        },
        "cohorts": [
            {"year": y, "count": per_year[y], "colour": colours[y], "participants": by_year[y]}
            for y in years
        ],
        "map": map_svg(
            map_colours,
            titles=titles,
            label=_("Peta peserta Gerakan Menuju 100 Smart City menurut angkatan"),
        ),
        "map_attribution": attribution(),
        "plans": plans,
        "evaluation_top": [
            {
                "rank": r.rank_national,
                "code": r.region.code,
                "name": r.region.short_name,
                "index": r.index_display,
                # Only participants have a page; a past cycle may rank any kab/kota.
                "linked": r.region.code in map_colours,
            }
            for r in top
        ],
        "evaluation_year": top[0].cycle.year if top else None,
    }


def evaluation_history(code: str) -> list[dict]:
    """The region's published evaluation results, newest first: the index and five parts as
    published (two decimals), the national rank out of how many, the change of the index
    from the previous published year it took part in. One query."""
    rows, previous = [], None
    for result in published_region_summary(code):
        index = evaluation_method.display(result.index)
        rows.append(
            {
                "year": result.cycle.year,
                "index": index,
                "parts": [evaluation_method.display(v) for v in result.parts.values()],
                "rank": result.rank_national,
                "out_of": result.out_of,
                "change": evaluation_method.change(result.index, previous),
                "revision": result.revision,
            }
        )
        previous = result.index
    return rows[::-1]


class _RegionNamed(NamedTuple):
    """What `region_profile` reads of a region, from a published participant."""

    code: str
    name: str
    kind: str


def region(code: str) -> dict:
    """A participating region's page: cohort, MoU date, its profile (the plan's *Gambaran Umum
    Daerah*: figures and shape from the committed files), its published plan (if any) with its
    programmes and quick wins, and its published evaluation results. 404 for a region that
    never took part. Four queries."""
    rows = [p for p in participants() if p.region_code == code]
    if not rows:
        raise Http404("Bukan daerah peserta.")
    participant = rows[-1]
    plan = published_plan(code)
    context = {
        "participant": participant,
        "cohorts": [p.cohort_year for p in rows],
        "plan": plan,
        "evaluations": evaluation_history(code),
        "evaluation_parts": Part.labels,
        "profile": region_profile(
            _RegionNamed(participant.region_code, participant.region_name, participant.region_kind),
            cohort=rows[0].cohort_year,
        ),
        "title": _("%(region)s — masterplan smart city") % {"region": participant.region_name},
        "og_type": "article" if plan else "website",
    }
    if plan is None:
        context["description"] = _(
            "%(region)s, peserta Gerakan Menuju 100 Smart City angkatan %(year)s. Masterplan "
            "belum disahkan."
        ) % {"region": participant.region_name, "year": participant.cohort_year}
        return context
    data = plan.data
    quick_wins = [p for p in data["programmes"] if p["is_quick_win"]]
    context.update(
        description=_(
            "Masterplan smart city %(region)s yang disahkan: %(n)s program dan %(q)s quick win "
            "di enam dimensi, angkatan %(year)s."
        )
        % {
            "region": participant.region_name,
            "n": len(data["programmes"]),
            "q": len(quick_wins),
            "year": participant.cohort_year,
        },
        data=data,
        totals=totals(data),
        by_dimension=group_by_dimension(data),
        quick_wins=[(p, plan.progress.get(p["id"])) for p in quick_wins],
    )
    return context


def programme(plan_id: int, programme_id: int) -> dict:
    """One programme of a published plan, with how often other regions copied it."""
    found = published_programme(plan_id, programme_id)
    if found is None:
        raise Http404("Program tidak ditemukan di masterplan yang disahkan.")
    p = found.programme
    return {
        "found": found,
        "p": p,
        "plan": found.plan,
        "adopted": adoption_counts(plan_id).get(programme_id, 0),
        "title": _("%(programme)s — %(region)s")
        % {
            "programme": p["name"],
            "region": found.plan.region_name,
        },
        "description": (p["description"] or p["kpi"])[:200],
        "og_type": "article",
    }
