"""The open data API: rows, formats, filters, paging, licence, conditional requests, caching,
query counts and throttling (opendata/api.py)."""

import csv
import io
import json

import pytest
from django.urls import reverse

from masterplan.models import Plan
from opendata.api import csv_value
from opendata.datasets import DATASETS
from tests.factories import CohortFactory, RegionFactory, UserFactory
from tests.masterplan.url_expectations_followup import approved_plan

from .conftest import PRIVATE_NOTE, SECRET

KEYS = sorted(DATASETS)


def url(key, **params):
    base = reverse(DATASETS[key].url_name)
    if params:
        base += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return base


def get_json(client, key, **params):
    response = client.get(url(key, **params))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_json_rows(client, key, **params):
    """Every row, following `next` page by page."""
    rows, page = [], 1
    while True:
        body = get_json(client, key, page=page, page_size=2, **params)
        rows += body["results"]
        if body["next"] is None:
            return rows
        page += 1


def get_csv(client, key, **params):
    response = client.get(url(key, format="csv", **params))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


# --- rows ----------------------------------------------------------------------------------------


def test_regions_lists_every_kab_kota_with_its_programme_status(client, world, plans):
    rows = {r["code"]: r for r in get_json(client, "regions")["results"]}
    assert set(rows) == {"32.73", "33.11", "33.72"}  # kab/kota only, no province
    bandung, sukoharjo, surakarta = rows["32.73"], rows["33.11"], rows["33.72"]
    assert bandung == {
        "code": "32.73",
        "name": "Kota Bandung",
        "kind": "kota",
        "is_administrative": False,
        "province_code": "32",
        "province_name": bandung["province_name"],
        "cohort_year": 2018,
        "status": "participant",
        "plan_status": "published",
    }
    assert (sukoharjo["cohort_year"], sukoharjo["status"], sukoharjo["plan_status"]) == (
        2018,
        "participant",
        "in_progress",
    )
    assert (surakarta["cohort_year"], surakarta["status"], surakarta["plan_status"]) == (
        None,
        "non_participant",
        "",
    )


def test_only_the_approved_plan_is_published_never_the_one_under_review(client, world, plans):
    body = get_json(client, "plans")
    assert [(r["region_code"], r["status"]) for r in body["results"]] == [("32.73", "approved")]
    programmes = get_json(client, "programmes", page_size=1000)["results"]
    assert programmes and {r["region_code"] for r in programmes} == {"32.73"}
    assert len(programmes) == plans.published.programmes.count()
    for key in KEYS:
        for fmt in ("json", "csv"):
            text = client.get(url(key, format=fmt, page_size=1000)).getvalue().decode()
            assert SECRET not in text, (key, fmt)
            assert PRIVATE_NOTE not in text, (key, fmt)


def test_quick_wins_carry_their_latest_progress_without_the_regions_note(client, world, plans):
    rows = get_json(client, "quick-wins")["results"]
    assert len(rows) == 3
    reported = [r for r in rows if r["progress_percent"] is not None]
    assert [(r["progress_percent"], r["progress_status"]) for r in reported] == [(55, "late")]
    assert "note" not in reported[0] and "evidence" not in reported[0]
    silent = [r for r in rows if r["progress_percent"] is None]
    assert {(r["progress_status"], r["progress_reported_on"]) for r in silent} == {("", None)}


def test_cohorts_count_participants_and_published_plans(client, world, plans):
    (row,) = get_json(client, "cohorts")["results"]
    assert (row["cohort_year"], row["participant_count"], row["published_plan_count"]) == (
        2018,
        2,
        1,
    )


def test_participants_are_the_regions_with_a_signed_mou(client, world, plans):
    rows = get_json(client, "participants")["results"]
    assert [(r["region_code"], r["plan_status"]) for r in rows] == [
        ("32.73", "published"),
        ("33.11", "in_progress"),
    ]


# --- JSON and CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_json_and_csv_have_the_same_rows_and_columns(client, world, plans, key):
    json_rows = all_json_rows(client, key)
    header, *csv_rows = get_csv(client, key)
    assert header == DATASETS[key].columns
    assert json_rows, f"{key} has no rows to compare"
    assert [list(r) for r in json_rows] == [header] * len(json_rows)
    assert [[csv_value(v) for v in r.values()] for r in json_rows] == csv_rows


@pytest.mark.parametrize("key", ["regions", "programmes"])
def test_a_csv_page_is_the_same_page_as_json(client, world, plans, key):
    json_rows = get_json(client, key, page=2, page_size=1)["results"]
    header, *csv_rows = get_csv(client, key, page=2, page_size=1)
    assert len(csv_rows) == len(json_rows) == 1
    assert json_rows != get_json(client, key, page=1, page_size=1)["results"]
    assert [[csv_value(r[c]) for c in header] for r in json_rows] == csv_rows


def test_json_is_paged_with_links_to_the_next_and_previous_pages(client, world, plans):
    first = get_json(client, "regions", page_size=2)
    assert (first["count"], len(first["results"]), first["previous"]) == (3, 2, None)
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert client.get(url("regions", page=3, page_size=2)).status_code == 404


# --- filters --------------------------------------------------------------------------------------


