"""Rupiah as officials type it: `Rp 1.250.000`, `1.250.000` or `1250000`, and nothing else."""

import pytest
from django import forms

from masterplan.forms import RupiahField


class BudgetForm(forms.Form):
    amount = RupiahField(required=False)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("Rp 1.250.000", 1_250_000),
        ("Rp1.250.000", 1_250_000),
        ("rp. 1.250.000", 1_250_000),
        ("1.250.000", 1_250_000),
        ("1250000", 1_250_000),
        (" 1.250.000 ", 1_250_000),
        ("1\u00a0250\u00a0000", 1_250_000),
        ("0", 0),
        ("750", 750),
        ("", None),
        ("   ", None),
    ],
)
def test_an_amount_typed_the_indonesian_way_is_read_as_whole_rupiah(typed, amount):
    form = BudgetForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5.000", "tidak boleh negatif"),
        ("Rp -1.000", "tidak boleh negatif"),
        ("1.250.000,50", "tanpa sen"),
        ("1250000.5", "tanpa sen"),
        ("12,5", "tanpa sen"),
        ("satu juta", "angka saja"),
        ("12abc", "angka saja"),
        ("1.25.000", "angka saja"),
        ("1000000000000000", "terlalu besar"),
    ],
)
def test_negative_decimal_or_wordy_amounts_are_refused_in_bahasa(typed, message):
    form = BudgetForm({"amount": typed})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]


def test_a_required_amount_cannot_be_left_empty():
    class RequiredForm(forms.Form):
        amount = RupiahField()

    assert not RequiredForm({"amount": ""}).is_valid()


def test_an_amount_is_shown_grouped_by_thousands_for_a_numeric_keyboard():
    html = str(BudgetForm(initial={"amount": 1_250_000})["amount"])
    assert 'value="1.250.000"' in html
    assert 'inputmode="numeric"' in html


def test_what_the_official_typed_is_shown_back_unchanged_when_refused():
    form = BudgetForm({"amount": "12abc"})
    form.is_valid()
    assert 'value="12abc"' in str(form["amount"])
