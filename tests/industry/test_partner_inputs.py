"""Industry partners' input on submitted plans: who writes it, on what, and who reads it; and
what the plan page shows a partner (the plan and the form, never comments or documents)."""

from datetime import date

import pytest
from django.urls import reverse

from industry.access import inputs_visible_to, plan_page_inputs
from industry.models import PartnerInput, Solution
from industry.services.inputs import PartnerInputError, partner_input_add, partner_input_delete
from masterplan.models import PlanVersion, Programme, ReviewComment
from masterplan.services.workflow import plan_submit
from partners.models import BimtekDocument, BimtekSession, MoU
from tests.factories import UserFactory
from tests.masterplan.helpers import add_programme, full_plan


@pytest.fixture
def plan(world):
    """Sukoharjo's plan, submitted once: version 1 is what partners read."""
    return plan_submit(plan=full_plan(world), by=world.official)


def solution_of(partner, title="Command Center terpadu"):
    return Solution.objects.create(
        organisation=partner.partner_organisation,
        title=title,
        description="Integrasi CCTV dan call center.",
        dimensions=["governance"],
    )


def test_a_partner_cannot_give_input_on_a_plan_never_submitted(world):
    draft = full_plan(world)

    with pytest.raises(PartnerInputError):
        partner_input_add(plan=draft, by=world.partner, body="Masukan.")

    assert not PartnerInput.objects.exists()


def test_a_partner_gives_input_on_a_submitted_plan_and_on_its_programmes(world, plan):
    programme = plan.programmes.first()
    solution = solution_of(world.partner)

    whole = partner_input_add(plan=plan, by=world.partner, body="  Perlu peta jaringan.  ")
    on_programme = partner_input_add(
        plan=plan, by=world.partner, body="Kami bisa bantu.", programme=programme, solution=solution
    )

    version = PlanVersion.objects.get(plan=plan, number=1)
    assert (whole.body, whole.programme, whole.version) == ("Perlu peta jaringan.", None, version)
    assert whole.organisation == world.partner.partner_organisation
    assert on_programme.programme == programme
    assert on_programme.programme_name == programme.name
    assert on_programme.solution == solution


def test_only_partners_give_input(world, plan):
    for user in (world.official, world.mentor, world.staff, world.assessor):
        with pytest.raises(PartnerInputError):
            partner_input_add(plan=plan, by=user, body="Masukan.")


def test_an_empty_input_is_refused(world, plan):
    with pytest.raises(PartnerInputError):
        partner_input_add(plan=plan, by=world.partner, body="   ")


def test_a_programme_of_another_plan_is_refused(world, plan):
    other = plan_submit(
        plan=full_plan(world, region=world.other_region, mentor=world.other_mentor),
        by=world.other_official,
    )

    with pytest.raises(PartnerInputError):
        partner_input_add(
            plan=plan, by=world.partner, body="Masukan.", programme=other.programmes.first()
        )


def test_a_programme_not_in_the_latest_submitted_version_is_refused(world, plan):
    added_since = add_programme(plan, name="Program baru setelah pengajuan")

    with pytest.raises(PartnerInputError):
        partner_input_add(plan=plan, by=world.partner, body="Masukan.", programme=added_since)


def test_a_solution_of_another_organisation_is_refused(world, plan):
    competitor = UserFactory(username="mitra-lain", partner=True)

    with pytest.raises(PartnerInputError):
        partner_input_add(
            plan=plan, by=world.partner, body="Masukan.", solution=solution_of(competitor)
        )


def test_only_its_author_deletes_an_input(world, plan):
    colleague = UserFactory(
        username="mitra-a-2", partner=True, partner_organisation=world.partner.partner_organisation
    )
    partner_input = partner_input_add(plan=plan, by=world.partner, body="Masukan.")

    with pytest.raises(PartnerInputError):
        partner_input_delete(partner_input=partner_input, by=colleague)
    partner_input_delete(partner_input=partner_input, by=world.partner)

    assert not PartnerInput.objects.exists()


