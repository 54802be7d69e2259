"""A regional official's home page shows their region's screening result even when the region
was not invited: the ministry screens all 514, and each region may see where it stood."""

from django.urls import reverse

from tests.candidates.helpers import screened_world


def test_a_region_left_off_the_shortlist_sees_its_rank_and_the_explanation(client, world):
    run = screened_world(world, quota=1)  # Sukoharjo invited, Bandung ranked second
    client.force_login(world.other_official)

    response = client.get(reverse("official_home"))

    assert "tidak masuk daftar pendek" in response.text
    assert "peringkat 2 dari 2" in response.text
    explanation = reverse("screening_result", args=[run.pk, world.other_region.code])
    assert explanation in response.text
    assert reverse("screening_result", args=[run.pk, world.region.code]) not in response.text
    assert client.get(explanation).status_code == 200


def test_an_unconfirmed_screening_is_not_shown_to_regions(client, world):
    screened_world(world, quota=1, confirm=False)
    client.force_login(world.other_official)

    response = client.get(reverse("official_home"))

    assert "peringkat" not in response.text
    assert "belum mengikuti program" in response.text


def test_an_invited_region_sees_its_result_once_on_its_candidacy(client, world):
    screened_world(world, quota=1)
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert response.text.count("peringkat 1 dari 2") == 1
    assert "tidak masuk daftar pendek" not in response.text


def test_a_participant_region_goes_to_its_master_plan_from_the_home_page(client, world):
    from tests.masterplan.helpers import full_plan

    plan = full_plan(world)
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert f'href="{plan.get_absolute_url()}"' in response.text
    assert "Buka masterplan" in response.text and plan.get_status_display() in response.text


def test_another_regions_plan_is_not_linked(client, world):
    from tests.masterplan.helpers import full_plan

    plan = full_plan(world)
    client.force_login(world.other_official)

    assert plan.get_absolute_url() not in client.get(reverse("official_home")).text
