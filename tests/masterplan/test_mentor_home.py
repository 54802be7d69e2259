"""The mentor's home: the plans waiting for their review first, with a way straight to each, then
every region assigned to them with its plan's state; only their own regions."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from masterplan.models import Plan
from masterplan.services.review import comment_add
from partners.services.assignments import assignment_add, assignment_end
from tests.factories import CandidateFactory, RegionFactory
from tests.masterplan.helpers import assign
from tests.masterplan.home_helpers import light_plan, revision_requested

pytestmark = pytest.mark.django_db

S = Plan.Status


def home(client, user):
    client.force_login(user)
    return client.get(reverse("mentor_home"))


def tasks_of(response):
    return response.context["tasks"]


def selected(world, region=None):
    return CandidateFactory(cohort=world.cohort, region=region or world.region, status="selected")


# --- assignments and co-mentors ------------------------------------------------------------


def test_a_mentor_sees_only_their_active_regions_with_cohort_and_co_mentors(client, world):
    mine = selected(world)
    theirs = selected(world, world.other_region)
    ended = selected(world, RegionFactory(code="35.01", name="Kabupaten Lama"))
    assignment_add(candidate=mine, mentor=world.mentor, by=world.staff)
    assignment_add(candidate=mine, mentor=world.other_mentor, by=world.staff)
    assignment_add(candidate=theirs, mentor=world.other_mentor, by=world.staff)
    assignment_end(
        assignment=assignment_add(candidate=ended, mentor=world.mentor, by=world.staff),
        by=world.staff,
        reason="Pindah",
    )

    response = home(client, world.mentor)

    assert response.text.count("js-mentor-region") == 1
    assert "Kabupaten Sukoharjo" in response.text
    assert "mentor-b" in response.text  # the co-mentor
    assert "Kota Bandung" not in response.text
    assert "Kabupaten Lama" not in response.text
    assert "2018" in response.text
    assert "Belum mulai disusun" in response.text  # no plan yet


def test_a_mentor_without_regions_is_told_so_and_has_nothing_to_do(client, world):
    assignment_add(candidate=selected(world), mentor=world.other_mentor, by=world.staff)

    response = home(client, world.mentor)

    assert "Belum ada daerah yang ditugaskan" in response.text
    assert "Tidak ada masterplan yang menunggu reviu Anda saat ini." in response.text
    assert "Kabupaten Sukoharjo" not in response.text


@pytest.mark.parametrize("role", ["staff", "official", "assessor", "partner"])
def test_the_mentor_home_is_for_mentors_only(client, world, role):
    assert home(client, getattr(world, role)).status_code == 403


# --- what needs the mentor -----------------------------------------------------------------


def test_plans_waiting_for_review_come_first_the_longest_waiting_first(client, world):
    draft = light_plan(world, status=S.DRAFT)
    endorsed = light_plan(world, status=S.ENDORSED, days=40)
    newer = light_plan(world, days=2)
    older = light_plan(world, status=S.RESUBMITTED, days=9)
    revising = revision_requested(light_plan(world), world.mentor, "Lengkapi KPI.")

    response = home(client, world.mentor)

    tasks = tasks_of(response)
    assert [t.url for t in tasks] == [older.get_absolute_url(), newer.get_absolute_url()]
    assert tasks[0].title == f"Reviu masterplan {older.candidate.region.short_name}"
    assert "Diajukan ulang" in tasks[0].detail and "versi 2" in tasks[0].detail
    assert "Sudah 9 hari menunggu reviu Anda." in tasks[0].detail
    # The second version can be compared with the first straight from the home.
    assert tasks[0].links == [("Lihat perubahan", reverse("plan_version_diff", args=[older.pk, 2]))]
    assert tasks[1].links == []
    # Every region is listed, those waiting first, then the one in revision.
    rows = [a.plan.pk for a in response.context["assignments"]]
    assert rows[:3] == [older.pk, newer.pk, revising.pk]
    assert set(rows[3:]) == {draft.pk, endorsed.pk}
    assert response.text.count("menunggu reviu Anda</span>") == 2
    # Each task's button goes where the review is done.
    section = response.text.split('id="tasks"')[1].split("</section>")[0]
    assert f'href="{older.get_absolute_url()}"' in section


def test_a_review_waiting_two_weeks_is_urgent(client, world):
    light_plan(world, days=15)
    light_plan(world, days=3)

    levels = [t.level for t in tasks_of(home(client, world.mentor))]

    assert levels == ["urgent", "soon"]


def test_the_mentors_own_open_comments_are_counted_apart_from_others(client, world):
    plan = light_plan(world, status=S.RESUBMITTED)
    assignment_add(candidate=plan.candidate, mentor=world.other_mentor, by=world.staff)
    comment_add(plan=plan, by=world.mentor, body="KPI?", section="general")
    comment_add(plan=plan, by=world.mentor, body="Anggaran?", section="vision", blocking=True)
    done = comment_add(plan=plan, by=world.mentor, body="Visi?", section="vision")
    done.status = "resolved"
    done.save()
    comment_add(plan=plan, by=world.other_mentor, body="Tata kelola?", section="governance")

    response = home(client, world.mentor)

    (row,) = response.context["assignments"]
    assert (row.own_open_comments, row.open_comments) == (2, 3)
    assert tasks_of(response)[0].facts == [
        "2 komentar Anda masih terbuka: periksa jawaban daerah lalu selesaikan."
    ]
    assert "dari 3" in response.text


def test_the_home_says_when_the_region_last_changed_its_plan(client, world):
    plan = light_plan(world, status=S.REVISION)
    changed = timezone.now() - datetime.timedelta(days=3)
    Plan.objects.filter(pk=plan.pk).update(updated_at=changed)

    response = home(client, world.mentor)

    row = re.search(r'<tr class="js-mentor-region.*?</tr>', response.text, re.S).group(0)
    assert date_format(timezone.localtime(changed)) in row and "Perlu revisi" in row
    assert "text-bg-warning plan-status" in row  # "needs revision" is amber, not grey


def test_another_mentors_plans_are_neither_listed_nor_tasks(client, world):
    theirs = light_plan(world, mentor=world.other_mentor, region=world.region)

    response = home(client, world.mentor)

    assert tasks_of(response) == []
    assert theirs.get_absolute_url() not in response.text
    assert "Kabupaten Sukoharjo" not in response.text


def test_an_ended_assignment_takes_its_plan_off_the_home(client, world):
    plan = light_plan(world)
    assignment = plan.candidate.mentor_assignments.get()
    assignment_end(assignment=assignment, by=world.staff, reason="Pindah tugas")

    response = home(client, world.mentor)

    assert tasks_of(response) == []
    assert plan.get_absolute_url() not in response.text


@pytest.mark.parametrize("n", [1, 6])
def test_the_mentor_home_runs_the_same_queries_for_any_number_of_regions(
    client, world, django_assert_num_queries, n
):
    for i in range(n):
        plan = light_plan(world, status=S.RESUBMITTED if i % 2 else S.SUBMITTED, days=i)
        assign(world, plan.candidate, world.other_mentor)
        comment_add(plan=plan, by=world.mentor, body="KPI?", section="general")
    light_plan(world, status=S.DRAFT)
    client.force_login(world.mentor)

    # 1. the session, 2. the user, 3. the mentor's active assignments with region, cohort,
    # plan and comment counts, 4. the co-mentors with their institution, 5. the user's
    # institution (page header).
    with django_assert_num_queries(5):
        response = client.get(reverse("mentor_home"))

    assert response.text.count("js-mentor-region") == n + 1
    assert len(tasks_of(response)) == n


def test_every_edit_by_the_region_moves_when_it_last_changed_the_plan(world):
    from masterplan.models import Dimension
    from masterplan.services.authoring import programme_delete, programme_save, strategies_save
    from tests.masterplan.helpers import add_programme, full_plan

    plan = full_plan(world)
    long_ago = timezone.now() - datetime.timedelta(days=30)

    def after(edit):
        Plan.objects.filter(pk=plan.pk).update(updated_at=long_ago)
        edit()
        return Plan.objects.get(pk=plan.pk).updated_at > long_ago

    dimension = Dimension.objects.first()
    assert after(
        lambda: strategies_save(plan=plan, by=world.official, texts={dimension.pk: "Baru"})
    )
    programme = add_programme(plan, dimension)
    values = {f: getattr(programme, f) for f in ("name", "dimension", "element", "start_year")}
    values |= {f: getattr(programme, f) for f in ("end_year", "agency", "kpi", "kpi_unit")}
    values |= {"kpi_baseline": 1, "kpi_target": 2, "funding_source": "apbd", "description": ""}
    assert after(
        lambda: programme_save(
            plan=plan,
            by=world.official,
            values=values,
            budgets={plan.start_year: 1_000_000},
            programme=programme,
        )
    )
    assert after(lambda: programme_delete(plan=plan, by=world.official, programme=programme))
