"""Scores as the evaluation publishes them: two decimals, rounded half up (3.475 → 3,48), in
the active language. The portal's `score` filter goes through float, which would show 3.475
as 3,47."""

from django import template
from django.utils.formats import get_format

from evaluation import method

register = template.Library()


def _local(text: str) -> str:
    separator = get_format("DECIMAL_SEPARATOR")
    return text if separator == "." else text.replace(".", separator)


@register.filter
def shown(value):
    """`3,48`; an em dash for no value."""
    if value is None or value == "":
        return "—"
    return _local(str(method.display(value)))


@register.filter
def signed(value):
    """A change with its sign: `+0,25`, `−0,10`, `0,00`; an em dash for none."""
    if value is None or value == "":
        return "—"
    text = str(method.display(value))
    if text.startswith("-"):
        return "−" + _local(text[1:])
    return ("+" if method.display(value) > 0 else "") + _local(text)


@register.filter
def percent(weight):
    """A weight of 0.2000 as `20 %`."""
    return f"{(weight * 100).normalize():f} %"
