"""Template helpers for the plan's content: per-programme totals and the budget summary rows.

They read the snapshot dicts only (no queries), so the plan page costs the same for 5 or 500
programmes.
"""

from django import template

from ..models import Programme
from ..snapshot import programme_total as _programme_total

register = template.Library()


@register.filter
def programme_total(programme: dict) -> int:
    """A programme's budget over all its years."""
    return _programme_total(programme)


@register.filter
def lookup(mapping, key):
    """`mapping[key]`, or None: for dicts keyed by a variable (a year, a dimension code)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.simple_tag
def budget_by_source(totals):
    """Rows of the budget summary by funding source, in the funding sources' usual order:
    (label, [amount per year of `totals.years`], total)."""
    rows = []
    for code, label in Programme.Funding.choices:
        if code not in totals.by_source:
            continue
        per_year = totals.by_source_year.get(code, {})
        rows.append((label, [per_year.get(year) for year in totals.years], totals.by_source[code]))
    for code, amount in totals.by_source.items():
        # A source renamed or removed since a version was frozen still adds up.
        if code not in Programme.Funding.values:
            per_year = totals.by_source_year.get(code, {})
            rows.append((code, [per_year.get(year) for year in totals.years], amount))
    return rows


@register.simple_tag
def budget_by_dimension(data, totals):
    """(dimension name, total) for each dimension, in the plan's dimension order."""
    return [(d["name"], totals.by_dimension.get(d["code"], 0)) for d in data["dimensions"]]
