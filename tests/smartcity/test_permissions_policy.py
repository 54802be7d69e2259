"""Every response tells browsers the portal uses no camera, microphone, location, payment or USB."""

import pytest
from django.urls import reverse

FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/healthz", "/tidak-ada/", "/admin/login/"])
def test_every_response_carries_the_permissions_policy(client, db, url):
    policy = client.get(url)["Permissions-Policy"]
    assert all(feature in policy for feature in FEATURES), policy


def test_signed_in_pages_and_redirects_carry_it_too(client, world):
    client.force_login(world.staff)
    assert "camera=()" in client.get(reverse("staff_home"))["Permissions-Policy"]
    assert "camera=()" in client.get(reverse("home"))["Permissions-Policy"]
