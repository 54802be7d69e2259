"""The industry partner's home starts with the submitted plans under review that wait for their
organisation's input, each a link to the plan's input panel; then their own recent input and
solutions. Never another organisation's input or solutions."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from industry.models import PartnerInput, Solution
from masterplan.models import Plan, PlanVersion
from tests.factories import UserFactory
from tests.masterplan.home_helpers import light_plan

pytestmark = pytest.mark.django_db

S = Plan.Status


def home(client, user):
    client.force_login(user)
    return client.get(reverse("partner_home"))


def tasks_of(response):
    return response.context["tasks"]


def plan_tasks(response):
    return [t for t in tasks_of(response) if t.level != "info"]


def submitted(world, status=S.SUBMITTED, versions=1, days_ago=10):
    """A plan in `status` with `versions` frozen versions, the latest submitted `days_ago`."""
    plan = light_plan(world, status=status, versions=versions, mentor=False)
    for number in range(1, versions + 1):
        version(plan, number, world, days_ago=days_ago)
    return plan


def version(plan, number, world, *, days_ago=0):
    frozen = PlanVersion.objects.create(
        plan=plan, number=number, data={}, sha256="0" * 64, created_by=world.official
    )
    # Versions are immutable through the ORM; the test dates this one as if made back then.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE masterplan_planversion SET created_at = %s WHERE id = %s",
            [timezone.now() - datetime.timedelta(days=days_ago), frozen.pk],
        )
    return frozen


def input_on(plan, partner, *, days_ago=0, body="Kami siap membantu."):
    item = PartnerInput.objects.create(
        organisation=partner.partner_organisation,
        author=partner,
        plan=plan,
        version=plan.versions.order_by("-number").first(),
        body=body,
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    PartnerInput.objects.filter(pk=item.pk).update(created_at=when)
    return item


def solution_of(partner, title="Command Center"):
    return Solution.objects.create(
        organisation=partner.partner_organisation, title=title, description="…"
    )


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "assessor"])
def test_the_partner_home_is_for_partners_only(client, world, role):
    assert home(client, getattr(world, role)).status_code == 403


def test_a_submitted_plan_without_our_input_is_a_task_that_opens_its_input_panel(client, world):
    plan = submitted(world)
    solution_of(world.partner)

    response = home(client, world.partner)

    (task,) = tasks_of(response)
    assert task.title == f"Beri masukan untuk masterplan {plan.candidate.region.short_name}"
    assert task.url == reverse("plan_detail", args=[plan.pk]) + "#partner-inputs"
    assert "belum memberi masukan" in task.detail
    section = response.text.split('id="tasks"')[1].split("</section>")[0]
    assert f'href="{task.url}"' in section


def test_drafts_and_approved_plans_are_not_asked_for_input(client, world):
    light_plan(world, status=S.DRAFT, mentor=False)
    submitted(world, status=S.APPROVED)
    submitted(world, status=S.ENACTED)
    solution_of(world.partner)

    response = home(client, world.partner)

    assert tasks_of(response) == []
    assert "Tidak ada masterplan baru yang menunggu masukan Anda saat ini." in response.text


def test_a_plan_we_commented_on_returns_when_a_new_version_comes(client, world):
    plan = submitted(world, status=S.RESUBMITTED, versions=1)
    colleague = UserFactory(partner=True, partner_organisation=world.partner.partner_organisation)
    input_on(plan, colleague, days_ago=3)
    solution_of(world.partner)

    assert tasks_of(home(client, world.partner)) == []  # a colleague's input is ours too

    version(plan, 2, world)
    (task,) = tasks_of(home(client, world.partner))
    assert "setelah masukan terakhir organisasi Anda" in task.detail


def test_another_organisations_input_neither_counts_nor_shows(client, world):
    plan = submitted(world)
    rival = UserFactory(username="mitra-saingan", partner=True)
    input_on(plan, rival, body="Penawaran rahasia pesaing.")
    solution_of(rival, title="Solusi pesaing")

    response = home(client, world.partner)

    assert [t.url.split("#")[0] for t in plan_tasks(response)] == [plan.get_absolute_url()]
    assert "Penawaran rahasia pesaing." not in response.text
    assert "Solusi pesaing" not in response.text
    assert response.context["inputs"] == [] and response.context["solutions"] == []


def test_our_recent_input_and_solutions_are_listed_newest_first(client, world):
    plan = submitted(world)
    input_on(plan, world.partner, days_ago=5, body="Masukan lama.")
    input_on(plan, world.partner, days_ago=1, body="Masukan baru.")
    solution_of(world.partner, "Wi-Fi publik")

    response = home(client, world.partner)

    assert [i.body for i in response.context["inputs"]] == ["Masukan baru.", "Masukan lama."]
    assert "Wi-Fi publik" in response.text
    assert tasks_of(response) == []  # commented after the only version


def test_a_plan_endorsed_by_its_mentor_is_asked_first(client, world):
    older = submitted(world)
    endorsed = submitted(world, status=S.ENDORSED)
    solution_of(world.partner)

    tasks = tasks_of(home(client, world.partner))

    assert [t.url.split("#")[0] for t in tasks] == [
        endorsed.get_absolute_url(),
        older.get_absolute_url(),
    ]
    assert tasks[0].level == "soon"


def test_an_empty_catalogue_is_a_task_to_fill_it(client, world):
    (task,) = tasks_of(home(client, world.partner))

    assert (task.url, task.level) == (reverse("solutions"), "info")


def test_many_waiting_plans_show_the_first_and_link_to_the_rest(client, world):
    for _ in range(10):
        submitted(world)
    solution_of(world.partner)

    response = home(client, world.partner)

    assert len(tasks_of(response)) == 8
    assert "2 masterplan lain juga menunggu masukan Anda." in response.text
    assert reverse("partner_plans") in response.text


@pytest.mark.parametrize("n", [1, 6])
def test_the_partner_home_runs_the_same_queries_however_many_plans(
    client, world, django_assert_num_queries, n
):
    for i in range(n):
        plan = submitted(world)
        if i % 2:
            input_on(plan, world.partner, days_ago=i)
    solution_of(world.partner)
    client.force_login(world.partner)

    # 1. the session, 2. the user, 3. the plans under review with their latest version and our
    # input, 4. the organisation's solutions, 5. its recent input with plan, region, author and
    # solution, 6. the organisation (page header and profile).
    with django_assert_num_queries(6):
        response = client.get(reverse("partner_home"))

    assert len(tasks_of(response)) == (n + 1) // 2
