"""A confirmed screening round is immutable: its invitations went out on that run's ranking, so
neither its settings nor its runs may change afterwards — in the services, the pages, the
`screen` command and the admin alike (#12, "Simpan bobot dan jalankan" re-ran the confirmed 2018
round and rewrote its weights)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from candidates import ranking
from candidates.models import ScreeningRound, ScreeningRun
from candidates.services import ScreeningError, screening_round_update, screening_run
from tests.candidates.helpers import screened_world


def weights_of(round_):
    round_.refresh_from_db()
    return (round_.weight_fiscal, round_.weight_governance, round_.weight_green, round_.quota)


def test_a_confirmed_round_is_not_run_again(world):
    run = screened_world(world, confirm=True)

    with pytest.raises(ScreeningError, match="sudah dikonfirmasi"):
        screening_run(round_=run.round, by=world.staff)
    assert list(ScreeningRun.objects.values_list("number", flat=True)) == [1]


def test_a_confirmed_round_keeps_its_weights_and_quota(world):
    run = screened_world(world, confirm=True)
    before = weights_of(run.round)

    with pytest.raises(ScreeningError, match="sudah dikonfirmasi"):
        screening_round_update(
            round_=run.round, weights=ranking.Weights(0.5, 0.3, 0.2), quota=7, by=world.staff
        )
    assert weights_of(run.round) == before


def test_an_unconfirmed_round_still_takes_new_weights_and_runs(world):
    run = screened_world(world, confirm=False)

    screening_round_update(
        round_=run.round, weights=ranking.Weights(0.5, 0.3, 0.2), quota=7, by=world.staff
    )
    again = screening_run(round_=run.round, by=world.staff)

    assert weights_of(run.round)[3] == 7
    assert again.number == 2


def test_save_and_run_on_a_confirmed_round_changes_nothing_and_says_why(client, world):
    run = screened_world(world, confirm=True)
    before = weights_of(run.round)
    client.force_login(world.staff)
    url = reverse("screening_round", args=[world.cohort.year])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {"weight_fiscal": "0.5", "weight_governance": "0.3", "weight_green": "0.2", "quota": "7"},
        follow=True,
    )

    assert "Simpan bobot dan jalankan" not in page  # the button is gone...
    assert "sudah dikonfirmasi" in response.content.decode()  # ...and the service refuses
    assert weights_of(run.round) == before
    assert ScreeningRun.objects.count() == 1


def test_the_run_button_on_a_confirmed_round_is_refused(client, world):
    screened_world(world, confirm=True)
    client.force_login(world.staff)

    response = client.post(reverse("screening_run_create", args=[world.cohort.year]), follow=True)

    assert "sudah dikonfirmasi" in response.content.decode()
    assert ScreeningRun.objects.count() == 1


def test_the_screen_command_refuses_a_confirmed_year(world):
    screened_world(world, confirm=True)

    with pytest.raises(CommandError, match="sudah dikonfirmasi"):
        call_command("screen", "--year", str(world.cohort.year), "--quota", "5")
    assert ScreeningRun.objects.count() == 1


def test_the_admin_shows_a_confirmed_round_read_only(client, world):
    run = screened_world(world, confirm=True)
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    url = reverse("admin:candidates_screeninground_change", args=[run.round.pk])
    before = weights_of(run.round)

    page = client.get(url)
    client.post(url, {"cohort": world.cohort.pk, "weight_fiscal": "0.9", "quota": "3"})

    assert page.status_code == 200 and 'name="weight_fiscal"' not in page.content.decode()
    assert weights_of(ScreeningRound.objects.get(pk=run.round.pk)) == before
