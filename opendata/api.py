"""The open data API at /api/v1/: read-only, anonymous, throttled, cached.

Every dataset (opendata/datasets.py) is served by one `DatasetView`:

- JSON by default, CSV with `?format=csv` (or `Accept: text/csv`): the same rows and columns.
  JSON is an envelope (dataset, licence, modified, count, next/previous, results) paged by
  `?page=` and `?page_size=` (100 by default, at most 1000); CSV is a header row and the rows,
  all of them in one streamed response unless `?page=` asks for one page (the same page as JSON).
- Filters `?cohort=YEAR`, `?province=CODE` (two digits), `?dimension=CODE` and `?year=YEAR`
  where the dataset has that column; a malformed value answers 400.
- The licence (settings.OPEN_DATA_LICENSE, its text at OPEN_DATA_LICENSE_URL) is in the JSON
  envelope and, for every format, in a `Link: <…>; rel="license"` header (CSV has no place for
  metadata that every reader skips; a comment row would break them).
- Rows are cached under the publication stamp (`library.stamp.public_stamp()`: the plans' and
  the evaluation's), so a publication makes a new key at once; entries also expire after
  OPEN_DATA_CACHE_SECONDS, for what changes without a publication (a cohort's dates, a region
  renamed).
- `ETag` (from the rows, the format, the page and the language) and `Last-Modified` (the last
  publication); a conditional GET that matches answers 304 after two queries, the stamps'.
- AnonRateThrottle at settings.OPEN_DATA_THROTTLE_RATE per client address: 429 with
  `Retry-After`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from library.stamp import public_stamp

from .catalog import catalog
from .datasets import DATASETS, FILTERS, Dataset, Row

CACHE_VERSION = 1  # bump when the rows' shape changes, so old entries are not served


# --- licence ------------------------------------------------------------------------------------


def licence() -> dict[str, str]:
    return {"id": settings.OPEN_DATA_LICENSE, "url": settings.OPEN_DATA_LICENSE_URL}


def add_links(response, request) -> None:
    """The licence and the catalogue, in a header every format carries."""
    catalog = request.build_absolute_uri(reverse("api_catalog"))
    response["Link"] = (
        f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license", <{catalog}>; rel="describedby"'
    )


# --- throttling, rendering, paging --------------------------------------------------------------


class OpenDataThrottle(AnonRateThrottle):
    """Per client address, at settings.OPEN_DATA_THROTTLE_RATE (read per request, so the
    setting can change without a restart of the class)."""

    scope = "opendata"

    def get_rate(self):
        return settings.OPEN_DATA_THROTTLE_RATE


def csv_value(value) -> str:
    """How a row's value is written in CSV; JSON carries the same value natively."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class CSVRenderer(BaseRenderer):
    """CSV for error answers (400, 404, 429): the keys as a header, the values as a row. Data
    itself is streamed by `DatasetView`, never built whole in memory by a renderer."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if isinstance(data, dict):
            writer.writerow(list(data))
            writer.writerow([csv_value(v) for v in data.values()])
        return buffer.getvalue().encode()


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def stream_csv(columns: list[str], rows: list[Row]):
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_value(row[c]) for c in columns])


# --- cached rows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    rows: list[Row]
    etag: str  # of the rows
    modified: datetime


def cached_entry(dataset: Dataset, stamp) -> Entry:
    """The dataset's rows as of this publication stamp, built once per stamp (and per
    OPEN_DATA_CACHE_SECONDS)."""
    key = f"opendata:{CACHE_VERSION}:{dataset.key}:{stamp.key}"
    entry = cache.get(key)
    if entry is None:
        rows = dataset.rows()
        body = json.dumps(rows, sort_keys=True, separators=(",", ":")).encode()
        entry = Entry(
            rows=rows,
            etag=hashlib.sha256(body).hexdigest()[:32],
            modified=stamp.modified or datetime.now(UTC),
        )
        cache.set(key, entry, settings.OPEN_DATA_CACHE_SECONDS)
    return entry


# --- filters ------------------------------------------------------------------------------------

_FILTER_PATTERNS = {
    "cohort": re.compile(r"\d{4}"),
    "province": re.compile(r"\d{2}"),
    "dimension": re.compile(r"[a-z0-9_-]{1,40}"),
    "year": re.compile(r"\d{4}"),
}


def parse_filters(dataset: Dataset, params) -> dict[str, str | int]:
    """{column: value} for the filters the request gives; 400 for a malformed one. Filters the
    dataset has no column for are refused too, rather than silently ignored."""
    found = {}
    for name, column in FILTERS.items():
        value = params.get(name)
        if value is None or value == "":
            continue
        if name not in dataset.filters:
            raise ValidationError({name: f"{dataset.key} cannot be filtered by {name}"})
        if not _FILTER_PATTERNS[name].fullmatch(value):
            raise ValidationError({name: f"not a valid {name}: {value!r}"})
        found[column] = int(value) if name in ("cohort", "year") else value
    return found


def apply_filters(rows: list[Row], filters: dict) -> list[Row]:
    if not filters:
        return rows
    return [r for r in rows if all(r[c] == v for c, v in filters.items())]


# --- views --------------------------------------------------------------------------------------


class OpenDataView(APIView):
    """What every open data answer shares: anonymous, read-only, throttled."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [OpenDataThrottle]
    http_method_names = ["get", "head", "options"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_links(response, request)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class DatasetView(OpenDataView):
    dataset: Dataset = None
    renderer_classes = [JSONRenderer, CSVRenderer]

    def get(self, request):
        dataset = self.dataset
        filters = parse_filters(dataset, request.query_params)
        fmt = request.accepted_renderer.format
        stamp = public_stamp()
        entry = cached_entry(dataset, stamp)

        query = sorted(
            (k, v) for k, v in request.query_params.items() if k in ("page", "page_size")
        )
        variant = f"{entry.etag}|{fmt}|{sorted(filters.items())}|{query}|{get_language()}"
        etag = '"' + hashlib.sha256(variant.encode()).hexdigest()[:32] + '"'
        last_modified = int(entry.modified.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            not_modified["ETag"] = etag
            not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified

        rows = apply_filters(entry.rows, filters)
        paginator = None
        if fmt == "json" or "page" in request.query_params:
            paginator = Pagination()
            rows = paginator.paginate_queryset(rows, request, view=self)

        if fmt == "csv":
            response = StreamingHttpResponse(
                stream_csv(dataset.columns, rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{dataset.key}.csv"'
        else:
            response = Response(
                {
                    "dataset": dataset.key,
                    "title": str(dataset.title),
                    "license": licence(),
                    "modified": entry.modified.isoformat(),
                    "count": paginator.page.paginator.count,
                    "next": paginator.get_next_link(),
                    "previous": paginator.get_previous_link(),
                    "results": rows,
                }
            )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return response


def dataset_view(key: str):
    return DatasetView.as_view(dataset=DATASETS[key])


class CatalogView(OpenDataView):
    """The DCAT catalogue (opendata/catalog.py), cached and conditional like the datasets."""

    renderer_classes = [JSONLDRenderer, JSONRenderer]

    def get(self, request):
        stamp = public_stamp()
        entries = {key: cached_entry(dataset, stamp) for key, dataset in DATASETS.items()}
        modified = max(e.modified for e in entries.values())
        variant = "|".join(e.etag for e in entries.values())
        variant += f"|{request.get_host()}|{settings.OPEN_DATA_LICENSE_URL}|{get_language()}"
        etag = '"' + hashlib.sha256(variant.encode()).hexdigest()[:32] + '"'
        last_modified = int(modified.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            not_modified["ETag"] = etag
            not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified
        document = catalog(
            absolute=request.build_absolute_uri,
            rows={key: entry.rows for key, entry in entries.items()},
            modified=modified,
            dictionary_url=request.build_absolute_uri(reverse("data_dictionary")),
        )
        response = Response(document)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return response
