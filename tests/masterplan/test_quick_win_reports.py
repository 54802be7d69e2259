"""A quick-win progress report is a new report: the form starts empty with the last report shown
beside it, and a report identical to the last one is refused rather than stored twice."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from masterplan.models import QuickWinUpdate
from masterplan.services.followup import quick_win_update_post
from smartcity.idempotency import new_post_token
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win, post_update
from tests.partners.url_expectations_mou import make_pdf

pytestmark = pytest.mark.django_db

NOTE = "Uji coba layanan berjalan."


@pytest.fixture
def quick_win(world):
    programme = first_quick_win(approved_plan(world))
    programme.quick_win_start = timezone.localdate() - timedelta(days=30)
    programme.save()
    return programme


def progress_url(programme):
    return reverse("quick_win_progress", args=[programme.plan_id, programme.pk])


def report(world, programme, **kw):
    values = {"percent": 40, "status": "on_track", "note": NOTE, "evidence": None, **kw}
    return quick_win_update_post(programme=programme, by=world.official, **values)


# --- the service ----------------------------------------------------------------------------


def test_a_report_identical_to_the_last_one_is_refused_and_says_so(world, quick_win):
    report(world, quick_win)
    with pytest.raises(ValidationError) as caught:
        report(world, quick_win, note=f"  {NOTE} ")
    message = caught.value.messages[0]
    assert caught.value.code == "duplicate"
    assert message.startswith("Laporan ini sama dengan laporan terakhir (")
    assert "40%, Sesuai jadwal" in message and "Ubah persen, status atau catatan" in message
    assert QuickWinUpdate.objects.count() == 1


@pytest.mark.parametrize(
    "change", [{"percent": 45}, {"status": "late"}, {"note": "Pengadaan selesai."}]
)
def test_a_report_that_changes_anything_is_stored(world, quick_win, change):
    report(world, quick_win)
    report(world, quick_win, **change)
    assert QuickWinUpdate.objects.count() == 2


def test_new_evidence_makes_the_same_figures_a_new_report(world, quick_win, private_root):
    report(world, quick_win)
    report(world, quick_win, evidence=SimpleUploadedFile("bukti.pdf", make_pdf()))
    assert QuickWinUpdate.objects.count() == 2


def test_the_same_figures_as_an_older_report_are_fine_when_the_last_one_differs(world, quick_win):
    report(world, quick_win, percent=40)
    report(world, quick_win, percent=40, status="blocked")
    report(world, quick_win, percent=40)  # back on track: the last report said blocked
    assert QuickWinUpdate.objects.count() == 3


# --- the page -------------------------------------------------------------------------------


def test_the_form_starts_empty_with_the_last_report_beside_it(client, world, quick_win):
    official = world.official
    official.first_name, official.last_name = "Rina", "Wulandari"
    official.save()
    post_update(world, quick_win, percent=40, note="Aplikasi diuji di dua kecamatan.")
    client.force_login(official)

    html = client.get(progress_url(quick_win)).text

    form = html[html.index('id="quick-win-report"') :]
    form = form[: form.index("</form>")]
    assert 'name="percent"' in form and 'value="40"' not in form
    assert '<option value="" selected>' in form
    last = html[html.index('id="quick-win-last-report"') :]
    last = last[: last.index("</aside>")]
    assert "40%" in last and "Sesuai jadwal" in last
    assert "Aplikasi diuji di dua kecamatan." in last and "oleh Rina Wulandari" in last
    assert timezone.localdate().strftime("%Y") in last


def test_the_first_report_says_there_is_none_before_it(client, world, quick_win):
    client.force_login(world.official)
    html = client.get(progress_url(quick_win)).text
    assert "Belum ada laporan; ini laporan pertama." in html


def test_a_saved_report_says_so(client, world, quick_win):
    client.force_login(world.official)
    data = {"percent": 55, "status": "on_track", "note": NOTE}
    response = client.post(progress_url(quick_win), data, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Progres quick win tersimpan."]


def test_posting_the_last_report_again_is_refused_on_the_form_with_the_values_kept(
    client, world, quick_win
):
    post_update(world, quick_win, percent=40, note=NOTE)
    client.force_login(world.official)

    response = client.post(
        progress_url(quick_win), {"percent": 40, "status": "on_track", "note": NOTE}
    )

    assert response.status_code == 400
    assert "Laporan ini sama dengan laporan terakhir" in response.text
    assert 'value="40"' in response.text and NOTE in response.text
    assert QuickWinUpdate.objects.count() == 1


def test_a_double_click_stores_one_report(client, world, quick_win):
    client.force_login(world.official)
    data = {"percent": 55, "status": "on_track", "note": NOTE, "post_token": new_post_token()}
    assert client.post(progress_url(quick_win), data).status_code == 302
    assert client.post(progress_url(quick_win), data).status_code == 302
    assert QuickWinUpdate.objects.count() == 1


def test_the_history_and_the_staff_table_carry_a_label_per_cell_for_phones(
    client, world, quick_win
):
    post_update(world, quick_win, percent=40)
    client.force_login(world.official)
    history = client.get(progress_url(quick_win)).text
    assert 'class="table table-sm align-middle table-cards"' in history
    assert 'data-label="Status"' in history
    client.force_login(world.staff)
    table = client.get(reverse("quick_win_table")).text
    assert "table-cards" in table and table.count('data-label="Wilayah"') == 3
