"""The DCAT catalogue (/api/v1/catalog.jsonld) and the data dictionary page."""

import json

import pytest
from django.urls import reverse
from pyld import jsonld

from opendata.datasets import DATASETS

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"


def no_network(url, options=None):
    raise AssertionError(f"the catalogue asked for a remote document: {url}")


@pytest.fixture
def expanded(client, world, plans):
    response = client.get(reverse("api_catalog"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(response.content)
    # A harvester without internet access: any remote context would fail here.
    return jsonld.expand(document, {"documentLoader": no_network})


def datasets_of(expanded):
    (catalog,) = [n for n in expanded if f"{DCAT}Catalog" in n.get("@type", [])]
    return catalog, catalog[f"{DCAT}dataset"]


def literal(node, term, language):
    return next(v["@value"] for v in node[term] if v.get("@language") == language)


def test_the_catalogue_expands_as_json_ld_without_the_network(expanded):
    catalog, datasets = datasets_of(expanded)
    assert literal(catalog, f"{DCT}title", "id").startswith("Data terbuka")
    assert literal(catalog, f"{DCT}title", "en").startswith("Open data")
    assert {d[f"{DCT}identifier"][0]["@value"] for d in datasets} == set(DATASETS)


def test_each_dataset_has_licence_dates_coverage_and_a_json_and_a_csv_distribution(expanded):
    _, datasets = datasets_of(expanded)
    for dataset in datasets:
        key = dataset[f"{DCT}identifier"][0]["@value"]
        assert literal(dataset, f"{DCT}title", "id"), key
        assert literal(dataset, f"{DCT}description", "en"), key
        assert dataset[f"{DCT}license"] == [{"@id": "https://creativecommons.org/licenses/by/4.0/"}]
        (modified,) = dataset[f"{DCT}modified"]
        assert modified["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
        (period,) = dataset[f"{DCT}temporal"]
        (start,) = period[f"{DCAT}startDate"]
        (end,) = period[f"{DCAT}endDate"]
        assert start["@value"] <= end["@value"], key
        formats = {}
        for distribution in dataset[f"{DCAT}distribution"]:
            (fmt,) = distribution[f"{DCT}format"]
            (access,) = distribution[f"{DCAT}accessURL"]
            formats[fmt["@value"]] = access["@id"]
        assert formats == {
            "JSON": f"http://testserver/api/v1/{key}/",
            "CSV": f"http://testserver/api/v1/{key}/?format=csv",
        }


def test_temporal_coverage_follows_the_rows(client, world, plans):
    document = client.get(reverse("api_catalog")).json()
    temporal = {d["identifier"]: d["temporal"] for d in document["dataset"]}
    assert (temporal["cohorts"]["startDate"], temporal["cohorts"]["endDate"]) == (
        "2018-01-01",
        "2018-12-31",
    )
    plan = plans.published
    assert temporal["programmes"]["startDate"] == f"{plan.start_year}-01-01"


def test_every_distribution_answers(client, world, plans):
    document = client.get(reverse("api_catalog")).json()
    for dataset in document["dataset"]:
        for distribution in dataset["distribution"]:
            assert client.get(distribution["accessURL"]).status_code == 200


def test_the_catalogue_answers_304_to_a_conditional_get(client, world, plans):
    first = client.get(reverse("api_catalog"))
    again = client.get(reverse("api_catalog"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


# --- the data dictionary -----------------------------------------------------------------------


def test_the_data_dictionary_describes_every_dataset_and_field(client, world):
    response = client.get(reverse("data_dictionary"))
    assert response.status_code == 200
    page = response.text
    for dataset in DATASETS.values():
        assert f'id="{dataset.key}"' in page
        assert f'href="/api/v1/{dataset.key}/"' in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page, (dataset.key, field.name)
    assert "Kamus data terbuka" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page


def test_the_data_dictionary_reads_in_english(client, world):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("data_dictionary"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Open data dictionary" in page
    assert "Dotted Kemendagri code of the regency or city (33.11)." in page


def test_the_landing_page_footer_links_to_the_data_dictionary(client, world):
    page = client.get(reverse("landing")).text
    assert f'href="{reverse("data_dictionary")}"' in page
