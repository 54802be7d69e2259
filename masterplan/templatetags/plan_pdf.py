"""Template filters of the printed plan (`templates/masterplan/pdf/plan.html`)."""

from django import template

from .. import pdf
from ..pdf import break_long_runs

register = template.Library()


@register.filter
def breakable(text) -> str:
    """User text that WeasyPrint can always break in bounded time (`pdf.break_long_runs`).

    Apply it to every user text in a PDF template, before `linebreaks` and the auto-escaping,
    which leave the zero-width spaces it inserts alone.
    """
    return break_long_runs(text)


@register.filter
def figure(value) -> str:
    """A KPI or profile figure as Indonesians write it: `1.200`, `12,5` (`pdf.figure`)."""
    return pdf.figure(value)
