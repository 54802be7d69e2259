"""The plan's decisions over HTTP: the ministry's approval form, its confirmation and its
record; each mentor's endorsement and what the plan still waits for; the enactment form that
comes back in the portal's layout. Each for the right person, the wrong role, the wrong region
and a double click."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan.models import Plan, PlanEndorsement, PlanEvent
from masterplan.services.workflow import plan_endorse, plan_move, plan_submit
from smartcity.idempotency import new_post_token
from tests.factories import UserFactory
from tests.masterplan.helpers import LETTER_NUMBER, assign, full_plan
from tests.masterplan.url_expectations_workflow import approved_plan

pytestmark = pytest.mark.django_db

S = Plan.Status


def status_of(plan):
    return Plan.objects.get(pk=plan.pk).status


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def in_layout(html: str) -> bool:
    """The page is the portal's: its navigation and main column around the content."""
    return 'class="navbar' in html and '<main id="main"' in html


@pytest.fixture
def endorsed(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    return plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)


def approve_url(plan):
    return reverse("plan_approve", args=[plan.pk])


def letter(plan, **kw):
    return {
        "letter_number": LETTER_NUMBER,
        "letter_date": timezone.localdate().isoformat(),
        "version": plan.version_count,
        **kw,
    }


# --- approval -------------------------------------------------------------------------------


def test_the_plan_page_leads_staff_to_the_approval_form(client, world, endorsed):
    client.force_login(world.staff)
    page = client.get(endorsed.get_absolute_url()).content.decode()
    assert f'href="{approve_url(endorsed)}"' in page

    form = client.get(approve_url(endorsed))

    html = form.content.decode()
    assert form.status_code == 200 and in_layout(html)
    assert 'name="letter_number"' in html and 'type="date"' in html and 'name="letter_date"' in html


def test_a_valid_letter_is_confirmed_first_saying_what_will_change(client, world, endorsed):
    client.force_login(world.staff)
    response = client.post(approve_url(endorsed), letter(endorsed))

    html = response.content.decode()
    assert response.status_code == 200 and in_layout(html)
    assert "Konfirmasi pengesahan" in html and 'id="approve-changes"' in html
    assert LETTER_NUMBER in html and timezone.localdate().strftime("%Y") in html
    assert "Disahkan Kominfo" in html and "tanpa tanda DRAF" in html
    assert 'name="confirm"' in html and 'name="post_token"' in html
    assert status_of(endorsed) == S.ENDORSED


def test_editing_from_the_confirmation_keeps_what_was_typed(client, world, endorsed):
    client.force_login(world.staff)
    response = client.post(approve_url(endorsed), letter(endorsed, edit="1"))
    html = response.content.decode()
    assert 'name="letter_number"' in html and f'value="{LETTER_NUMBER}"' in html
    assert status_of(endorsed) == S.ENDORSED


def test_confirming_approves_and_the_letter_shows_on_the_plan_and_in_its_history(
    client, world, endorsed
):
    client.force_login(world.staff)
    response = client.post(approve_url(endorsed), letter(endorsed, confirm="1"), follow=True)

    assert status_of(endorsed) == S.APPROVED
    assert f"Masterplan disahkan dengan surat nomor {LETTER_NUMBER}." in messages_of(response)
    client.force_login(world.official)
    page = client.get(endorsed.get_absolute_url()).content.decode()
    today = timezone.localdate()
    shown = f"Disahkan Kominfo dengan surat nomor {LETTER_NUMBER} tanggal"
    assert 'id="plan-approval-letter"' in page and shown in page
    history = page[page.index('id="plan-history"') :]
    assert f"Surat pengesahan nomor {LETTER_NUMBER}" in history
    assert str(today.day) in history


@pytest.mark.parametrize(
    ("days", "error"),
    [(1, "tidak boleh setelah hari ini"), (-400, "tidak boleh sebelum masterplan versi 1")],
)
def test_a_letter_date_in_the_future_or_before_the_submission_is_refused_in_the_form(
    client, world, endorsed, days, error
):
    client.force_login(world.staff)
    day = timezone.localdate() + datetime.timedelta(days=days)
    response = client.post(approve_url(endorsed), letter(endorsed, letter_date=day.isoformat()))

    html = response.content.decode()
    assert response.status_code == 400 and in_layout(html)
    assert error in html and "is-invalid" in html
    assert f'value="{LETTER_NUMBER}"' in html  # nothing typed is lost
    assert status_of(endorsed) == S.ENDORSED


