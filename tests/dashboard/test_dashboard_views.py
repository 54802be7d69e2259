"""The staff home is the national dashboard: only ministry staff open it; every figure links to
the list of regions behind it, and the figure, the list and its CSV/XLSX export agree."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard.funnel import QuickWinState, Stage
from tests.dashboard.builders import Expected, build_cohort

pytestmark = pytest.mark.django_db

HOME = reverse("staff_home")
FIGURE = re.compile(r'<a href="([^"]+)" data-(stage|quick-win)="([a-z-]+)">([\d.]+)</a>')


def figures(html: str) -> dict[tuple[str, str], tuple[str, int]]:
    """(kind, slug) → (the list's URL, the figure) for every figure of the home page."""
    return {
        (kind, slug): (unescape(url), int(number.replace(".", "")))
        for url, kind, slug, number in FIGURE.findall(html)
    }


def listed(html: str) -> int:
    return int(re.search(r'id="list-count">([\d.]+)<', html).group(1).replace(".", ""))


def export_rows(client, url: str, fmt: str) -> list[list]:
    path, _, query = url.partition("?")
    export = path + f"ekspor.{fmt}" + (f"?{query}" if query else "")
    response = client.get(export)
    assert response.status_code == 200, export
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.staff)
    return client


def test_the_staff_home_is_the_dashboard(staff_client, world):
    build_cohort(world.staff)
    response = staff_client.get(HOME)
    assert response.status_code == 200
    found = figures(response.text)
    e = Expected()
    assert found["stage", Stage.INVITED][1] == e.invited
    assert found["stage", Stage.SELECTED][1] == e.selected
    assert found["stage", Stage.MOU][1] == e.mou
    assert found["quick-win", QuickWinState.LAGGING][1] == 1


@pytest.mark.parametrize("role", ["official", "mentor", "assessor", "partner"])
def test_other_roles_are_refused_the_dashboard_and_its_lists(client, world, role):
    client.force_login(world.user(role))
    for url in (
        HOME,
        reverse("dashboard_stage", args=["terpilih"]),
        reverse("dashboard_stage_export", args=["terpilih", "csv"]),
        reverse("dashboard_quick_wins", args=["selesai"]),
        reverse("dashboard_table", args=["tahapan", "xlsx"]),
        reverse("dashboard_pemerataan"),
        reverse("dashboard_money"),
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "query", ["", "?angkatan=2018", "?provinsi=33", "?angkatan=2018&provinsi=73"]
)
def test_every_figure_its_list_and_its_exports_agree(staff_client, world, query):
    build_cohort(world.staff)
    found = figures(staff_client.get(HOME + query).text)
    assert len(found) == len(Stage) + len(QuickWinState)
    for url, figure in found.values():
        page = staff_client.get(url)
        assert page.status_code == 200, url
        assert listed(page.text) == figure, (url, figure)
        assert page.text.count("<tr data-code=") == figure, url
        for fmt in ("csv", "xlsx"):
            assert len(export_rows(staff_client, url, fmt)) == figure, (url, fmt)


def test_a_list_names_its_regions_and_exports_them(staff_client, world):
    built = build_cohort(world.staff)
    url = reverse("dashboard_stage", args=["mou"]) + "?angkatan=2018"
    codes = sorted(c.region.code for c in built.signed)
    assert re.findall(r'data-code="([\d.]+)"', staff_client.get(url).text) == codes
    rows = export_rows(staff_client, url, "csv")
    assert [row[0] for row in rows] == codes
    assert {row[8] for row in rows} == {"participant"}  # status now
    assert {row[7] for row in rows} == {"2018"}  # the cohorts it reached the stage in
    xlsx = export_rows(staff_client, url, "xlsx")
    assert [row[0] for row in xlsx] == codes
    assert all(isinstance(row[6], int) for row in xlsx)  # population, a number in XLSX


def test_a_province_narrows_every_figure(staff_client, world):
    build_cohort(world.staff)
    jateng = figures(staff_client.get(HOME + "?provinsi=33").text)
    sulsel = figures(staff_client.get(HOME + "?provinsi=73").text)
    assert jateng["stage", Stage.INVITED][1] == 10
    assert sulsel["stage", Stage.INVITED][1] == 2
    assert sulsel["stage", Stage.SELECTED][1] == 0


def test_all_cohorts_have_a_column_each_that_links_to_the_cohort(staff_client, world):
    build_cohort(world.staff)
    column = '<th scope="col" class="text-end d-none d-md-table-cell">2018</th>'
    url = reverse("dashboard_stage", args=["terpilih"]) + "?angkatan=2018"
    cell = f'<a href="{url}" aria-label="Terpilih, angkatan 2018: 5">5</a>'
    html = staff_client.get(HOME).text
    assert column in html and cell in html
    one_cohort = staff_client.get(HOME + "?angkatan=2018").text
    assert column not in one_cohort and cell not in one_cohort


