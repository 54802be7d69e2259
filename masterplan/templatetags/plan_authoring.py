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


@register.simple_tag
def region_shape(code: str, label: str = ""):
    """The region's shape as inline SVG (from the committed geometry file, no query)."""
    from smartcity.geometry import region_shape_svg

    return region_shape_svg(code, label=label)


@register.simple_tag
def roadmap_years(data) -> list[int]:
    """The plan's years, for the roadmap's axis."""
    return list(range(data["start_year"], data["start_year"] + data["horizon_years"]))


@register.simple_tag
def roadmap_bar(programme: dict, data: dict):
    """A programme's years as a bar over the plan's years: an SVG (the page's CSP forbids
    inline styles) that stretches to its box, one unit per plan year. Years outside the plan
    are clipped to it."""
    from django.utils.html import format_html

    first, horizon = data["start_year"], data["horizon_years"]
    start = min(max(programme["start_year"], first), first + horizon - 1)
    end = min(max(programme["end_year"], start), first + horizon - 1)
    colour = "#198754" if programme["is_quick_win"] else "#0d6efd"
    return format_html(
        '<svg class="roadmap-bar" viewBox="0 0 {} 1" preserveAspectRatio="none" width="100%"'
        ' height="12" aria-hidden="true" focusable="false">'
        '<rect width="{}" height="1" fill="#e9ecef"/>'
        '<rect x="{}" width="{}" height="1" fill="{}"/></svg>',
        horizon,
        horizon,
        start - first,
        end - start + 1,
        colour,
    )


@register.filter
def thousands(value) -> str:
    """`916.472`: a whole number with the Indonesian thousands separator."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


@register.simple_tag
def map_attribution() -> str:
    """The region shapes' source and licence, as the geometry file states it."""
    from smartcity.geometry import attribution

    return attribution()


@register.filter
def decimal_id(value, digits=1) -> str:
    """`1.856,7`: a decimal the Indonesian way, thousands grouped, `digits` decimals."""
    if value is None or value == "":
        return "—"
    text = f"{float(value):,.{int(digits)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