def test_a_date_that_is_not_a_date_is_refused_clearly(client, world, endorsed):
    client.force_login(world.staff)
    response = client.post(approve_url(endorsed), letter(endorsed, letter_date="kemarin"))
    assert response.status_code == 400
    assert "Isi tanggal yang sah, misalnya 2026-12-07." in response.content.decode()


def test_a_confirmation_replayed_approves_once(client, world, endorsed):
    client.force_login(world.staff)
    data = letter(endorsed, confirm="1", post_token=new_post_token())
    first = client.post(approve_url(endorsed), data)
    second = client.post(approve_url(endorsed), data, follow=True)

    assert first.status_code == 302
    assert "Pengesahan masterplan ini sudah tercatat." in messages_of(second)
    assert PlanEvent.objects.filter(plan=endorsed, new=S.APPROVED).count() == 1


def test_a_version_resubmitted_since_the_form_was_opened_is_not_approved(client, world, endorsed):
    client.force_login(world.staff)
    response = client.post(approve_url(endorsed), letter(endorsed, version=0, confirm="1"))
    assert response.status_code == 400 and "telah berubah" in response.content.decode()
    assert status_of(endorsed) == S.ENDORSED


@pytest.mark.parametrize("who", ["official", "mentor", "partner", "assessor"])
def test_other_roles_cannot_open_or_post_the_approval(client, world, endorsed, who):
    client.force_login(getattr(world, who))
    assert client.get(approve_url(endorsed)).status_code == 403
    assert client.post(approve_url(endorsed), letter(endorsed, confirm="1")).status_code == 403
    assert status_of(endorsed) == S.ENDORSED


def test_a_plan_not_endorsed_shows_why_it_cannot_be_approved(client, world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    client.force_login(world.staff)
    html = client.get(approve_url(plan)).content.decode()
    assert 'id="approve-refused"' in html and 'name="letter_number"' not in html


# --- endorsement ----------------------------------------------------------------------------


@pytest.fixture
def second_mentor(world):
    return UserFactory(username="mentor-c", mentor=True, first_name="Sari", last_name="Dewi")


@pytest.fixture
def team_plan(world, second_mentor):
    plan = full_plan(world)
    assign(world, plan.candidate, second_mentor)
    return plan_submit(plan=plan, by=world.official)


def endorse(client, user, plan, **data):
    client.force_login(user)
    return client.post(reverse("plan_endorse", args=[plan.pk]), data, follow=True)


def test_the_first_of_two_mentors_is_told_whom_the_plan_waits_for(client, world, team_plan):
    client.force_login(world.mentor)
    before = client.get(team_plan.get_absolute_url()).content.decode()
    assert "Setujui versi 1" in before and "Setujui dan teruskan ke Kominfo" not in before

    response = endorse(client, world.mentor, team_plan, version="1")

    assert status_of(team_plan) == S.SUBMITTED
    assert messages_of(response) == [
        "Persetujuan Anda untuk versi 1 tercatat. Menunggu persetujuan mentor kedua: Sari Dewi."
    ]
    html = response.content.decode()
    assert 'id="endorse-waiting"' in html and 'data-move="endorse"' not in html


def test_the_second_mentor_sends_the_plan_on_and_the_region_saw_who_endorsed(
    client, world, team_plan, second_mentor
):
    plan_endorse(plan=team_plan, by=world.mentor)
    client.force_login(world.official)
    official_sees = client.get(team_plan.get_absolute_url()).content.decode()
    assert 'id="plan-endorsements"' in official_sees
    assert official_sees.count('data-endorsed="1"') == 1
    assert official_sees.count('data-endorsed="0"') == 1

    client.force_login(second_mentor)
    page = client.get(team_plan.get_absolute_url()).content.decode()
    assert "Setujui dan teruskan ke Kominfo" in page
    response = endorse(client, second_mentor, team_plan, version="1")

    assert status_of(team_plan) == S.ENDORSED
    assert "Masterplan disetujui dan diteruskan ke Kominfo." in messages_of(response)
    history = response.content.decode()
    assert history.count('data-history="endorsement"') == 2


def test_the_review_queue_no_longer_says_a_plan_waits_for_the_mentor_who_endorsed_it(
    client, world, team_plan
):
    client.force_login(world.mentor)
    before = client.get(reverse("review_queue")).text
    assert 'data-waiting="1"' in before and "data-endorsed-by-me" not in before

    plan_endorse(plan=team_plan, by=world.mentor)

    after = client.get(reverse("review_queue")).text
    assert 'data-waiting="1"' not in after and 'data-endorsed-by-me="1"' in after


def test_the_mentors_home_drops_the_review_task_once_they_endorsed_and_says_whom_it_waits_for(
    client, world, team_plan
):
    client.force_login(world.mentor)
    before = client.get(reverse("mentor_home"))
    assert len(before.context["tasks"]) == 1

    plan_endorse(plan=team_plan, by=world.mentor)

    after = client.get(reverse("mentor_home"))
    assert after.context["tasks"] == []
    assert 'data-endorsed-by-me="1"' in after.text
    client.force_login(UserFactory(username="mentor-c"))  # the second mentor still has it
    assert len(client.get(reverse("mentor_home")).context["tasks"]) == 1


def test_a_double_click_on_endorse_records_once(client, world, team_plan):
    data = {"version": "1", "post_token": new_post_token()}
    endorse(client, world.mentor, team_plan, **data)
    second = endorse(client, world.mentor, team_plan, **data)
    assert "Persetujuan Anda sudah tercatat." in messages_of(second)
    assert PlanEndorsement.objects.count() == 1


def test_endorsing_again_without_a_token_says_what_is_missing(client, world, team_plan):
    endorse(client, world.mentor, team_plan, version="1")
    again = endorse(client, world.mentor, team_plan, version="1")
    assert any("sudah menyetujui versi 1" in m and "Sari Dewi" in m for m in messages_of(again))
    assert PlanEndorsement.objects.count() == 1


def test_endorsing_a_version_resubmitted_meanwhile_is_refused(
    client, world, team_plan, second_mentor
):
    plan = plan_move(plan=team_plan, to=S.REVISION, by=second_mentor, note="KPI.")
    plan_submit(plan=plan, by=world.official)
    response = endorse(client, world.mentor, team_plan, version="1")
    assert any("diajukan ulang (versi 2)" in m for m in messages_of(response))
    assert not PlanEndorsement.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("official", 403), ("staff", 403), ("partner", 403)])
