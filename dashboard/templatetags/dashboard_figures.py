"""How the dashboard writes its figures: `1.234` (thousands), `41,7 %`, `Rp 1,2 triliun`."""

from django import template
from django.utils.formats import get_format
from django.utils.translation import gettext as _

register = template.Library()


def _decimal(text: str) -> str:
    separator = get_format("DECIMAL_SEPARATOR")
    return text if separator == "." else text.replace(".", separator)


@register.filter
def number(value):
    """A count with thousands separators (`1.234` in Bahasa); a float with one decimal."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        whole, _dot, fraction = f"{value:,.1f}".partition(".")
        grouped = whole.replace(",", get_format("THOUSAND_SEPARATOR"))
        return grouped + get_format("DECIMAL_SEPARATOR") + fraction
    if isinstance(value, int):
        return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))
    return value


@register.filter
def pct(share):
    """A share (0–1) as a percentage with one decimal: `41,7 %` (never broken across lines);
    `—` when undefined."""
    if share is None:
        return "—"
    return _decimal(f"{100 * share:.1f}") + "\N{NO-BREAK SPACE}%"


@register.filter
def rupiah_short(value):
    """Large Rupiah amounts as people say them: `Rp 1,2 triliun`, `Rp 350,5 miliar`."""
    if value is None:
        return "—"
    value = float(value)
    for size, word in ((1e12, _("triliun")), (1e9, _("miliar")), (1e6, _("juta"))):
        if abs(value) >= size:
            return f"Rp {_decimal(f'{value / size:.1f}')} {word}"
    return "Rp " + f"{round(value):,}".replace(",", ".")
