"""Screening pages: who may open them, what they show, and their query counts."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from candidates.models import Candidate, ScreeningRun
from candidates.services import screening_round_for_cohort, screening_run
from tests.candidates.helpers import indicators_for, screened_world, spread_regions
from tests.factories import CohortFactory


def test_staff_run_the_round_from_its_page(client, world):
    indicators_for({world.region: (1, 3, 50), world.other_region: (2, 2, 40)})
    client.force_login(world.staff)

    response = client.post(reverse("screening_run_create", args=[2018]), {"note": "uji"})

    run = ScreeningRun.objects.get()
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert (run.note, run.run_by) == ("uji", world.staff)


def test_running_without_data_explains_why(client, world):
    client.force_login(world.staff)

    response = client.post(reverse("screening_run_create", args=[2018]), follow=True)

    assert "Belum ada data indikator untuk tahun 2018" in response.text
    assert not ScreeningRun.objects.exists()


def test_the_round_page_marks_the_current_run(client, world):
    run = screened_world(world, confirm=False)
    screening_run(round_=run.round)
    client.force_login(world.staff)

    response = client.get(reverse("screening_round", args=[2018]))

    assert response.status_code == 200
    assert response.text.count("terkini") == 1
    assert "#2" in response.text and "#1" in response.text


def test_the_ranked_table_lists_every_region_with_scores(client, world):
    run = screened_world(world)
    client.force_login(world.staff)

    response = client.get(run.get_absolute_url())

    assert response.status_code == 200
    assert "Kabupaten Sukoharjo" in response.text and "Kota Bandung" in response.text
    assert list(response.context["results"].values_list("rank", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "bandung"}, ["32.73"]),
        ({"q": "33.1"}, ["33.11"]),
        ({"kind": "kota"}, ["32.73"]),
        ({"province": "33"}, ["33.11"]),
        ({"status": "shortlisted"}, ["33.11"]),
        ({"sort": "name"}, ["33.11", "32.73"]),  # "Kabupaten Sukoharjo" < "Kota Bandung"
        ({"sort": "code"}, ["32.73", "33.11"]),
    ],
)
def test_the_ranked_table_filters_searches_and_sorts(client, world, query, expected):
    run = screened_world(world)
    client.force_login(world.staff)

    response = client.get(run.get_absolute_url(), query)

    assert [r.region.code for r in response.context["results"]] == expected


def test_the_ranked_table_runs_the_same_queries_for_50_and_514_regions(
    client, world, django_assert_num_queries
):
    def run_with(n, year):
        regions = spread_regions(n, first_province=11 if year == 2019 else 51)
        values = {r: (i % 7, 2 + i % 3 / 2, i % 90) for i, r in enumerate(regions)}
        indicators_for(values, year=year)
        return screening_run(round_=screening_round_for_cohort(cohort=CohortFactory(year=year)))

    small, big = run_with(50, 2019), run_with(514, 2020)
    assert (small.pool_size, big.pool_size) == (50, 514)
    client.force_login(world.staff)

    for run in (small, big):
        # 1 session, 2 user, 3 the second-factor device of the staff session (django-otp),
        # 4 the run with its round, cohort, dataset and author, 5 provinces for the filter,
        # 6 how many rows the filter leaves (the pages), 7 the number of regions per status
        # (the status filter's counts), 8 the current run, 9 the chart's scores,
        # 10 this page's results with regions and provinces.
        with django_assert_num_queries(10):
            response = client.get(run.get_absolute_url())
        assert len(response.context["results"]) == min(run.pool_size, 100)


def test_the_ranked_table_is_paged_by_100_keeping_the_filter(client, world):
    regions = spread_regions(250)
    indicators_for({r: (i % 7, 2 + i % 3 / 2, i % 90) for i, r in enumerate(regions)})
    run = screening_run(round_=screening_round_for_cohort(cohort=world.cohort))
    client.force_login(world.staff)

    first = client.get(run.get_absolute_url())
    last = client.get(run.get_absolute_url(), {"halaman": "3"})
    province = client.get(run.get_absolute_url(), {"province": "12", "halaman": "1"})

    assert [r.rank for r in first.context["results"]][:2] == [1, 2]
    assert len(last.context["results"]) == 50
    assert "201–250 dari 250 wilayah" in last.text
    assert "?halaman=2" in first.text
    # Sixty regions of province 12: one page, and the count says it was filtered.
    assert len(province.context["results"]) == 60
    assert "1–60 dari 60 wilayah (disaring dari 250)" in province.text


def test_the_status_filter_shows_how_many_regions_each_status_has(client, world):
    run = screened_world(world, quota=1)
    client.force_login(world.staff)

    response = client.get(run.get_absolute_url(), {"status": "shortlisted"})

    assert response.context["status_counts"] == [
        ("shortlisted", "Daftar pendek", 1),
        ("ranked", "Diperingkat", 1),
        ("incomplete", "Data tidak lengkap", 0),
        ("excluded", "Dikecualikan", 0),
    ]
    assert [r.region.code for r in response.context["results"]] == ["33.11"]
    assert 'href="?status=ranked"' in response.text


def test_the_export_follows_the_design_format(client, world):
    run = screened_world(world)
    client.force_login(world.staff)

    response = client.get(reverse("screening_export", args=[run.pk, "csv"]))

    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "rank",
        "region_code",
        "region_name",
        "composite_score",
        "fiscal_score",
        "governance_score",
        "green_score",
        "status",
    ]
    assert rows[1] == [
        "1",
        "33.11",
        "Kabupaten Sukoharjo",
        "100.0000",
        "100.0000",
        "100.0000",
        "100.0000",
        "shortlisted",
    ]
    assert rows[2][0] == "2" and rows[2][3] == "0.0000" and rows[2][7] == "ranked"


def test_the_xlsx_export_has_the_same_rows_with_numbers(client, world):
    run = screened_world(world)
    client.force_login(world.staff)

    response = client.get(reverse("screening_export", args=[run.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("rank", "region_code")
    assert rows[1][:4] == (1, "33.11", "Kabupaten Sukoharjo", 100.0)


def test_the_explanation_shows_raw_values_scores_weights_and_reason(client, world):
    run = screened_world(world)
    client.force_login(world.staff)

    response = client.get(reverse("screening_result", args=[run.pk, "32.73"]))

    text = response.text
    assert "Peringkat 2 dari 2" in text
    assert "Di luar 1 besar" in text  # the reason, quota 1
    # Numbers are written the Indonesian way, with a decimal comma.
    assert "0,40" in text and "0,35" in text and "0,25" in text


def test_the_explanation_shows_raw_values_as_the_file_wrote_them(client, world):
    indicators_for(
        {world.region: ("0.12345678", "3.25", "62.5"), world.other_region: (1, 3, 60)},
        year=world.cohort.year,
    )
    run = screening_run(round_=screening_round_for_cohort(cohort=world.cohort))
    client.force_login(world.staff)

    text = client.get(reverse("screening_result", args=[run.pk, "33.11"])).text

    # Stored with 20 decimals, shown without the column's padding (not "0,12345678000000000000").
    for shown in ("0,12345678", "3,25", "62,5"):
        assert shown in text and shown + "0" not in text


def test_an_official_sees_the_explanation_of_their_own_region(client, world):
    run = screened_world(world)
    client.force_login(world.official)

    assert client.get(reverse("screening_result", args=[run.pk, "33.11"])).status_code == 200
    assert client.get(reverse("screening_result", args=[run.pk, "32.73"])).status_code == 404


def test_an_official_cannot_see_an_unconfirmed_run(client, world):
    run = screened_world(world, confirm=False)
    client.force_login(world.official)

    assert client.get(reverse("screening_result", args=[run.pk, "33.11"])).status_code == 404


@pytest.mark.parametrize("role", ["official", "mentor", "assessor", "partner"])
def test_only_staff_see_the_table_exports_and_can_run(client, world, role):
    run = screened_world(world, confirm=False)
    client.force_login(world.user(role))

    assert client.get(run.get_absolute_url()).status_code == 403
    assert client.get(reverse("screening_export", args=[run.pk, "csv"])).status_code == 403
    assert client.post(reverse("screening_run_create", args=[2018])).status_code == 403
    assert client.post(reverse("screening_confirm", args=[run.pk])).status_code == 403
    assert ScreeningRun.objects.count() == 1
    assert not Candidate.objects.exists()


def test_what_if_answers_with_a_fragment_for_htmx(client, world):
    screened_world(world, confirm=False, quota=1)
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_whatif", args=[2018]),
        {"fiscal": "0", "governance": "0", "green": "100", "quota": "1"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="whatif"')
    assert "Stabilitas peringkat" in response.text
    # Only green can move (the others are 0): two rows, "+10%" and "-10%".
    assert len(response.context["whatif"].stability) == 2
    assert response.text.count("10%</td>") == 2
    assert ScreeningRun.objects.count() == 1  # nothing saved


def test_the_stability_table_names_weights_and_regions_for_people(client, world):
    screened_world(world, confirm=False, quota=1)
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_whatif", args=[2018]),
        {"fiscal": "40", "governance": "35", "green": "25", "quota": "1"},
        headers={"HX-Request": "true"},
    )

    table = response.text.split("Stabilitas peringkat")[1]
    labels = [row["label"] for row in response.context["whatif"].stability]
    assert (
        labels
        == ["Kapasitas fiskal"] * 2
        + ["Kinerja pemerintahan (EKPPD)"] * 2
        + ["Indeks kota hijau"] * 2
    )
    for key in ("fiscal", "governance", "green"):
        assert f'<th scope="row">{key}</th>' not in table
    assert '<th scope="row">Kapasitas fiskal</th>' in table


def test_regions_entering_the_simulated_shortlist_are_named_beside_their_code(client, world):
    screened_world(world, confirm=False, quota=1)  # Sukoharjo first under the round's weights
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_whatif", args=[2018]),
        {"fiscal": "0", "governance": "0", "green": "100", "quota": "2"},
        headers={"HX-Request": "true"},
    )

    assert 'Kota Bandung <span class="text-muted">32.73</span>' in response.text


def test_the_weights_form_explains_how_the_stability_check_moves_weights(client, world):
    screened_world(world, confirm=False)
    client.force_login(world.staff)

    text = client.get(reverse("screening_round", args=[2018])).text

    assert "tepat ±10%" in text and "Bobot 0 tidak dapat digeser" in text


def test_weights_that_do_not_add_up_are_refused_with_a_message(client, world):
    screened_world(world, confirm=False)
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_round", args=[2018]),
        {"fiscal": "50", "governance": "30", "green": "30", "quota": "1"},
    )

    assert response.status_code == 200
    assert "Jumlah bobot harus 100%" in response.text
    assert ScreeningRun.objects.count() == 1


def test_saving_weights_runs_again_with_them(client, world):
    screened_world(world, confirm=False)
    client.force_login(world.staff)

    client.post(
        reverse("screening_round", args=[2018]),
        {"fiscal": "50", "governance": "30", "green": "20", "quota": "2"},
    )

    run = ScreeningRun.objects.order_by("-number").first()
    assert run.number == 2
    assert run.parameters["weights"] == {"fiscal": 0.5, "governance": 0.3, "green": 0.2}
    assert run.parameters["quota"] == 2


def test_the_officials_home_page_shows_the_invitation_and_scores(client, world):
    screened_world(world)
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert "diundang mengikuti asesmen kesiapan" in response.text
    assert "peringkat 1 dari 2" in response.text