def test_an_unknown_filter_is_explained_and_an_export_refused(staff_client, world):
    build_cohort(world.staff)
    response = staff_client.get(HOME + "?provinsi=99")
    assert response.status_code == 400
    assert "Saringan ini tidak dikenal" in response.text
    assert figures(response.text)["stage", Stage.INVITED][1] == 12  # the rest still shows
    export = staff_client.get(
        reverse("dashboard_stage_export", args=["diundang", "csv"]) + "?provinsi=99"
    )
    assert export.status_code == 400
    assert "Provinsi" in export.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboard_stage", args=["bukan-tahap"]),
        reverse("dashboard_stage_export", args=["terpilih", "pdf"]),
        reverse("dashboard_quick_wins", args=["entah"]),
        reverse("dashboard_table", args=["bukan-tabel", "csv"]),
    ],
)
def test_unknown_stages_formats_and_tables_are_not_found(staff_client, url):
    assert staff_client.get(url).status_code == 404


def test_role_names_are_translated(staff_client, world):
    html = staff_client.get(HOME).text
    people = re.search(r'id="people-by-role">(.*?)</ul>', html, re.S).group(1)
    assert "Asesor: 1" in people and "Mentor: 2" in people and "Pejabat Pemda: 2" in people
    assert "assessor" not in people and "official" not in people


def test_each_chart_carries_its_numbers_as_json_and_the_same_as_its_export(staff_client, world):
    build_cohort(world.staff)
    html = staff_client.get(HOME).text
    spec = json.loads(
        unescape(
            re.search(
                r'<script id="chart-tahapan-data" type="application/json">(.*?)</script>',
                html,
                re.S,
            ).group(1)
        )
    )
    assert spec["labels"][:3] == ["Masuk penyaringan", "Diundang", "Kuesioner diajukan"]
    assert spec["datasets"][0]["data"][:3] == [20, 12, 10]
    rows = list(
        csv.reader(
            io.StringIO(
                staff_client.get(
                    reverse("dashboard_table", args=["tahapan", "csv"])
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert [int(row[1]) for row in rows[1:]] == spec["datasets"][0]["data"]
    # Every chart's JSON is on its page, and no script runs inline.
    pages = {
        HOME: ["tahapan", "quick-win"],
        reverse("dashboard_pemerataan"): [
            "sebaran-pulau",
            "sebaran-jenis",
            "sebaran-kelas",
            "sebaran-provinsi",
        ],
        reverse("dashboard_money"): ["anggaran-dimensi", "anggaran-tahun", "anggaran-sumber"],
    }
    for url, keys in pages.items():
        html = staff_client.get(url).text
        for key in keys:
            assert f'id="chart-{key}-data" type="application/json"' in html, (url, key)
        assert "<script>" not in html


def test_the_pemerataan_table_links_each_group_to_its_regions(staff_client, world):
    build_cohort(world.staff)
    html = staff_client.get(reverse("dashboard_pemerataan")).text
    url = reverse("dashboard_stage", args=["diundang"]) + "?pulau=sulawesi"
    assert f'href="{url}"' in html
    page = staff_client.get(url)
    assert listed(page.text) == 2


def test_the_tabs_keep_the_filter(staff_client, world):
    html = staff_client.get(HOME + "?angkatan=2018&provinsi=33").text
    for name in ("dashboard_pemerataan", "dashboard_money"):
        assert f'href="{reverse(name)}?angkatan=2018&amp;provinsi=33"' in html
    money = staff_client.get(reverse("dashboard_money") + "?angkatan=2018").text
    assert f'href="{HOME}?angkatan=2018"' in money
    assert 'aria-current="page" href="/dasbor/anggaran/?angkatan=2018"' in money


def test_the_pemerataan_page_gives_the_population_share(staff_client, world):
    build_cohort(world.staff)
    html = staff_client.get(reverse("dashboard_pemerataan")).text
    assert "penduduk (" in html and "tinggal di 4 daerah peserta, dari 22 kabupaten/kota" in html
    assert "Kepmendagri No 300.2.2-2138 Tahun 2025" in html  # the source, with its licence


def test_the_money_page_shows_the_approved_plans_budgets(staff_client, world):
    build_cohort(world.staff)
    assert "Rp 360.000.000" in staff_client.get(HOME).text  # the headline
    html = staff_client.get(reverse("dashboard_money")).text
    assert "Rp 360.000.000" in html
    assert "Program A" in html and "Program D" not in html
    rows = list(
        csv.reader(
            io.StringIO(
                staff_client.get(
                    reverse("dashboard_table", args=["anggaran-sumber", "csv"])
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1:] == [
        ["APBD", "200000000"],
        ["APBN", "0"],
        ["KPBU", "100000000"],
        ["CSR", "60000000"],
        ["Lainnya", "0"],
    ]
