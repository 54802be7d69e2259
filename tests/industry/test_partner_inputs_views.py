"""The partners' input pages: the list of submitted plans and the input form on a plan page."""

import pytest
from django.urls import reverse

from industry.models import PartnerInput, Solution
from industry.services.inputs import partner_input_add
from masterplan.services.workflow import plan_submit
from tests.factories import RegionFactory, UserFactory
from tests.masterplan.helpers import full_plan

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(world):
    return plan_submit(plan=full_plan(world), by=world.official)


def submitted_plan_elsewhere(world, code):
    region = RegionFactory(code=code)
    official = UserFactory(username=f"pemda-{code}", official=True, region=region)
    return plan_submit(plan=full_plan(world, region=region), by=official)


def add_url(plan):
    return reverse("partner_input_add", args=[plan.pk])


# --- the list of submitted plans ------------------------------------------------------------


def test_a_partner_lists_submitted_plans_with_their_own_input_count(client, world, plan):
    draft = full_plan(world, region=world.other_region, mentor=world.other_mentor)
    competitor = UserFactory(username="mitra-lain", partner=True)
    partner_input_add(plan=plan, by=world.partner, body="Satu.")
    partner_input_add(plan=plan, by=world.partner, body="Dua.")
    partner_input_add(plan=plan, by=competitor, body="Bukan milik kami.")
    client.force_login(world.partner)

    response = client.get(reverse("partner_plans"))

    assert response.status_code == 200
    assert [(p.pk, p.input_count) for p in response.context["plans"]] == [(plan.pk, 2)]
    assert reverse("plan_detail", args=[plan.pk]) in response.content.decode()
    assert draft.candidate.region.name not in response.content.decode()


def test_other_roles_cannot_open_the_partners_plan_list(client, world):
    for user in (world.official, world.mentor, world.staff, world.assessor):
        client.force_login(user)
        assert client.get(reverse("partner_plans")).status_code == 403, user


@pytest.mark.parametrize("plans", [2, 8])
def test_the_partners_plan_list_reads_in_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, plans
):
    for index in range(plans):
        plan = submitted_plan_elsewhere(world, f"35.{index + 1:02d}")
        partner_input_add(plan=plan, by=world.partner, body="Masukan.")
    client.force_login(world.partner)

    # Queries: the session; the user; the plans with region, province, cohort, the latest
    # version's date and the organisation's input count (subqueries).
    with django_assert_num_queries(3):
        response = client.get(reverse("partner_plans"))

    assert len(response.context["plans"]) == plans


# --- the input form -------------------------------------------------------------------------


def test_a_partner_leaves_input_on_a_programme_through_htmx(client, world, plan):
    programme = plan.programmes.first()
    solution = Solution.objects.create(
        organisation=world.partner.partner_organisation,
        title="Smart Parking",
        description="Parkir cerdas.",
        dimensions=["living"],
    )
    client.force_login(world.partner)

    response = client.post(
        add_url(plan),
        {"body": "Kami siap uji coba.", "programme": programme.pk, "solution": solution.pk},
        **HTMX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="partner-inputs-panel"' in html and "<html" not in html
    assert "Kami siap uji coba." in html
    # The word of success rides along into the layout's messages (out of band).
    assert 'id="messages" aria-live="polite" hx-swap-oob="true"' in html
    assert "Masukan terkirim." in html
    partner_input = PartnerInput.objects.get()
    assert (partner_input.programme, partner_input.solution) == (programme, solution)


def test_without_htmx_the_form_redirects_back_to_the_plan(client, world, plan):
    client.force_login(world.partner)

    response = client.post(add_url(plan), {"body": "Masukan umum.", "programme": ""})

    assert response.status_code == 302
    assert response.url == reverse("plan_detail", args=[plan.pk]) + "#partner-inputs"
    assert PartnerInput.objects.get().programme is None


def test_an_empty_input_comes_back_with_its_error(client, world, plan):
    client.force_login(world.partner)

    response = client.post(add_url(plan), {"body": ""}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "is-invalid" in html
    assert "Masukan belum terkirim. Periksa isian yang ditandai." in html
    assert "Masukan terkirim." not in html
    assert not PartnerInput.objects.exists()


def test_a_programme_of_another_plan_is_not_a_choice(client, world, plan):
    other = plan_submit(
        plan=full_plan(world, region=world.other_region, mentor=world.other_mentor),
        by=world.other_official,
    )
    client.force_login(world.partner)

    client.post(add_url(plan), {"body": "X", "programme": other.programmes.first().pk}, **HTMX)

    assert not PartnerInput.objects.exists()


def test_a_partner_cannot_leave_input_on_a_draft_plan(client, world):
    draft = full_plan(world)
    client.force_login(world.partner)

    assert client.post(add_url(draft), {"body": "Masukan."}).status_code == 404
    assert not PartnerInput.objects.exists()


def test_other_roles_cannot_leave_input(client, world, plan):
    for user in (world.official, world.mentor, world.staff, world.assessor):
        client.force_login(user)
        assert client.post(add_url(plan), {"body": "Masukan."}).status_code == 403, user
    assert not PartnerInput.objects.exists()


# --- deleting -------------------------------------------------------------------------------


def test_a_partner_deletes_their_own_input(client, world, plan):
    partner_input = partner_input_add(plan=plan, by=world.partner, body="Ditarik.")
    client.force_login(world.partner)

    response = client.post(reverse("partner_input_delete", args=[partner_input.pk]), **HTMX)

    assert response.status_code == 200
    assert "Ditarik." not in response.content.decode()
    assert "Masukan dihapus." in response.content.decode()
    assert not PartnerInput.objects.exists()


def test_a_partner_cannot_delete_another_partners_input(client, world, plan):
    competitor = UserFactory(username="mitra-lain", partner=True)
    partner_input = partner_input_add(plan=plan, by=competitor, body="Milik mitra lain.")
    client.force_login(world.partner)

    response = client.post(reverse("partner_input_delete", args=[partner_input.pk]))

    assert response.status_code == 404
    assert PartnerInput.objects.exists()
