"""The DCAT catalogue of the open datasets, as JSON-LD with its context inline.

A harvester (CKAN's DCAT harvester, as Satu Data Indonesia uses) reads `/api/v1/catalog.jsonld`
without fetching anything else: every term is defined in the document's own `@context` (DCAT
2, Dublin Core terms, FOAF), so it expands offline. Titles and descriptions are language maps,
Bahasa Indonesia and English. Each dataset has its licence, modified date, temporal coverage
(computed from its rows) and two distributions, JSON and CSV.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .datasets import CATALOG_TEXT, DATASETS, Dataset, Row

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "Catalog": "dcat:Catalog",
    "Dataset": "dcat:Dataset",
    "Distribution": "dcat:Distribution",
    "PeriodOfTime": "dct:PeriodOfTime",
    "Organization": "foaf:Organization",
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "identifier": "dct:identifier",
    "keyword": {"@id": "dcat:keyword", "@container": "@set"},
    "language": {"@id": "dct:language", "@container": "@set"},
    "publisher": {"@id": "dct:publisher", "@type": "@id"},
    "name": "foaf:name",
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "license": {"@id": "dct:license", "@type": "@id"},
    "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
    "temporal": {"@id": "dct:temporal", "@type": "@id"},
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:date"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "conformsTo": {"@id": "dct:conformsTo", "@type": "@id"},
    "dataset": {"@id": "dcat:dataset", "@type": "@id", "@container": "@set"},
    "distribution": {"@id": "dcat:distribution", "@type": "@id", "@container": "@set"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": "dcat:mediaType",
    "format": "dct:format",
}

# Geonames' Indonesia: the datasets' spatial coverage.
INDONESIA = "https://sws.geonames.org/1643084/"


def _both(text) -> dict[str, str]:
    """A lazy translation as a language map: Bahasa Indonesia first, English."""
    with translation.override("id"):
        indonesian = str(text)
    with translation.override("en"):
        english = str(text)
    return {"id": indonesian, "en": english}


def temporal_coverage(rows: list[Row], columns: tuple[str, ...] | None = None):
    """(first day, last day) of the years the rows cover: the given year columns (an
    evaluation's `year`), otherwise programmes' start and end years, otherwise cohort years;
    None for a dataset with neither (or no rows)."""
    years = []
    if columns:
        years = [int(row[c]) for row in rows for c in columns if row.get(c)]
        return (f"{min(years)}-01-01", f"{max(years)}-12-31") if years else None
    for row in rows:
        for column in ("start_year", "end_year", "cohort_year"):
            if row.get(column):
                years.append(int(row[column]))
                if column == "end_year":
                    break
    if not years:
        return None
    return f"{min(years)}-01-01", f"{max(years)}-12-31"


def catalog(
    *, absolute, rows: dict[str, list[Row]], modified: datetime, dictionary_url: str
) -> dict:
    """The catalogue as a JSON-LD document. `absolute(path)` makes an address absolute; `rows`
    are each dataset's rows (for its temporal coverage)."""
    licence = settings.OPEN_DATA_LICENSE_URL
    publisher = {
        "@id": absolute("/") + "#kominfo",
        "@type": "Organization",
        "name": "Kementerian Komunikasi dan Informatika",
    }
    datasets = []
    for dataset in DATASETS.values():
        datasets.append(_dataset(dataset, absolute, rows[dataset.key], modified, publisher))
        datasets[-1]["landingPage"] = dictionary_url + f"#{dataset.key}"
    return {
        "@context": CONTEXT,
        "@id": absolute(reverse("api_catalog")),
        "@type": "Catalog",
        "title": _both(CATALOG_TEXT["title"]),
        "description": _both(CATALOG_TEXT["description"]),
        "publisher": publisher,
        "homepage": absolute("/"),
        "language": ["http://id.loc.gov/vocabulary/iso639-1/id"],
        "license": licence,
        "modified": modified.isoformat(),
        "dataset": datasets,
    }


def _dataset(dataset: Dataset, absolute, rows, modified, publisher) -> dict:
    url = absolute(reverse(dataset.url_name))
    licence = settings.OPEN_DATA_LICENSE_URL
    node = {
        "@id": url + "#dataset",
        "@type": "Dataset",
        "identifier": dataset.key,
        "title": _both(dataset.title),
        "description": _both(dataset.description),
        "keyword": ["smart city", "Gerakan Menuju 100 Smart City", "Kemendagri"],
        "publisher": publisher["@id"],
        "license": licence,
        "modified": modified.isoformat(),
        "spatial": INDONESIA,
        "distribution": [
            {
                "@id": url + "#json",
                "@type": "Distribution",
                "title": {"id": f"{dataset.key} (JSON)", "en": f"{dataset.key} (JSON)"},
                "format": "JSON",
                "mediaType": "application/json",
                "accessURL": url,  # paged: no single download
                "license": licence,
            },
            {
                "@id": url + "#csv",
                "@type": "Distribution",
                "title": {"id": f"{dataset.key} (CSV)", "en": f"{dataset.key} (CSV)"},
                "format": "CSV",
                "mediaType": "text/csv",
                "accessURL": url + "?format=csv",
                "downloadURL": url + "?format=csv",
                "license": licence,
            },
        ],
    }
    coverage = temporal_coverage(rows, dataset.temporal)
    if coverage:
        node["temporal"] = {
            "@id": url + "#temporal",
            "@type": "PeriodOfTime",
            "startDate": coverage[0],
            "endDate": coverage[1],
        }
    return node
