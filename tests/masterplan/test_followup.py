"""Quick-win follow-up: the timeline's expectation, when a quick win lags, who reports progress."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from masterplan.models import Plan, QuickWinUpdate
from masterplan.services.followup import (
    FollowupError,
    add_months,
    expected_percent,
    lag,
    quick_win_table_rows,
    quick_win_update_post,
    quick_wins_visible_to,
)
from masterplan.services.workflow import plan_move, plan_submit
from tests.factories import CohortFactory, RegionFactory
from tests.masterplan.helpers import full_plan
from tests.masterplan.url_expectations_followup import (
    approved_plan,
    first_quick_win,
    post_update,
)
from tests.partners.url_expectations_mou import make_pdf

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
JAN_1 = date(2024, 1, 1)  # + 6 months = 1 July 2024, 182 days later


# --- expected percent ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 12, 1), 0),  # not started yet
        (JAN_1, 0),  # the first day
        (date(2024, 1, 2), 0),  # 1/182 rounds down
        (date(2024, 4, 1), 50),  # 91 of 182 days
        (date(2024, 6, 30), 99),  # the last day before the end is still not done
        (date(2024, 7, 1), 100),  # the end
        (date(2025, 3, 1), 100),  # long past
    ],
)
def test_the_expected_percent_follows_the_calendar_linearly(today, expected):
    assert expected_percent(JAN_1, 6, today) == expected


def test_a_timeline_from_the_end_of_a_month_ends_on_the_last_day_of_a_shorter_month():
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 5, 15), 12) == date(2025, 5, 15)
    assert expected_percent(date(2024, 8, 31), 6, date(2025, 2, 28)) == 100


# --- lag ---------------------------------------------------------------------------------------


def judge(today, percent=None, status=None):
    return lag(start=JAN_1, months=6, today=today, percent=percent, status=status)


def test_a_quick_win_without_updates_lags_from_the_sixtieth_day():
    assert not judge(JAN_1 + timedelta(days=59)).lagging
    sixtieth = judge(JAN_1 + timedelta(days=60))
    assert sixtieth.lagging
    assert sixtieth.reason == "Belum ada laporan progres 60 hari setelah mulai."


def test_a_quick_win_that_has_not_started_does_not_lag():
    judged = judge(date(2023, 6, 1))
    assert (judged.expected, judged.lagging) == (0, False)


def test_fifteen_points_behind_is_tolerated_and_sixteen_is_not():
    on_april_1 = date(2024, 4, 1)  # expected 50
    assert not judge(on_april_1, percent=35, status="on_track").lagging
    judged = judge(on_april_1, percent=34, status="on_track")
    assert judged.lagging
    assert judged.reasons == ("Progres 34% di bawah target 50% menurut jadwal.",)


def test_ahead_of_schedule_does_not_lag():
    assert not judge(date(2024, 4, 1), percent=90, status="on_track").lagging


@pytest.mark.parametrize(("status", "label"), [("late", "Terlambat"), ("blocked", "Terhambat")])
def test_a_late_or_blocked_status_lags_whatever_the_percent(status, label):
    judged = judge(date(2024, 2, 1), percent=100, status=status)
    assert judged.reasons == (f"Status terakhir: {label}.",)


def test_every_reason_is_given_when_several_apply():
    judged = judge(date(2024, 6, 1), percent=10, status="blocked")
    assert len(judged.reasons) == 2
    assert "di bawah target" in judged.reason and "Terhambat" in judged.reason


# --- posting -----------------------------------------------------------------------------------


@pytest.fixture
def plan(world):
    return approved_plan(world)


@pytest.fixture
def quick_win(plan):
    return first_quick_win(plan)


@pytest.mark.django_db
def test_the_regions_official_posts_progress_with_evidence(world, quick_win, private_root):
    pdf = make_pdf()
    update = post_update(
        world,
        quick_win,
        percent=40,
        status="late",
        evidence=SimpleUploadedFile("C:\\Laporan\\bukti progres.pdf", pdf),
    )
    update.refresh_from_db()
    assert (update.percent, update.status, update.created_by) == (40, "late", world.official)
    assert update.note == "Uji coba layanan berjalan."
    assert update.evidence_name == "bukti progres.pdf"
    assert update.evidence.startswith(f"masterplan/quickwin/{quick_win.pk}/")
    assert update.evidence.endswith(".pdf") and "bukti" not in update.evidence
    assert (private_root / update.evidence).read_bytes() == pdf
    assert len(update.evidence_sha256) == 64


@pytest.mark.django_db
def test_an_image_is_accepted_as_evidence(world, quick_win, private_root):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    update = post_update(
        world, quick_win, evidence=SimpleUploadedFile("foto.png", buffer.getvalue())
    )
    assert update.evidence.endswith(".png")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_official", "mentor", "other_mentor", "staff", "partner"])
def test_only_the_regions_official_posts_progress(world, quick_win, who):
    with pytest.raises(FollowupError, match="Hanya pejabat daerah ini"):
        quick_win_update_post(
            programme=quick_win, by=getattr(world, who), percent=10, status="on_track"
        )
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.django_db
def test_a_programme_that_is_not_a_quick_win_takes_no_progress(world, plan):
    programme = plan.programmes.filter(is_quick_win=False).first()
    with pytest.raises(FollowupError, match="bukan quick win"):
        post_update(world, programme)
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("stage", ["draft", "submitted", "endorsed"])
def test_progress_waits_for_the_ministrys_approval(world, stage):
    plan = full_plan(world)
    if stage != "draft":
        plan = plan_submit(plan=plan, by=world.official)
    if stage == "endorsed":
        plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)
    with pytest.raises(FollowupError, match="setelah masterplan disahkan"):
        post_update(world, first_quick_win(plan))
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.django_db
def test_an_enacted_plans_quick_wins_still_take_progress(world, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ENACTED)
    assert post_update(world, first_quick_win(plan), percent=100).percent == 100


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("percent", "status", "field"),
    [
        (101, "on_track", "percent"),
        (-1, "on_track", "percent"),
        ("40", "on_track", "percent"),
        (40, "done", "status"),
    ],
)
def test_bad_values_are_refused_by_field(world, quick_win, percent, status, field):
    with pytest.raises(ValidationError) as caught:
        post_update(world, quick_win, percent=percent, status=status)
    assert set(caught.value.message_dict) == {field}
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.django_db
def test_a_renamed_executable_is_refused_as_evidence(world, quick_win, private_root):
    with pytest.raises(ValidationError) as caught:
        post_update(world, quick_win, evidence=SimpleUploadedFile("bukti.pdf", EXE))
    assert caught.value.message_dict["evidence"] == [
        "Berkas bukan PDF atau gambar (JPEG/PNG) yang sah."
    ]
    assert not QuickWinUpdate.objects.exists()
    assert not private_root.exists() or not any(private_root.rglob("*.*"))


@pytest.mark.django_db
def test_evidence_over_ten_megabytes_is_refused(world, quick_win, private_root):
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError, match="terlalu besar"):
        post_update(world, quick_win, evidence=SimpleUploadedFile("besar.pdf", big))
    assert not QuickWinUpdate.objects.exists()


# --- who follows which quick win ---------------------------------------------------------------


@pytest.mark.django_db
def test_each_role_follows_its_own_quick_wins(world, plan):
    ours = set(plan.programmes.filter(is_quick_win=True).values_list("pk", flat=True))
    theirs_plan = approved_plan(
        world, region=world.other_region, official=world.other_official, mentor=world.other_mentor
    )
    theirs = set(theirs_plan.programmes.filter(is_quick_win=True).values_list("pk", flat=True))
    full_plan(world, region=RegionFactory(code="35.78"))  # a draft: nobody follows it yet

    def seen(who):
        return set(quick_wins_visible_to(getattr(world, who)).values_list("pk", flat=True))

    assert len(ours) == len(theirs) == 3
    assert seen("staff") == ours | theirs
    assert seen("official") == ours
    assert seen("other_official") == theirs
    assert seen("mentor") == ours
    assert seen("other_mentor") == theirs
    assert seen("partner") == seen("assessor") == set()


# --- the table's reads -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_timeline_starts_at_approval_unless_the_quick_win_has_its_own_start(world, plan):
    own_start = date(2019, 3, 1)
    quick_wins = list(plan.programmes.filter(is_quick_win=True))
    quick_wins[0].quick_win_start = own_start
    quick_wins[0].save()

    rows = {r.programme.pk: r for r in quick_win_table_rows(world.staff)}

    assert rows[quick_wins[0].pk].start == own_start
    assert rows[quick_wins[0].pk].end == date(2019, 12, 1)  # nine months
    assert rows[quick_wins[1].pk].start == timezone.localdate(plan.approved_at)


@pytest.mark.django_db
def test_the_table_reads_the_latest_update_and_filters_lagging_and_cohort(world, plan):
    quick_wins = list(plan.programmes.filter(is_quick_win=True).select_related("plan__candidate"))
    for p in quick_wins:
        p.quick_win_start = date(2024, 1, 1)
        p.quick_win_months = 6
        p.save()
    post_update(world, quick_wins[0], percent=10, status="on_track")
    post_update(world, quick_wins[0], percent=60, status="on_track")  # caught up
    post_update(world, quick_wins[1], percent=60, status="blocked")
    # quick_wins[2] never reported
    other_cohort = approved_plan(world, region=world.other_region, official=world.other_official)
    other_cohort.candidate.cohort = CohortFactory(year=2019)
    other_cohort.candidate.save()

    rows = quick_win_table_rows(world.staff, today=date(2024, 4, 1), cohort_year=2018)

    assert [r.programme.pk for r in rows] == [p.pk for p in quick_wins]
    assert [(r.latest_percent, r.latest_status, r.expected) for r in rows] == [
        (60, "on_track", 50),
        (60, "blocked", 50),
        (None, None, 50),
    ]
    assert [r.lag.lagging for r in rows] == [False, True, True]
    lagging = quick_win_table_rows(
        world.staff, today=date(2024, 4, 1), cohort_year=2018, lagging_only=True
    )
    assert [r.programme.pk for r in lagging] == [quick_wins[1].pk, quick_wins[2].pk]
    assert len(quick_win_table_rows(world.staff, cohort_year=2019)) == 3
