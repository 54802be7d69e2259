"""The evaluations dataset (/api/v1/evaluations/): published cycles' results only, their
columns, filters, and a cache that follows publications and corrections."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.services import cycle_publish, result_correct
from opendata.datasets import DATASETS

from .test_api import get_csv, get_json, url

pytestmark = pytest.mark.django_db


def test_one_row_per_published_result_with_every_column(client, world, plans):
    rows = get_json(client, "evaluations")["results"]
    assert [(r["year"], r["region_code"]) for r in rows] == [(2019, "32.73"), (2019, "33.11")]
    bandung, sukoharjo = rows
    assert list(bandung) == DATASETS["evaluations"].columns
    assert bandung == {
        "year": 2019,
        "region_code": "32.73",
        "region_name": "Kota Bandung",
        "province_code": "32",
        "cohort_year": 2018,
        "baseline": "4.00",
        "output": "4.00",
        "outcome": "4.00",
        "impact": "4.00",
        "quick_win": "4.00",
        "index": "4.00",
        "governance": None,
        "branding": None,
        "economy": None,
        "living": None,
        "society": None,
        "environment": None,
        "rank_national": 1,
        "rank_province": 1,
        "rank_cohort": 1,
        "revision": 1,
    }
    # Sukoharjo: .1*3 + .2*3.5 + .3*2.25 + .2*3 + .2*2.5 = 2.775 → 2.78 as published.
    assert (sukoharjo["index"], sukoharjo["outcome"]) == ("2.78", "2.25")
    assert (sukoharjo["rank_national"], sukoharjo["rank_cohort"]) == (2, 2)


def test_a_cycle_not_yet_published_never_appears(client, world, plans):
    assert plans.draft_evaluation.results.count() == 2  # scored, but a draft
    rows = get_json(client, "evaluations", page_size=1000)["results"]
    assert {r["year"] for r in rows} == {2019}
    assert "33.72" not in {r["region_code"] for r in rows}
    assert get_json(client, "evaluations", year=2020)["results"] == []
    text = client.get(url("evaluations", format="csv")).getvalue().decode()
    assert "2020" not in text and "33.72" not in text and "4.75" not in text


def test_filters_by_year_province_and_cohort(client, world, plans):
    def codes(**params):
        return [r["region_code"] for r in get_json(client, "evaluations", **params)["results"]]

    assert codes(year=2019) == ["32.73", "33.11"]
    assert codes(year=2018) == []
    assert codes(province=33) == ["33.11"]
    assert codes(cohort=2018, province=32) == ["32.73"]
    assert codes(cohort=2017) == []
    header, *rows = get_csv(client, "evaluations", province=33)
    assert [row[header.index("region_code")] for row in rows] == ["33.11"]


def test_publishing_a_cycle_changes_the_list_and_its_etag(client, world, plans):
    first = client.get(url("evaluations"))
    etag = first["ETag"]
    assert client.get(url("evaluations"), HTTP_IF_NONE_MATCH=etag).status_code == 304

    cycle_publish(cycle=plans.draft_evaluation, by=world.staff)
    after = client.get(url("evaluations"), HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    rows = after.json()["results"]
    assert [(r["year"], r["region_code"]) for r in rows][-2:] == [
        (2020, "32.73"),
        (2020, "33.72"),
    ]


def test_a_correction_shows_at_once_with_its_revision(client, world, plans):
    before = get_json(client, "evaluations", year=2019)["results"]
    assert before[1]["revision"] == 1
    result = plans.evaluated.results.get(region=world.region)
    parts = {p: Decimal(5) for p in ("baseline", "output", "outcome", "impact", "quick_win")}
    result_correct(result=result, parts=parts, reason="Salah ketik", by=world.staff)
    after = get_json(client, "evaluations", year=2019)["results"]
    assert [(r["region_code"], r["index"], r["rank_national"]) for r in after] == [
        ("33.11", "5.00", 1),
        ("32.73", "4.00", 2),
    ]
    assert after[0]["revision"] == 2


def test_the_catalogue_covers_the_published_years(client, world, plans):
    catalog = client.get(reverse("api_catalog")).json()
    (node,) = [d for d in catalog["dataset"] if d["identifier"] == "evaluations"]
    assert (node["temporal"]["startDate"], node["temporal"]["endDate"]) == (
        "2019-01-01",
        "2019-12-31",
    )  # the draft 2020 is not covered; the cohort year 2018 is not an evaluation year
    cycle_publish(cycle=plans.draft_evaluation, by=world.staff)
    catalog = client.get(reverse("api_catalog")).json()
    (node,) = [d for d in catalog["dataset"] if d["identifier"] == "evaluations"]
    assert node["temporal"]["endDate"] == "2020-12-31"


def test_the_data_dictionary_describes_the_dataset_in_both_languages(client, world):
    page = client.get(reverse("data_dictionary")).text
    section = page[page.index('id="evaluations"') :]
    for field in DATASETS["evaluations"].fields:
        assert f"<code>{field.name}</code>" in section, field.name
    assert "Nilai dimensi Smart Economy (0–5, dua desimal seperti diumumkan); kosong" in section
    assert "<code>?year=</code>" in section
    client.cookies["django_language"] = "en"
    english = client.get(reverse("data_dictionary"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Smart city evaluation results" in english
    assert "Score of the Smart Economy dimension (0–5, two decimals as published); empty" in english