def test_the_region_its_mentor_and_staff_read_every_partners_input(world, plan):
    competitor = UserFactory(username="mitra-lain", partner=True)
    ours = partner_input_add(plan=plan, by=world.partner, body="Dari mitra A.")
    theirs = partner_input_add(plan=plan, by=competitor, body="Dari mitra lain.")

    for user in (world.official, world.mentor, world.staff):
        assert set(inputs_visible_to(user, plan)) == {ours, theirs}, user


def test_other_officials_other_mentors_and_assessors_read_no_input(world, plan):
    partner_input_add(plan=plan, by=world.partner, body="Masukan.")

    for user in (world.other_official, world.other_mentor, world.assessor):
        assert not inputs_visible_to(user, plan).exists(), user


def test_a_partner_reads_only_its_own_organisations_input(world, plan):
    competitor = UserFactory(username="mitra-lain", partner=True)
    ours = partner_input_add(plan=plan, by=world.partner, body="Dari mitra A.")
    partner_input_add(plan=plan, by=competitor, body="Dari mitra lain.")

    assert list(inputs_visible_to(world.partner, plan)) == [ours]


def test_the_plan_page_groups_input_by_programme_and_keeps_removed_programmes_apart(world, plan):
    first, second = plan.programmes.all()[:2]
    whole = partner_input_add(plan=plan, by=world.partner, body="Umum.")
    on_first = partner_input_add(plan=plan, by=world.partner, body="P1.", programme=first)
    on_second = partner_input_add(plan=plan, by=world.partner, body="P2.", programme=second)
    removed_name = second.name
    Programme.objects.filter(pk=second.pk).delete()
    from masterplan.snapshot import plan_snapshot

    extra = plan_page_inputs(world.official, plan, plan_snapshot(plan))

    assert extra["partner_inputs_general"] == [whole]
    assert extra["partner_inputs_by_programme"] == {first.pk: [on_first]}
    groups = [
        (g["id"], g["name"], g["removed"], g["inputs"]) for g in extra["partner_input_groups"]
    ]
    assert groups == [
        (first.pk, first.name, False, [on_first]),
        (None, removed_name, True, [on_second]),
    ]


def test_the_plan_page_slot_reads_in_a_fixed_number_of_queries(
    world, plan, django_assert_num_queries
):
    data = PlanVersion.objects.get(plan=plan).data
    programmes = list(plan.programmes.all())
    partner_input_add(plan=plan, by=world.partner, body="Satu.")
    # Queries: the mentor's active assignment; the inputs with organisation, author,
    # solution and version.
    with django_assert_num_queries(2):
        plan_page_inputs(world.mentor, plan, data)
    for programme in programmes:
        partner_input_add(plan=plan, by=world.partner, body="Lagi.", programme=programme)
    with django_assert_num_queries(2):
        extra = plan_page_inputs(world.mentor, plan, data)
    assert len(extra["partner_inputs"]) == 1 + len(programmes)
    # Queries for a partner: its inputs; its organisation's solutions for the form.
    with django_assert_num_queries(2):
        plan_page_inputs(world.partner, plan, data)


