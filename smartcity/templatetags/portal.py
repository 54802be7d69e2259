"""Small template filters used across the portal."""

from django import template
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from smartcity.idempotency import TOKEN_FIELD, new_post_token

register = template.Library()


@register.filter
def score(value, digits=2):
    """A score with a fixed number of decimals in the active language (`87,25` in Bahasa).

    Much cheaper than `floatformat`, which matters on tables of 514 rows.
    """
    if value is None or value == "":
        return "—"
    text = f"{float(value):.{int(digits)}f}"
    separator = get_format("DECIMAL_SEPARATOR")
    return text if separator == "." else text.replace(".", separator)


@register.filter
def rupiah(value):
    """`Rp 1.250.000`: whole Rupiah with thousands separators, as Indonesians write money."""
    if value is None or value == "":
        return "—"
    # Not number_format(use_l10n=False): that reads settings.NUMBER_GROUPING (0, no grouping).
    return "Rp " + f"{int(value):,}".replace(",", ".")


@register.filter
def role_label(value):
    """`assessor` → `Asesor`: the label of a stored role, for rows that carry only its value."""
    from smartcity.models import User

    if value in User.Role.values:
        return User.Role(value).label
    return _("Tanpa peran")


@register.simple_tag
def post_token():
    """A form's hidden one-time token: the view stores the post once (smartcity/idempotency.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_post_token())