def test_filters_by_cohort_province_and_dimension(client, world, plans):
    assert [r["code"] for r in get_json(client, "regions", province=33)["results"]] == [
        "33.11",
        "33.72",
    ]
    assert [r["code"] for r in get_json(client, "regions", cohort=2018)["results"]] == [
        "32.73",
        "33.11",
    ]
    assert get_json(client, "regions", cohort=2017)["results"] == []
    economy = get_json(client, "programmes", dimension="economy")["results"]
    assert economy and {r["dimension"] for r in economy} == {"economy"}
    header, *rows = get_csv(client, "programmes", dimension="economy")
    assert len(rows) == len(economy)


@pytest.mark.parametrize(
    ("key", "query"),
    [
        ("regions", "cohort=last"),
        ("regions", "province=3"),
        ("regions", "dimension=economy"),  # regions have no dimension
        ("programmes", "dimension=Ekonomi%20Cerdas"),
        ("evaluations", "year=19"),
        ("evaluations", "dimension=economy"),  # results are rows per region, not dimension
        ("regions", "year=2019"),  # regions have no year
    ],
)
def test_a_malformed_or_unsupported_filter_answers_400(client, world, key, query):
    response = client.get(f"{url(key)}?{query}")
    assert response.status_code == 400
    assert client.get(f"{url(key)}?{query}&format=csv").status_code == 400


# --- metadata -------------------------------------------------------------------------------------


def test_every_answer_carries_the_licence(client, world, plans, settings):
    for key in KEYS:
        body = get_json(client, key)
        assert body["license"] == {
            "id": "CC-BY-4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        }
        csv_response = client.get(url(key, format="csv"))
        assert (
            '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
            in (csv_response["Link"])
        )
    settings.OPEN_DATA_LICENSE = "OGL-ID-1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://data.go.id/lisensi"
    assert get_json(client, "regions")["license"]["id"] == "OGL-ID-1.0"
    response = client.get(url("regions", format="csv"))
    assert '<https://data.go.id/lisensi>; rel="license"' in response["Link"]


def test_a_conditional_get_answers_304_until_something_is_published(
    client, world, plans, django_assert_num_queries
):
    first = client.get(url("plans"))
    etag, modified = first["ETag"], first["Last-Modified"]
    # The two publication stamps (the plans' and the evaluation's, library/stamp.py); the
    # rows come from the cache.
    with django_assert_num_queries(2):
        again = client.get(url("plans"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url("plans"), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    csv_first = client.get(url("plans", format="csv"))
    assert csv_first["ETag"] != etag  # another representation
    assert client.get(url("plans", format="csv"), HTTP_IF_NONE_MATCH=etag).status_code == 200

    candidate = plans.under_review
    from masterplan.services.workflow import plan_move

    plan_move(plan=candidate, to=Plan.Status.ENDORSED, by=world.mentor)
    from tests.masterplan.helpers import approve

    approve(Plan.objects.get(pk=candidate.pk), world.staff)
    after = client.get(url("plans"), HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert [r["region_code"] for r in after.json()["results"]] == ["32.73", "33.11"]


# --- queries and cache ---------------------------------------------------------------------------

STAMP = 2  # masterplan's publication stamp and the evaluation's (library/stamp.py)
QUERIES = {
    # the stamps, then what the rows cost once per publication
    "regions": STAMP + 2,  # kab/kota with provinces, participants
    "cohorts": STAMP + 3,  # cohorts, participants, published plans
    "participants": STAMP + 1,  # participants with their MoU and plan
    "plans": STAMP + 2,  # published versions with snapshots, quick-win progress
    "programmes": STAMP + 2,  # the same
    "quick-wins": STAMP + 2,  # the same
    "evaluations": STAMP + 1,  # published results with region, province, cycle, cohort
}


@pytest.mark.parametrize("key", KEYS)
def test_each_list_runs_a_fixed_number_of_queries(
    client, world, plans, key, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES[key]):
        assert client.get(url(key)).status_code == 200
    with django_assert_num_queries(STAMP):  # cached: only the stamps
        assert client.get(url(key, format="csv")).status_code == 200
    # A second published plan, with twice the programmes: the same count.
    region = RegionFactory(code="35.10")
    world.cohort = CohortFactory(year=2019)
    official = UserFactory(username="pemda-3510", official=True, region=region)
    approved_plan(world, region=region, official=official, programmes_per_dimension=2)
    with django_assert_num_queries(QUERIES[key]):
        response = client.get(url(key))
    assert response.status_code == 200


def test_write_methods_are_refused(client, world):
    for key in KEYS:
        assert client.post(url(key), {}).status_code == 405
        assert client.delete(url(key)).status_code == 405


# --- throttling ----------------------------------------------------------------------------------


def test_too_many_requests_answer_429_with_retry_after(client, world, settings):
    settings.OPEN_DATA_THROTTLE_RATE = "3/min"
    for _ in range(3):
        assert client.get(url("cohorts")).status_code == 200
    refused = client.get(url("cohorts"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in json.loads(refused.content)
    as_csv = client.get(url("regions", format="csv"))
    assert as_csv.status_code == 429 and int(as_csv["Retry-After"]) > 0
    # Another address has its own allowance.
    assert client.get(url("cohorts"), REMOTE_ADDR="10.0.0.7").status_code == 200