def test_the_plan_page_shows_a_partner_the_programmes_and_the_form_but_no_comments_or_documents(
    client, world, plan
):
    ReviewComment.objects.create(
        plan=plan, author=world.mentor, body="Catatan internal mentor rahasia.", mentor_only=True
    )
    ReviewComment.objects.create(
        plan=plan, author=world.mentor, body="Komentar reviu untuk daerah."
    )
    MoU.objects.create(
        candidate=plan.candidate, document="mou/x.pdf", document_name="mou-sukoharjo-ttd.pdf"
    )
    session = BimtekSession.objects.create(
        candidate=plan.candidate,
        stage=1,
        date=date(2018, 6, 1),
        place="Bappeda",
        recorded_by=world.staff,
    )
    BimtekDocument.objects.create(
        session=session,
        file="bimtek/x.pdf",
        original_name="notulen-bimtek-1.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=world.staff,
    )
    type(plan).objects.filter(pk=plan.pk).update(
        regulation_file="masterplan/regulation/x.pdf", regulation_file_name="perbup-masterplan.pdf"
    )
    client.force_login(world.partner)

    response = client.get(plan.get_absolute_url())
    panel = client.get(reverse("plan_partner_inputs", args=[plan.pk]))  # the page's htmx slot

    html = response.content.decode() + panel.content.decode()
    assert response.status_code == 200 and panel.status_code == 200
    for programme in plan.programmes.all():
        assert programme.name in html
    assert 'id="partner-input-form"' in panel.content.decode()
    for secret in [
        "Catatan internal mentor rahasia.",
        "Komentar reviu untuk daerah.",
        "mou-sukoharjo-ttd.pdf",
        "notulen-bimtek-1.pdf",
        "perbup-masterplan.pdf",
        "/penetapan/regulasi/",
        "/mou/kandidat/",
        "/bukti/",
    ]:
        assert secret not in html, secret


def test_the_plan_page_shows_the_region_partner_input_programme_by_programme(client, world, plan):
    programme = plan.programmes.first()
    solution = solution_of(world.partner)
    partner_input_add(plan=plan, by=world.partner, body="Masukan umum mitra.")
    partner_input_add(
        plan=plan, by=world.partner, body="Masukan program.", programme=programme, solution=solution
    )
    client.force_login(world.official)

    page = client.get(plan.get_absolute_url()).content.decode()
    html = client.get(reverse("plan_partner_inputs", args=[plan.pk])).content.decode()

    # The plan page has the slot; the industry app's panel fills it.
    assert f'hx-get="{reverse("plan_partner_inputs", args=[plan.pk])}"' in page
    assert "Masukan umum mitra." not in page
    assert "Masukan umum mitra." in html
    assert f'id="partner-inputs-programme-{programme.pk}"' in html
    assert f'href="#programme-{programme.pk}"' in html
    assert world.partner.partner_organisation.name in html
    assert solution.title in html
    # The per-programme badge, placed into the programme's row by htmx (out of band).
    assert f'hx-swap-oob="beforeend:#programme-{programme.pk} > td:first-child"' in html
    assert 'id="partner-input-form"' not in html


def test_the_panel_answers_another_regions_people_as_the_plan_does_404(client, world, plan):
    partner_input_add(plan=plan, by=world.partner, body="Masukan umum mitra.")
    for outsider in (world.other_official, world.other_mentor):
        client.force_login(outsider)
        assert client.get(plan.get_absolute_url()).status_code == 404
        assert client.get(reverse("plan_partner_inputs", args=[plan.pk])).status_code == 404


def test_a_partner_gets_404_on_a_draft_plans_page(client, world):
    draft = full_plan(world)
    client.force_login(world.partner)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_demo_gives_indosat_input_on_sukoharjos_submitted_plan_once(world, plan):
    from industry.demo import seed_partner_inputs

    indosat = UserFactory(username="mitra-indosat", partner=True)
    solution = solution_of(indosat)

    seed_partner_inputs()
    seed_partner_inputs()

    inputs = list(PartnerInput.objects.filter(plan=plan, organisation=indosat.partner_organisation))
    assert len(inputs) == 3
    assert [i.programme is None for i in inputs] == [True, False, False]
    assert [i.solution for i in inputs if i.solution] == [solution]


def test_the_demo_gives_no_input_without_a_submitted_plan(world):
    from industry.demo import seed_partner_inputs

    full_plan(world)
    UserFactory(username="mitra-indosat", partner=True)

    seed_partner_inputs()

    assert not PartnerInput.objects.exists()
