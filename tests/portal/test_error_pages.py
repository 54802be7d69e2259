"""Refusals and errors come in the portal's layout with a way back, never as a bare page."""

import pytest
from django.test import override_settings
from django.urls import path, reverse

from tests.partners.url_expectations_mou import selected_candidate


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("rusak/", broken)]


def test_a_404_is_in_the_layout_with_a_way_home(client, world):
    client.force_login(world.official)
    response = client.get("/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'id="main"' in html and "Halaman tidak ditemukan" in html
    assert f'href="{reverse("home")}"' in html


def test_a_403_is_in_the_layout_with_a_way_home(client, world):
    client.force_login(world.official)
    response = client.get(reverse("staff_home"))
    html = response.content.decode()
    assert response.status_code == 403
    assert 'id="main"' in html and "Akses ditolak" in html
    assert f'href="{reverse("home")}"' in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_500_is_a_page_of_the_portal_not_a_bare_error(client):
    client.raise_request_exception = False
    response = client.get("/rusak/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in html and 'href="/"' in html


@pytest.mark.django_db
def test_the_mou_form_fills_the_cohort_signing_date_as_an_iso_date_input(client, world):
    """<input type=date> accepts only 2018-05-08; 08-05-2018 left the field empty (#13)."""
    import datetime

    world.cohort.mou_date = datetime.date(2018, 5, 8)
    world.cohort.save()
    candidate = selected_candidate(world)
    client.force_login(world.staff)

    html = client.get(reverse("mou_detail", args=[candidate.pk])).content.decode()

    assert 'type="date"' in html and 'value="2018-05-08"' in html
