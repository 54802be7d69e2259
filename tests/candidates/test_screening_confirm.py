"""Confirming a screening asks first: a page says what will change (how many regions are invited,
who is e-mailed, that the round locks) and only its button invites them (#13, part 3)."""

import pytest
from django.urls import reverse

from candidates.models import Candidate, Cohort, ScreeningRound
from candidates.services import screening_round_for_cohort, screening_run
from tests.candidates.helpers import indicators_for, screened_world, spread_regions
from tests.factories import CandidateFactory

OTHER_ROLES = ["official", "other_official", "mentor", "other_mentor", "assessor", "partner"]


def confirm_url(run):
    return reverse("screening_confirm", args=[run.pk])


def test_the_confirmation_page_says_what_will_change_and_writes_nothing(client, world):
    world.other_official.email = ""  # Bandung's only official cannot be e-mailed
    world.other_official.save()
    run = screened_world(world, confirm=False, quota=2)
    client.force_login(world.staff)

    response = client.get(confirm_url(run))

    text = response.text
    assert response.status_code == 200
    assert "2 daerah akan diundang ke asesmen kesiapan angkatan 2018." in text
    assert "Angkatan 2018 berpindah ke tahap Asesmen kesiapan." in text
    assert "tidak dapat dijalankan ulang" in text
    assert "1 daerah belum memiliki akun pejabat dengan e-mail" in text
    assert "Kota Bandung (32.73)" in text and "Kabupaten Sukoharjo (33.11)" not in text
    assert "Ya, konfirmasi dan undang 2 daerah" in text
    assert not Candidate.objects.exists()
    assert ScreeningRound.objects.get().confirmed_run is None


def test_the_run_page_leads_to_the_confirmation_page_instead_of_confirming(client, world):
    run = screened_world(world, confirm=False)
    client.force_login(world.staff)

    page = client.get(run.get_absolute_url()).text

    assert f'href="{confirm_url(run)}"' in page
    assert f'action="{confirm_url(run)}"' not in page


def test_the_confirmation_pages_button_invites_the_shortlist(client, world):
    run = screened_world(world, confirm=False)
    client.force_login(world.staff)

    response = client.post(confirm_url(run), {"confirm": "yes"}, follow=True)

    assert response.redirect_chain[-1][0] == run.get_absolute_url()
    assert "1 daerah diundang ke asesmen kesiapan" in response.text
    assert Candidate.objects.get().region == world.region
    assert ScreeningRound.objects.get().confirmed_run == run
    assert Cohort.objects.get().status == Cohort.Status.ASSESSMENT


def test_a_post_without_the_pages_answer_only_shows_the_page(client, world):
    run = screened_world(world, confirm=False)
    client.force_login(world.staff)

    response = client.post(confirm_url(run))

    assert response.status_code == 302 and response.url == confirm_url(run)
    assert not Candidate.objects.exists()
    assert ScreeningRound.objects.get().confirmed_run is None


def test_a_confirmed_run_offers_no_button_and_says_why(client, world):
    run = screened_world(world, confirm=True)
    client.force_login(world.staff)

    response = client.get(confirm_url(run))
    again = client.post(confirm_url(run), {"confirm": "yes"}, follow=True)

    assert "Daftar pendek angkatan ini sudah dikonfirmasi." in response.text
    assert 'name="confirm"' not in response.text
    assert "sudah dikonfirmasi" in str(list(again.context["messages"])[0])
    assert Candidate.objects.count() == 1


def test_an_older_run_cannot_be_confirmed(client, world):
    old = screened_world(world, confirm=False)
    screening_run(round_=old.round, by=world.staff)
    client.force_login(world.staff)

    response = client.get(confirm_url(old))
    client.post(confirm_url(old), {"confirm": "yes"})

    assert "Hanya hasil terbaru yang dapat dikonfirmasi." in response.text
    assert 'name="confirm"' not in response.text
    assert ScreeningRound.objects.get().confirmed_run is None


def test_regions_already_candidates_are_said_to_keep_their_status(client, world):
    run = screened_world(world, confirm=False)
    CandidateFactory(cohort=world.cohort, region=world.region, status="assessed")
    client.force_login(world.staff)

    response = client.get(confirm_url(run))

    assert "1 di antaranya sudah menjadi kandidat angkatan ini dan tetap dengan statusnya" in (
        response.text
    )


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_can_open_or_confirm(client, world, role):
    run = screened_world(world, confirm=False)
    client.force_login(getattr(world, role))

    assert client.get(confirm_url(run)).status_code == 403
    assert client.post(confirm_url(run), {"confirm": "yes"}).status_code == 403
    assert ScreeningRound.objects.get().confirmed_run is None


def test_the_confirmation_page_runs_the_same_queries_for_any_shortlist(
    client, world, django_assert_num_queries
):
    regions = spread_regions(150)
    indicators_for({r: (i % 7, 2 + i % 3 / 2, i % 90) for i, r in enumerate(regions)})
    round_ = screening_round_for_cohort(cohort=world.cohort)
    small = screening_run(round_=round_, quota=3)
    client.force_login(world.staff)
    # 1 session, 2 user, 3 the second-factor device of the staff session (django-otp),
    # 4 the run with its round, cohort, dataset and author, 5 the current run (may it be
    # confirmed?), 6 the shortlist with regions and provinces, 7 which of its regions have
    # an official with an e-mail address, 8 how many of them are candidates already.
    with django_assert_num_queries(8):
        client.get(confirm_url(small))
    big = screening_run(round_=round_, quota=120)
    with django_assert_num_queries(8):
        response = client.get(confirm_url(big))
    assert "120 daerah akan diundang" in response.text
