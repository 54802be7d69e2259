"""The assessor's home starts with the sheets still to score, each a link to its sheet, and the
next session; only their own panels' seats."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import AssessmentSession, Questionnaire, ScoreSheet
from assessment.services.rubric import rubric_for_cohort
from assessment.services.scoring import sheet_for_seat, sheet_save
from candidates.models import Candidate
from tests.assessment.url_expectations_scoring import (
    another_assessor,
    candidate_of,
    score_all,
    seat_for,
)
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

NOTHING = "Tidak ada lembar nilai yang menunggu Anda saat ini."


def home(client, user):
    client.force_login(user)
    return client.get(reverse("assessor_home"))


def tasks_of(response):
    return response.context["tasks"]


def session_in(world, days, *, room="Ruang Garuda", start=9):
    return AssessmentSession.objects.create(
        cohort=world.cohort,
        date=timezone.localdate() + timedelta(days=days),
        start=time(start),
        end=time(start + 1),
        room=room,
    )


def submitted(candidate):
    Questionnaire.objects.create(candidate=candidate, status=Questionnaire.Status.SUBMITTED)


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "partner"])
def test_the_assessor_home_is_for_assessors_only(client, world, role):
    assert home(client, getattr(world, role)).status_code == 403


def test_an_unscored_sheet_is_a_task_that_opens_the_sheet(client, world):
    seat = seat_for(world, session=session_in(world, 2))
    submitted(seat.candidate)

    response = home(client, world.assessor)

    (task,) = tasks_of(response)[:1]
    assert task.title == "Nilai Kabupaten Sukoharjo"
    assert task.url == reverse("scoring_sheet", args=[seat.candidate_id])
    assert (task.action, task.level) == ("Mulai menilai", "soon")
    assert "Ruang Garuda" in task.detail
    section = response.text.split('id="tasks"')[1].split("</section>")[0]
    assert f'href="{task.url}"' in section
    assert "Nyatakan konflik kepentingan" in response.text  # how to declare a conflict


def test_a_partly_scored_sheet_says_how_far_it_is(client, world):
    seat = seat_for(world)
    submitted(seat.candidate)
    criteria = list(rubric_for_cohort(cohort=world.cohort).criteria.all())
    sheet_save(
        sheet=sheet_for_seat(seat=seat),
        values={c.pk: (3, "") for c in criteria[:5]},
        by=world.assessor,
    )

    (task,) = tasks_of(home(client, world.assessor))

    assert task.action == "Lanjutkan menilai"
    assert task.facts == [f"5 dari {len(criteria)} kriteria sudah dinilai."]
    assert task.level == "todo"  # no session yet


def test_a_sheet_whose_session_has_passed_or_that_was_reopened_is_urgent(client, world):
    past = seat_for(world, session=session_in(world, -1))
    submitted(past.candidate)
    reopened = seat_for(
        world, candidate=candidate_of(world, region=RegionFactory(name="Kabupaten Dibuka"))
    )
    submitted(reopened.candidate)
    sheet = score_all(reopened, submit=True)
    ScoreSheet.objects.filter(pk=sheet.pk).update(
        status=ScoreSheet.Status.DRAFT, reopened_reason="Nilai C3 tertukar dengan C4."
    )

    tasks = tasks_of(home(client, world.assessor))

    assert [t.level for t in tasks] == ["urgent", "urgent"]
    reopened_task = next(t for t in tasks if t.quote)
    assert reopened_task.quote == "Nilai C3 tertukar dengan C4."
    assert reopened_task.title.startswith("Perbaiki lembar nilai")


def test_submitted_and_decided_sheets_are_no_tasks(client, world):
    done = seat_for(world)
    submitted(done.candidate)
    score_all(done, submit=True)
    decided = seat_for(world, candidate=candidate_of(world, region=world.other_region))
    Candidate.objects.filter(pk=decided.candidate_id).update(status=Candidate.Status.SELECTED)

    response = home(client, world.assessor)

    assert tasks_of(response) == []
    assert NOTHING in response.text
    assert response.text.count("js-seat") == 2


def test_the_next_session_is_named_with_who_presents(client, world):
    session = session_in(world, 3, room="Ruang Kenari")
    first = seat_for(world, session=session)
    second = seat_for(
        world, candidate=candidate_of(world, region=world.other_region), session=session
    )
    for seat in (first, second):
        submitted(seat.candidate)
        score_all(seat, submit=True)
    seat_for(
        world,
        candidate=candidate_of(world, region=RegionFactory()),
        session=session_in(world, 9, room="Ruang Lain"),
    )

    tasks = tasks_of(home(client, world.assessor))

    info = [t for t in tasks if t.level == "info"]
    assert len(info) == 1
    assert "Ruang Kenari" in info[0].title
    assert info[0].detail == "Presentasi: Kota Bandung, Kabupaten Sukoharjo."  # by region code
    assert info[0].due.date() == session.date


def test_a_questionnaire_not_handed_in_is_said(client, world):
    seat_for(world)

    (task,) = tasks_of(home(client, world.assessor))

    assert any("belum diajukan" in fact for fact in task.facts)


def test_another_assessors_seats_are_neither_tasks_nor_listed(client, world):
    other = another_assessor()
    seat_for(world, assessor=other, session=session_in(world, 1))

    response = home(client, world.assessor)

    assert tasks_of(response) == []
    assert "Kabupaten Sukoharjo" not in response.text
    assert reverse("scoring_sheet", args=[candidate_of(world).pk]) not in response.text


def test_a_seat_on_the_assessors_home_region_is_never_shown(client, world):
    seat_for(world)
    world.assessor.home_region = world.region
    world.assessor.save()

    response = home(client, world.assessor)

    assert tasks_of(response) == [] and "Kabupaten Sukoharjo" not in response.text


@pytest.mark.parametrize("n", [1, 6])
def test_the_assessor_home_runs_the_same_queries_however_many_sheets_wait(
    client, world, django_assert_num_queries, n
):
    session = session_in(world, 1)
    for i in range(n):
        seat = seat_for(
            world, candidate=candidate_of(world, region=RegionFactory()), session=session
        )
        submitted(seat.candidate)
        if i % 2:
            score_all(seat)
    client.force_login(world.assessor)

    # 1. the session, 2. the user, 3. the seats with candidate, region, cohort, questionnaire,
    # session and sheet and their scored and criteria counts, 4. the user's institution (page
    # header), 5. the cohorts in assessment.
    with django_assert_num_queries(5):
        response = client.get(reverse("assessor_home"))

    assert len(tasks_of(response)) == n + 1  # every sheet, and the next session


def test_the_session_date_uses_the_portals_date_format(client, world):
    AssessmentSession.objects.filter().delete()
    seat = seat_for(
        world,
        session=AssessmentSession.objects.create(
            cohort=world.cohort, date=date(2018, 3, 6), start=time(9), end=time(10)
        ),
    )
    submitted(seat.candidate)

    (task,) = tasks_of(home(client, world.assessor))

    assert task.detail == "Sesi presentasi: 6 Mar 2018, 09.00–10.00, Pustiknas, Ciputat."
