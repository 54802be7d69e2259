"""What a person may type, bounded by the domain, in one place: years, dates, money, counts and
free text.

The programme runs in this century: a year or a date outside 1900–2100 is a typing mistake
(`9999-12-31`), and letting it in breaks every computation that adds months or years to it.
Amounts and counts have a ceiling far above any real value and far below what the database
column holds, so junk gets a message instead of an overflow. Free text has a length a person
could need, and the form says so. Models use these as field validators (so forms, the admin and
services' `full_clean` all refuse the same thing); pure code such as the plan's checks calls the
`is_*` helpers.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

YEAR_MIN = 1900
YEAR_MAX = 2100

# Whole Rupiah: Rp 999 triliun is far above any city's yearly budget (Jakarta's APBD is about
# Rp 80 triliun) and far below BigIntegerField's limit (about 9.2 × 10^18).
RUPIAH_MAX = 10**15 - 1
# People at a meeting, ICT staff of a city, a quota of regions: thousands at most. It fits a
# small integer column (32,767), so no count overflows one.
COUNT_MAX = 30_000

# A section of a plan (vision, mission, readiness, a dimension's strategy): about three pages.
SECTION_MAX = 10_000
# A description, an answer to a questionnaire question, minutes of a meeting.
TEXT_MAX = 5000
# A note, a reason, a comment.
NOTE_MAX = 2000


def is_plausible_year(year: int) -> bool:
    """Whether `year` is one the programme can mean (1900–2100)."""
    return YEAR_MIN <= year <= YEAR_MAX


def is_plausible_date(value: date) -> bool:
    return is_plausible_year(value.year)


def validate_year(value: int) -> None:
    """Field validator: a year between 1900 and 2100."""
    if value is not None and not is_plausible_year(value):
        raise ValidationError(
            _("Tahun harus antara %(min)s dan %(max)s."),
            code="year_out_of_range",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


def validate_date(value: date) -> None:
    """Field validator: a date whose year lies between 1900 and 2100."""
    if value is not None and not is_plausible_date(value):
        raise ValidationError(
            _("Tanggal harus antara tahun %(min)s dan %(max)s."),
            code="date_out_of_range",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


def is_within_years(value: date, first: int, last: int) -> bool:
    """Whether the date falls in the years `first` to `last`, both included."""
    return first <= value.year <= last


validate_rupiah = MaxValueValidator(RUPIAH_MAX, _("Jumlah ini terlalu besar."))
validate_count = MaxValueValidator(COUNT_MAX, _("Angka ini terlalu besar."))


def max_length_help(max_length: int):
    """The help text that tells a person how much they may write: "Maks. 5.000 karakter."."""
    return format_lazy(_("Maks. {n} karakter."), n=f"{max_length:,}".replace(",", "."))


def text_field(label, *, max_length: int = TEXT_MAX, rows: int = 4, required: bool = False, **kw):
    """A free-text form field with its maximum length, shown in the help text and enforced."""
    help_text = max_length_help(max_length)
    if "help_text" in kw:
        help_text = format_lazy("{} {}", kw.pop("help_text"), help_text)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        **kw,
    )


def year_field(label, **kw):
    """A year a person types, 1900–2100 unless narrower bounds are given."""
    kw.setdefault("min_value", YEAR_MIN)
    kw.setdefault("max_value", YEAR_MAX)
    return forms.IntegerField(label=label, **kw)


def date_field(label, **kw):
    """A date a person picks or types, in 1900–2100."""
    kw.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    return forms.DateField(label=label, validators=[validate_date], **kw)
