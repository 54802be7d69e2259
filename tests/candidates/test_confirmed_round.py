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
from tests.factories import CohortFactory

# The services' refusal, word for word (the page's own notice says "sudah dikonfirmasi" too).
REFUSAL = "seleksi awalnya tidak dapat dijalankan ulang dan bobotnya tidak dapat diubah"
WEIGHTS = "fiscal=0.5,governance=0.3,green=0.2"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def weights_of(round_):
    round_.refresh_from_db()
    return (round_.weight_fiscal, round_.weight_governance, round_.weight_green, round_.quota)


def test_a_confirmed_round_is_not_run_again(world):
    run = screened_world(world, confirm=True)

    with pytest.raises(ScreeningError, match=REFUSAL):
        screening_run(round_=run.round, by=world.staff)
    with pytest.raises(ScreeningError, match=REFUSAL):  # nor with settings of its own
        screening_run(
            round_=run.round, by=world.staff, weights=ranking.Weights(0.5, 0.3, 0.2), quota=1
        )
    assert list(ScreeningRun.objects.values_list("number", flat=True)) == [1]


def test_a_confirmed_round_keeps_its_weights_and_quota(world):
    run = screened_world(world, confirm=True)
    before = weights_of(run.round)

    with pytest.raises(ScreeningError, match=REFUSAL):
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

    # Valid weights, as the page's form would send them before the fix.
    response = client.post(
        reverse("screening_round", args=[world.cohort.year]),
        {"fiscal": "50", "governance": "30", "green": "20", "quota": "7"},
        follow=True,
    )

    assert any(REFUSAL in message for message in messages_of(response))
    assert weights_of(run.round) == before
    assert ScreeningRun.objects.count() == 1


def test_the_page_of_a_confirmed_round_offers_no_form_that_saves_or_runs(client, world):
    run = screened_world(world, confirm=True)
    client.force_login(world.staff)

    page = client.get(reverse("screening_round", args=[world.cohort.year])).content.decode()

    year = world.cohort.year
    assert "Simpan bobot dan jalankan" not in page and "Jalankan seleksi awal" not in page
    assert f'action="{reverse("screening_round", args=[year])}"' not in page
    assert reverse("screening_run_create", args=[year]) not in page
    # What is left is the simulation, which writes nothing.
    assert f'action="{reverse("screening_whatif", args=[year])}"' in page
    assert "Putaran ini sudah dikonfirmasi" in page
    assert run.get_absolute_url() in page


def test_the_page_of_a_confirmed_round_says_where_a_new_screening_starts(client, world):
    screened_world(world, confirm=True)
    client.force_login(world.staff)
    url = reverse("screening_round", args=[world.cohort.year])

    without_later_cohort = client.get(url).content.decode()
    CohortFactory(year=world.cohort.year + 1)
    with_later_cohort = client.get(url).content.decode()

    assert "buat angkatan tahun berikutnya" in without_later_cohort
    assert reverse("screening_round", args=[world.cohort.year + 1]) in with_later_cohort


def test_the_page_of_an_open_round_still_offers_save_and_run(client, world):
    screened_world(world, confirm=False)
    client.force_login(world.staff)

    page = client.get(reverse("screening_round", args=[world.cohort.year])).content.decode()

    assert "Simpan bobot dan jalankan" in page and "Jalankan seleksi awal" in page
    assert "Putaran ini sudah dikonfirmasi" not in page


def test_a_confirmed_round_can_still_be_simulated_without_any_write(client, world):
    run = screened_world(world, confirm=True)
    before = weights_of(run.round)
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_whatif", args=[world.cohort.year]),
        {"fiscal": "0", "governance": "0", "green": "100", "quota": "1"},
    )

    assert response.status_code == 200 and "Hasil simulasi" in response.text
    assert weights_of(run.round) == before
    assert ScreeningRun.objects.count() == 1


def test_the_run_button_on_a_confirmed_round_is_refused(client, world):
    screened_world(world, confirm=True)
    client.force_login(world.staff)

    response = client.post(reverse("screening_run_create", args=[world.cohort.year]), follow=True)

    assert any(REFUSAL in message for message in messages_of(response))
    assert ScreeningRun.objects.count() == 1


def test_the_screen_command_refuses_a_confirmed_year(world):
    run = screened_world(world, confirm=True)
    before = weights_of(run.round)

    with pytest.raises(CommandError, match=REFUSAL):
        call_command("screen", "--year", str(world.cohort.year), "--quota", "5")
    with pytest.raises(CommandError, match=REFUSAL):
        call_command("screen", "--year", str(world.cohort.year), "--weights", WEIGHTS)
    assert ScreeningRun.objects.count() == 1
    assert weights_of(ScreeningRound.objects.get()) == before


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
