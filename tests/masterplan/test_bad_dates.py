"""One region's bad date never breaks a page: a quick-win start of 9999-12-31 stored before
dates were checked (written here with `.update()`, past every form and service) is shown as a
flagged row, while the other regions' rows are computed as usual."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan.models import Programme
from masterplan.services.followup import (
    add_months,
    expected_percent,
    quick_win_rows,
    with_latest_update,
)
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win

pytestmark = pytest.mark.django_db

FAR = date(9999, 12, 31)


@pytest.fixture
def bad_quick_win(world):
    """Sukoharjo's first quick win starts on 9999-12-31; Bandung's plan is sound."""
    programme = first_quick_win(approved_plan(world))
    Programme.objects.filter(pk=programme.pk).update(quick_win_start=FAR)
    approved_plan(world, region=world.other_region, official=world.other_official)
    return programme


def test_adding_months_near_the_calendars_end_is_clamped_not_raised():
    assert add_months(FAR, 12) == date.max
    assert add_months(date(9999, 6, 30), 6) == date(9999, 12, 30)
    assert expected_percent(FAR, 12, date(2025, 1, 1)) == 0


def test_the_row_of_a_quick_win_with_an_impossible_start_is_flagged(bad_quick_win):
    rows = quick_win_rows(with_latest_update(Programme.objects.filter(pk=bad_quick_win.pk)))

    (row,) = rows
    assert row.lag.invalid_date and row.lag.lagging and row.end is None
    assert "Tanggal mulai tidak valid (9999-12-31)" in row.lag.reason


@pytest.mark.parametrize("params", [{}, {"lagging": "1"}])
def test_the_national_table_still_renders_and_flags_the_row(client, world, bad_quick_win, params):
    client.force_login(world.staff)

    response = client.get(reverse("quick_win_table"), params)

    assert response.status_code == 200
    assert "tanggal tidak valid" in response.text
    assert "Tanggal mulai tidak valid (9999-12-31)" in response.text
    if not params:
        assert "Kota Bandung" in response.text  # the other region's rows are there too


def test_the_csv_still_exports_and_flags_the_row(client, world, bad_quick_win):
    client.force_login(world.staff)

    response = client.get(reverse("quick_win_table"), {"format": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 6
    (flagged,) = [r for r in rows if r[5] == "9999-12-31"]
    assert flagged[3] == bad_quick_win.name and flagged[10] == "tanggal tidak valid"


@pytest.mark.parametrize("who", ["staff", "official"])
def test_the_plan_page_still_renders_and_flags_the_quick_win(client, world, bad_quick_win, who):
    client.force_login(world.user(who))

    response = client.get(reverse("plan_detail", args=[bad_quick_win.plan_id]))

    assert response.status_code == 200
    assert "Tanggal tidak valid" in response.text


@pytest.mark.parametrize("who", ["staff", "official"])
def test_the_progress_page_still_renders_and_flags_the_quick_win(client, world, bad_quick_win, who):
    client.force_login(world.user(who))
    url = reverse("quick_win_progress", args=[bad_quick_win.plan_id, bad_quick_win.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert "Tanggal tidak valid" in response.text


def test_a_sound_quick_win_beside_it_is_still_judged(world, bad_quick_win):
    other = Programme.objects.filter(
        is_quick_win=True, plan__candidate__region=world.other_region
    ).first()
    Programme.objects.filter(pk=other.pk).update(
        quick_win_start=timezone.localdate() - timedelta(days=90)
    )

    rows = quick_win_rows(with_latest_update(Programme.objects.filter(pk=other.pk)))

    assert not rows[0].lag.invalid_date and rows[0].expected > 0
