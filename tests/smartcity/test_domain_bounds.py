"""Bounds every form shares (smartcity.validators): dates and years in 1900–2100, counts and
Rupiah with a ceiling, free text with a stated maximum. Junk gets a message, never a 500."""

import pytest
from django.forms import modelform_factory

from assessment.forms_questionnaire import QuestionnaireForm
from candidates.models import Cohort
from partners.forms_mou import MoUSignForm
from partners.forms_regional import BimtekRecordForm
from smartcity.models import User

DATE_MESSAGE = "Tanggal harus antara tahun 1900 dan 2100."
HUGE = "9" * 21


def test_a_bimtek_date_in_year_9999_is_refused_with_a_message(db):
    form = BimtekRecordForm(
        {"stage": "1", "date": "9999-12-31", "place": "Aula", "attendance": "20"},
        mentors=User.objects.none(),
    )

    assert not form.is_valid()
    assert form.errors["date"] == [DATE_MESSAGE]


def test_a_bimtek_attendance_of_21_digits_is_refused_with_a_message(db):
    form = BimtekRecordForm(
        {"stage": "1", "date": "2024-05-02", "place": "Aula", "attendance": HUGE},
        mentors=User.objects.none(),
    )

    assert not form.is_valid()
    assert "attendance" in form.errors


def test_the_bimtek_minutes_state_and_enforce_their_maximum_length(db):
    form = BimtekRecordForm(mentors=User.objects.none())
    assert "Maks. 5.000 karakter." in str(form["minutes"].help_text)
    assert 'maxlength="5000"' in str(form["minutes"])

    form = BimtekRecordForm(
        {"stage": "1", "date": "2024-05-02", "place": "Aula", "minutes": "x" * 5001},
        mentors=User.objects.none(),
    )

    assert not form.is_valid() and "minutes" in form.errors


def test_an_mou_signed_in_year_1_is_refused(db):
    form = MoUSignForm({"signing_date": "0001-01-01", "venue": "Jakarta", "head_name": "A"})

    assert not form.is_valid()
    assert form.errors["signing_date"] == [DATE_MESSAGE]


@pytest.mark.parametrize(
    ("field", "value"),
    [("year", "2101"), ("year", "1899"), ("mou_date", "9999-12-31"), ("quota_selected", HUGE)],
)
def test_a_cohort_as_the_admin_edits_it_is_bounded(db, field, value):
    # The admin's form is built from the model, so the model's validators are what it checks.
    CohortForm = modelform_factory(Cohort, fields=["year", "name", "mou_date", "quota_selected"])
    data = {"year": "2024", "name": "Angkatan 2024", "quota_selected": "50", field: value}

    form = CohortForm(data)

    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(("field", "value"), [("ict_budget", HUGE), ("ict_staff", HUGE)])
def test_questionnaire_numbers_are_bounded(db, field, value):
    form = QuestionnaireForm({field: value})

    assert not form.is_valid()
    assert field in form.errors


def test_questionnaire_answers_have_a_maximum_length(db):
    form = QuestionnaireForm({"leader_vision": "x" * 5001})

    assert not form.is_valid()
    assert "leader_vision" in form.errors
