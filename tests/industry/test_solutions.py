"""Industry partners: their profile, their own solutions, and the read-only catalogue."""

import pytest
from django.urls import reverse

from industry.models import Solution
from tests.factories import PartnerOrganisationFactory, UserFactory


def make_solution(organisation, title="Smart lighting", dimensions=("environment",)):
    return Solution.objects.create(
        organisation=organisation, title=title, description="…", dimensions=list(dimensions)
    )


def test_partner_edits_the_profile_but_not_the_name(client, world):
    organisation = world.partner.partner_organisation
    name = organisation.name
    client.force_login(world.partner)
    response = client.post(
        reverse("partner_profile"),
        {
            "name": "Hacked",
            "sector": "Telekomunikasi",
            "website": "https://ioh.example",
            "description": "Profil",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.sector) == (name, "Telekomunikasi")


def test_partner_adds_a_solution_tagged_by_dimensions(client, world):
    client.force_login(world.partner)
    response = client.post(
        reverse("solutions"),
        {
            "title": "Jaringan IoT",
            "description": "Sensor kota",
            "dimensions": ["living", "governance"],
            "elements": "mobilitas",
        },
    )
    assert response.status_code == 302
    solution = Solution.objects.get()
    assert solution.organisation == world.partner.partner_organisation
    assert solution.dimensions == ["governance", "living"]


def test_a_solution_needs_a_dimension(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("solutions"), {"title": "X", "description": "Y"})
    assert response.status_code == 400
    assert not Solution.objects.exists()


def test_partner_edits_and_deletes_their_own_solution(client, world):
    solution = make_solution(world.partner.partner_organisation)
    client.force_login(world.partner)
    url = reverse("solution_edit", args=[solution.pk])
    response = client.post(
        url, {"title": "Lampu pintar", "description": "Baru", "dimensions": ["environment"]}
    )
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.title == "Lampu pintar"
    assert client.post(url, {"action": "delete"}).status_code == 302
    assert not Solution.objects.exists()


def test_partner_cannot_open_another_organisations_solution(client, world):
    other = make_solution(PartnerOrganisationFactory(slug="lintasarta"))
    client.force_login(world.partner)
    url = reverse("solution_edit", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "delete"}).status_code == 404
    assert Solution.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "assessor"])
def test_other_roles_cannot_use_the_partner_pages(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("partner_profile")).status_code == 403
    assert client.get(reverse("solutions")).status_code == 403


def test_partner_cannot_browse_the_catalogue(client, world):
    client.force_login(world.partner)
    assert client.get(reverse("solution_catalogue")).status_code == 403


def test_anonymous_goes_to_login(client, world):
    response = client.get(reverse("solutions"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_catalogue_filters_by_dimension_with_constant_queries(
    client, world, django_assert_num_queries
):
    for n in range(4):
        organisation = PartnerOrganisationFactory(slug=f"mitra-{n}")
        make_solution(organisation, title=f"Lampu {n}", dimensions=["environment"])
        make_solution(organisation, title=f"Kas {n}", dimensions=["economy", "governance"])
    client.force_login(world.official)
    with django_assert_num_queries(3):
        # 1. the session, 2. the user, 3. the solutions with their organisations
        response = client.get(reverse("solution_catalogue"), {"dimension": "economy"})
    titles = [s.title for s in response.context["solutions"]]
    assert titles == ["Kas 0", "Kas 1", "Kas 2", "Kas 3"]
    assert "Smart Governance" in response.content.decode()


def test_partner_pages_show_nothing_of_regions(client, world):
    """A partner's workspace has no questionnaires, scores, documents or mentor notes."""
    UserFactory(username="mitra-b", partner=True)
    client.force_login(world.partner)
    for name in ("partner_profile", "solutions"):
        html = client.get(reverse(name)).content.decode()
        for word in ("kuesioner", "skor", "notulen", "unduh"):
            assert word not in html.lower(), (name, word)
