"""What an official types into the plan is bounded by the domain: a quick win starts within its
programme's years, years lie in 1900–2100, amounts have a ceiling, texts a maximum length that
the form states."""

from datetime import date

import pytest
from django.urls import reverse

from masterplan.models import Plan, Programme
from masterplan.services.authoring import ProgrammeInvalid, programme_save
from masterplan.snapshot import plan_problems, plan_snapshot
from tests.masterplan.helpers import full_plan
from tests.masterplan.test_authoring_services import quick_win, values
from tests.masterplan.test_authoring_views import HTMX, new_url, programme_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return full_plan(world)


def post_quick_win(client, world, plan, **changes):
    client.force_login(world.official)
    data = programme_post(
        plan,
        is_quick_win="on",
        quick_win_months="9",
        quick_win_impact="Izin terbit dalam sehari.",
        quick_win_service="Perizinan",
        **changes,
    )
    return client.post(new_url(plan), data, **HTMX).content.decode()


def test_the_form_refuses_a_quick_win_starting_in_year_9999(client, world, plan):
    html = post_quick_win(client, world, plan, quick_win_start="9999-12-31")

    assert "Tanggal harus antara tahun 1900 dan 2100." in html
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_the_form_refuses_a_quick_win_starting_outside_the_programmes_years(client, world, plan):
    # The programme runs in the plan's first two years; its quick win cannot start in the third.
    html = post_quick_win(client, world, plan, quick_win_start=f"{plan.start_year + 2}-01-15")

    assert "Mulai quick win harus di dalam tahun pelaksanaan program" in html
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_the_service_refuses_a_quick_win_starting_in_year_9999(world, plan):
    with pytest.raises(ProgrammeInvalid) as caught:
        programme_save(
            plan=plan,
            by=world.official,
            values=values(plan, **quick_win(quick_win_start=date(9999, 12, 31))),
            budgets={},
        )

    assert any("Mulai quick win harus di dalam" in p for p in caught.value.problems)


def test_a_submitted_plan_is_checked_for_a_quick_win_start_outside_its_programme(world, plan):
    programme = plan.programmes.filter(is_quick_win=True).first()
    Programme.objects.filter(pk=programme.pk).update(quick_win_start="9999-12-31")

    problems = [p.message for p in plan_problems(plan_snapshot(plan)) if p.is_error]

    assert any("Mulai quick win harus di dalam" in m for m in problems)


@pytest.mark.parametrize("year", ["1899", "2101", "9" * 21])
def test_a_programme_year_outside_1900_to_2100_is_a_form_error(client, world, plan, year):
    client.force_login(world.official)

    response = client.post(new_url(plan), programme_post(plan, end_year=year), **HTMX)

    assert response.status_code < 500
    assert "Pastikan nilai ini" in response.text
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


@pytest.mark.parametrize("year", ["1899", "2101", "9" * 21])
def test_the_plans_start_year_is_bounded(client, world, plan, year):
    client.force_login(world.official)
    url = reverse("plan_section_edit", args=[plan.pk, "header"])

    response = client.post(
        url, {"start_year": year, "horizon_years": "5", "vision": "V", "mission": "M"}
    )

    assert response.status_code == 422
    assert "Pastikan nilai ini" in response.text  # "… lebih dari/kurang dari …"
    assert Plan.objects.get(pk=plan.pk).start_year == plan.start_year


@pytest.mark.parametrize("amount", ["9" * 21, "-5"])
def test_a_huge_or_negative_budget_is_a_form_error(client, world, plan, amount):
    client.force_login(world.official)
    data = programme_post(plan, **{f"budget_{plan.start_year}": amount})

    html = client.post(new_url(plan), data, **HTMX).content.decode()

    assert "Jumlah ini terlalu besar." in html or "Anggaran tidak boleh negatif." in html
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_the_vision_has_a_stated_maximum_length(client, world, plan):
    client.force_login(world.official)
    url = reverse("plan_section_edit", args=[plan.pk, "header"])

    assert "Maks. 10.000 karakter." in client.get(url).text
    response = client.post(
        url,
        {
            "start_year": plan.start_year,
            "horizon_years": "5",
            "vision": "x" * 10_001,
            "mission": "M",
        },
    )

    assert response.status_code == 422
    assert "paling banyak 10000 karakter" in response.text
    assert Plan.objects.get(pk=plan.pk).vision != "x" * 10_001
