"""Login, role-aware home pages, throttling, passwords."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import ROLES
from tests.factories import TEST_PASSWORD, UserFactory

HOME_PAGE_OF = {
    "staff": "staff_home",
    "official": "official_home",
    "other_official": "official_home",
    "mentor": "mentor_home",
    "other_mentor": "mentor_home",
    "assessor": "assessor_home",
    "partner": "partner_home",
    "evaluator": "evaluator_home",
}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_each_role_lands_on_its_own_home_page(client, world, role):
    client.force_login(world.user(role))

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse(HOME_PAGE_OF[role])
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_each_role_is_refused_the_other_roles_home_pages(client, world, role):
    client.force_login(world.user(role))

    for page in set(HOME_PAGE_OF.values()) - {HOME_PAGE_OF[role]}:
        assert client.get(reverse(page)).status_code == 403, page


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("official_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_official_home_page_names_the_officials_region(client, world):
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert "Kabupaten Sukoharjo" in response.text
    assert "Kota Bandung" not in response.text


def test_a_user_without_a_role_is_told_to_ask_the_ministry(client, db):
    client.force_login(UserFactory(username="tanpa-peran"))

    response = client.get(reverse("home"))

    assert response.status_code == 403
    assert "belum diberi peran" in response.text


def test_logging_in_with_the_form_lands_on_the_role_home(client, world):
    response = client.post(
        reverse("login"), {"username": "pemda-a", "password": TEST_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("official_home")


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, world):
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "pemda-a", "password": "salah"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post(reverse("login"), {"username": "pemda-a", "password": "salah"})
    assert response.status_code == 429  # the fifth failure locks

    response = client.post(reverse("login"), {"username": "pemda-a", "password": TEST_PASSWORD})

    assert response.status_code == 429
    assert "dikunci sementara" in response.text
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client, world, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        client.post(reverse("login"), {"username": "pemda-a", "password": "salah"})
    login = {"username": "pemda-a", "password": TEST_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 429

    # The failures are now older than the cool-off (15 minutes by default).
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )

    assert client.post(reverse("login"), login).status_code == 302
    assert client.session["_auth_user_id"] == str(world.official.pk)


def test_a_lock_on_one_user_does_not_lock_another(client, world):
    for _ in range(6):
        client.post(reverse("login"), {"username": "pemda-a", "password": "salah"})

    response = client.post(reverse("login"), {"username": "pemda-b", "password": TEST_PASSWORD})

    assert response.status_code == 302


def test_a_password_shorter_than_twelve_characters_is_refused(client, world):
    client.force_login(world.official)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Pendek-123",
            "new_password2": "Pendek-123",
        },
    )

    assert response.status_code == 200
    assert "12" in response.text
    world.official.refresh_from_db()
    assert world.official.check_password(TEST_PASSWORD)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, world):
    world.official.email = "diskominfo@sukoharjo.test"
    world.official.save()

    client.post(reverse("password_reset"), {"email": "diskominfo@sukoharjo.test"})

    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/kata-sandi/reset/" in line
    ).strip()
    path = link[link.index("/akun/") :]
    form_url = client.get(path).url  # Django swaps the token for a session-bound URL
    response = client.post(
        form_url,
        {"new_password1": "sukoharjo-makmur-2026", "new_password2": "sukoharjo-makmur-2026"},
    )
    assert response.status_code == 302
    world.official.refresh_from_db()
    assert world.official.check_password("sukoharjo-makmur-2026")


def test_logout_needs_a_post(client, world):
    client.force_login(world.official)

    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_the_language_switcher_shows_the_english_interface(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("landing"))

    assert '<html lang="en">' in response.text
    assert "Participants by cohort" in response.text
