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
def budget_by_year(totals):
    """The budget summary with a row per year and a column per funding source (in the sources'
    usual order): {"sources": [label], "rows": [(year, [amount per source], total)],
    "source_totals": [total per source]}.

    Years run down the page, sources across: a ten-year plan adds rows, not columns, so the
    table fits a laptop's screen (at most five sources and the sum).
    """
    codes = [code for code in Programme.Funding.values if code in totals.by_source]
    # A source renamed or removed since a version was frozen still adds up.
    codes += [code for code in totals.by_source if code not in Programme.Funding.values]
    labels = dict(Programme.Funding.choices)
    return {
        "sources": [labels.get(code, code) for code in codes],
        "rows": [
            (
                year,
                [totals.by_source_year.get(code, {}).get(year) for code in codes],
                totals.by_year.get(year, 0),
            )
            for year in totals.years
        ],
        "source_totals": [totals.by_source[code] for code in codes],
    }


@register.simple_tag
def budget_by_dimension(data, totals):
    """(dimension name, total) for each dimension, in the plan's dimension order."""
    return [(d["name"], totals.by_dimension.get(d["code"], 0)) for d in data["dimensions"]]
