"""The yearly evaluation end to end: Kabupaten Sukoharjo's official fills and submits the
self-assessment on a phone, staff import the user survey, two evaluators score (one
indicator two points apart), one of them reconciles it with a reason and submits the panel,
staff publish the cycle, and the official reads the region's report."""

import pytest
from playwright.sync_api import expect

from evaluation.models import Cycle, Result
from evaluation.models_review import Panel
from evaluation.panels import panel_create, panel_seat_add
from evaluation.services import cycle_move
from tests.browser.pages import PHONE, assert_accessible, fits_width
from tests.evaluation.builders_review import SELF_CODES, evaluator, open_cycle
from tests.factories import CohortFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# The region's own levels; evaluator-b differs by two on OUT-1 (the disagreement).
REGION = {"BAS-1": 2, "OUT-1": 3, "OUT-2": 2, "OTC-1": 2, "IMP-1": 2, "QW-1": 3}
EVALUATOR_A = dict(REGION)
EVALUATOR_B = REGION | {"OUT-1": 1}


@pytest.fixture
def evaluation_world(transactional_db, private_root):
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    other = RegionFactory(code="32.73", name="Kota Bandung", city=True)
    world = type(
        "W", (), {"region": region, "other_region": other, "cohort": CohortFactory(year=2018)}
    )
    UserFactory(username="pemda-3311", official=True, region=region)
    UserFactory(username="kominfo-uji", staff=True)
    cycle = open_cycle(world)
    return cycle, region


def fill_self_assessment(page):
    for code in SELF_CODES:
        card = page.locator(f"#ind-{code}")
        card.locator("summary").click()
        card.get_by_label(f"{REGION[code]} —", exact=False).first.check()
        card.get_by_label("Penjelasan").fill(f"Capaian {code} menurut laporan OPD.")
        if REGION[code] >= 3:
            card.get_by_label("Tautan bukti").fill(f"https://sukoharjokab.go.id/bukti/{code}")
        card.get_by_role("button", name=f"Simpan {code}").click()
        expect(page.locator(".alert-success").first).to_contain_text(f"Jawaban {code} disimpan")


def score_panel(page, panel, scores):
    page.goto("/evaluator/")
    page.get_by_role("link", name="Kabupaten Sukoharjo").first.click()
    for code, value in scores.items():
        page.get_by_label(f"Nilai {code}").select_option(str(value))
    page.get_by_role("button", name="Ajukan nilai").click()
    expect(page.locator("#main")).to_contain_text("Nilai Anda diajukan")


def test_region_submits_evaluators_score_and_reconcile_staff_publish_region_reads(
    open_page, evaluation_world
):
    cycle, region = evaluation_world

    # 1. The official, on a phone: the task on the home page, the form, the submission.
    official = open_page("pemda-3311", width=PHONE)
    official.wait_for_url("**/pemda/")
    official.get_by_role("link", name="Mulai mengisi").click()
    expect(official.locator("#main")).to_contain_text("0 dari 6 indikator sudah dinilai")
    fits_width(official)
    fill_self_assessment(official)
    expect(official.locator("#main")).to_contain_text("6 dari 6 indikator sudah dinilai")
    assert_accessible(official, within="main")
    official.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(official.locator("#self-assessment-status")).to_have_text("Diajukan")
    expect(official.get_by_role("button", name="Simpan BAS-1")).to_have_count(0)

    # Staff seat the panel (the admin's job, done here through the same service) and move the
    # cycle to verification; then import the survey on its page.
    staff = UserFactory(username="kominfo-uji")
    cycle_move(cycle=cycle, to=Cycle.Status.VERIFICATION)
    panel = panel_create(cycle=cycle, region=region, by=staff)
    for username in ("evaluator-a", "evaluator-b"):
        panel_seat_add(panel=panel, evaluator=evaluator(username), by=staff)

    kominfo = open_page("kominfo-uji")
    kominfo.goto(f"/evaluasi/{cycle.year}/verifikasi/")
    kominfo.get_by_role("link", name="Impor survei Kabupaten Sukoharjo").click()
    kominfo.get_by_label("Berkas survei (CSV)").set_input_files(
        files=[
            {
                "name": "survei.csv",
                "mimeType": "text/csv",
                "buffer": b"respondent_id,IMP-S1\nR1,4\nR2,5\nR3,3\nR4,4\n",
            }
        ]
    )
    kominfo.get_by_role("button", name="Impor survei").click()
    expect(kominfo.locator("#main")).to_contain_text("4 responden")

    # 2. Two evaluators score, each on their own; OUT-1 ends two points apart.
    score_panel(open_page("evaluator-a"), panel, EVALUATOR_A)
    second = open_page("evaluator-b")
    score_panel(second, panel, EVALUATOR_B)
    expect(second.locator("#row-OUT-1")).to_contain_text("berbeda > 1 poin")
    expect(second.locator("#panel-blockers")).to_contain_text("OUT-1 perlu nilai rekonsiliasi")

    # 3. Reconciliation with a reason, then the panel's result, frozen.
    form = second.get_by_role("form", name="Rekonsiliasi OUT-1")
    form.get_by_label("Nilai rekonsiliasi").select_option("2")
    form.get_by_label("Alasan").fill("Aplikasi baru dipakai dua OPD; belum seluruh daerah.")
    form.get_by_role("button", name="Simpan rekonsiliasi OUT-1").click()
    expect(second.locator("#main")).to_contain_text("Nilai rekonsiliasi OUT-1 dicatat")
    second.get_by_role("button", name="Ajukan hasil panel").click()
    expect(second.locator("#panel-status")).to_have_text("Hasil panel diajukan")
    assert_accessible(second, within="main")
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SUBMITTED
    result = Result.objects.get(cycle=cycle, region=region)
    # Finals: BAS 2, OUT-1 2 (reconciled), OUT-2 2, OTC 2, IMP-1 2 and the survey's 4, QW 3.
    assert str(result.output) == "2.000000" and str(result.impact) == "3.000000"

    # 4. Staff publish with the core's action.
    kominfo.goto(f"/evaluasi/{cycle.year}/")
    kominfo.get_by_role("button", name="Umumkan hasil").click()
    expect(kominfo.locator("#main")).to_contain_text("diumumkan")

    # 5. The official reads the region's report.
    official.goto(f"/evaluasi/{cycle.year}/{region.code}/")
    expect(official.locator("#main")).to_contain_text("Kabupaten Sukoharjo")
    expect(official.locator("#main")).to_contain_text(str(result.index_display).replace(".", ","))
    fits_width(official)
