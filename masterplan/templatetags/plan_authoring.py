"""Template helpers for the plan's content: per-programme totals and the budget summary rows.

They read the snapshot dicts only (no queries), so the plan page costs the same for 5 or 500
programmes.
"""

from html import escape as _e

from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from smartcity.templatetags.portal import rupiah

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


def _row_constants(context) -> dict:
    """Labels and the CSRF token, worked out once per page rather than once per row."""
    constants = context.render_context.get("programme_row_constants")
    if constants is None:
        request = context.get("request")
        constants = context.render_context["programme_row_constants"] = {
            "quick_win": _e(_("Quick win")),
            "edit": _e(_("Ubah")),
            "delete": _e(_("Hapus")),
            "confirm": _e(_("Hapus program ini?")),
            "token": _e(get_token(request)) if request is not None else "",
        }
    return constants


@register.simple_tag(takes_context=True)
def programme_row(context, p: dict):
    """One programme's table row on the plan page.

    Built in Python rather than as a template partial: it is the one piece of the page repeated
    per programme, and the template engine's per-variable cost (and even `format_html`'s) made
    a 120-programme page fall below half the speed of a 5-programme one (bench/masterplan.py).
    Every value goes through `html.escape`, as autoescaping would.
    """
    page = context["page"]
    c = _row_constants(context)
    years = str(p["start_year"])
    if p["end_year"] != p["start_year"]:
        years += f"–{p['end_year']}"
    name = f'<span class="fw-semibold">{_e(p["name"])}</span>'
    if p["is_quick_win"]:
        name += f' <span class="badge text-bg-success ms-1">{c["quick_win"]}</span>'
    if p["description"]:
        name += f'<div class="small text-muted plan-text">{_e(p["description"])}</div>'
    row = (
        f'<tr id="programme-{int(p["id"])}"><td>{name}</td>'
        f"<td>{_e(p['element_name'])}</td>"
        f'<td class="text-nowrap">{years}</td>'
        f"<td>{_e(p['agency'])}</td>"
        f"<td>{_e(p['funding_name'])}</td>"
        f'<td>{_e(p["kpi"])}<div class="small text-nowrap">{_e(p["kpi_baseline"])} → '
        f"{_e(p['kpi_target'])} {_e(p['kpi_unit'])}</div></td>"
        f'<td class="text-end text-nowrap">{_e(rupiah(_programme_total(p)))}</td>'
    )
    if page.may_edit:
        edit, delete = (_e(url) for url in page.row_urls[p["id"]])
        target = f'hx-target="#programme-{int(p["id"])}" hx-swap="outerHTML"'
        label = _e(p["name"])
        row += (
            '<td class="text-end text-nowrap">'
            f'<a class="btn btn-sm btn-outline-primary" href="{edit}" hx-get="{edit}" {target} '
            f'aria-label="{c["edit"]} {label}">{c["edit"]}</a> '
            f'<form class="d-inline" method="post" action="{delete}" hx-post="{delete}" {target} '
            f'hx-confirm="{c["confirm"]} {label}">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{c["token"]}">'
            f'<button class="btn btn-sm btn-outline-danger" type="submit" '
            f'aria-label="{c["delete"]} {label}">{c["delete"]}</button></form></td>'
        )
    return mark_safe(row + "</tr>")  # noqa: S308 - every value above is escaped