def test_other_roles_cannot_endorse(client, world, team_plan, who, status):
    client.force_login(getattr(world, who))
    assert client.post(reverse("plan_endorse", args=[team_plan.pk])).status_code == status
    assert not PlanEndorsement.objects.exists()


def test_a_mentor_of_another_region_is_told_the_plan_does_not_exist(client, world, team_plan):
    client.force_login(world.other_mentor)
    assert client.post(reverse("plan_endorse", args=[team_plan.pk])).status_code == 404
    assert not PlanEndorsement.objects.exists()


# --- enactment: a refused form comes back in the portal's layout ----------------------------


def test_an_incomplete_enactment_comes_back_styled_with_its_errors_and_what_was_typed(
    client, world
):
    plan = approved_plan(world)
    client.force_login(world.official)
    response = client.post(
        reverse("plan_enact", args=[plan.pk]),
        {"regulation_type": "perbup", "number": "12 Tahun 2019", "date": ""},
    )

    html = response.content.decode()
    assert response.status_code == 400 and in_layout(html)
    assert "Isi tanggal regulasi." in html and "Unggah dokumen regulasi (PDF)." in html
    assert html.count("is-invalid") >= 2 and 'class="form-control' in html
    assert 'value="12 Tahun 2019"' in html
    assert status_of(plan) == S.APPROVED


def test_an_enactment_refused_by_the_workflow_is_explained_in_the_layout(client, world, endorsed):
    client.force_login(world.official)
    response = client.get(reverse("plan_enact", args=[endorsed.pk]))
    html = response.content.decode()
    assert in_layout(html) and 'id="enact-refused"' in html


def test_the_enactment_by_the_wrong_region_or_role_is_refused(client, world):
    plan = approved_plan(world)
    client.force_login(world.other_official)
    assert client.get(reverse("plan_enact", args=[plan.pk])).status_code == 404
    client.force_login(world.mentor)
    forbidden = client.get(reverse("plan_enact", args=[plan.pk]))
    assert forbidden.status_code == 403 and in_layout(forbidden.content.decode())
