"""Importing a year's national indicators: validated whole, written all or nothing."""

from dataclasses import dataclass
from pathlib import PurePath

from django.db import DataError, IntegrityError, transaction
from django.utils import formats, timezone

from smartcity.models import Region

from ..indicator_file import IndicatorRow, Problem, parse_indicator_file
from ..models import IndicatorImport, IndicatorSet

INDICATOR_YEAR_MIN = 2000
INDICATOR_YEAR_MAX = 2100
_SOURCE_MAX_LENGTH = 200  # IndicatorImport.fiscal_regulation and friends


class IndicatorImportError(Exception):
    """The file (or the request around it) cannot be imported; nothing was written.

    Carries every problem at once so the officer can fix the whole file in one round-trip.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        lines = [f"Berkas tidak dapat diimpor ({count} masalah); tidak ada data yang disimpan:"]
        lines += [f"- {problem}" for problem in self.problems]
        return "\n".join(lines)


class ReplaceRequired(Exception):
    """The year already has a current dataset and the caller did not confirm replacing it.

    Replacing a year's indicators changes what every later screening sees, so it is never
    done implicitly; the message names the dataset that would be replaced.
    """

    def __init__(self, existing: IndicatorImport):
        self.existing = existing
        super().__init__(str(self))

    def __str__(self) -> str:
        existing = self.existing
        return (
            f"Data indikator tahun {existing.year} sudah ada: berkas {existing.file_name!r}, "
            f"{existing.row_count} baris, diimpor {_when(existing.imported_at)} "
            f"oleh {_who(existing.imported_by)}. Untuk menggantinya, konfirmasi penggantian "
            "(di baris perintah: tambahkan --replace)."
        )


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, or on a dry run what it would do.

    `replaced` is the year's current dataset that this import superseded (or, on a dry run,
    would supersede); `dataset` is the new dataset and is None on a dry run. `rows` are the
    validated rows, kept for previews.
    """

    year: int
    row_count: int
    complete_count: int
    incomplete_count: int
    checksum: str
    replaced: IndicatorImport | None = None
    dataset: IndicatorImport | None = None
    dry_run: bool = False
    rows: tuple[IndicatorRow, ...] = ()

    @property
    def would_replace(self) -> bool:
        return self.replaced is not None


def indicators_import(
    *,
    year: int,
    data: bytes,
    file_name: str,
    by=None,
    replace: bool = False,
    dry_run: bool = False,
    fiscal_regulation: str = "",
    ekppd_regulation: str = "",
    green_source: str = "",
) -> ImportSummary:
    """Load one year's national indicators for the kab/kota from a CSV or XLSX file.

    All or nothing: the whole file is validated first and any problem raises
    IndicatorImportError with every problem, writing nothing, so a half-loaded year can never
    be screened. A year that already has a current dataset is only replaced when `replace` is
    given (else ReplaceRequired); the old IndicatorImport is kept, marked superseded, as the
    audit record of what earlier screenings used. `dry_run` validates and reports without
    writing (it never raises ReplaceRequired: it reports `would_replace` instead).

    The number of queries does not depend on the number of rows (bulk insert and delete).
    """
    sources = {
        "fiscal_regulation": fiscal_regulation.strip(),
        "ekppd_regulation": ekppd_regulation.strip(),
        "green_source": green_source.strip(),
    }
    problems = _request_problems(year, sources)
    if problems:
        raise IndicatorImportError(problems)
    try:
        with transaction.atomic():
            return _indicators_import(
                year=year,
                data=data,
                file_name=PurePath(file_name.replace("\\", "/")).name[:255],
                by=by if getattr(by, "is_authenticated", False) else None,
                replace=replace,
                dry_run=dry_run,
                sources=sources,
            )
    except IntegrityError as exc:
        # Only reachable when another import of the same year committed while this one ran
        # (the unique region-year constraint); the first one wins, this one changes nothing.
        message = (
            f"Data indikator tahun {year} baru saja diimpor oleh proses lain. "
            "Muat ulang halaman dan ulangi impor bila masih diperlukan."
        )
        raise IndicatorImportError([Problem(None, "", message)]) from exc
    except DataError as exc:
        # The parser refuses every value the columns cannot hold, with its row and column; this
        # is the backstop should the two ever disagree: a report, never a crash or a half year.
        reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        message = (
            f"Sebuah nilai tidak dapat disimpan oleh basis data ({reason}); "
            "tidak ada yang disimpan."
        )
        raise IndicatorImportError([Problem(None, "", message)]) from exc


def _request_problems(year, sources: dict[str, str]) -> list[Problem]:
    problems = []
    if (
        not isinstance(year, int)
        or isinstance(year, bool)
        or not INDICATOR_YEAR_MIN <= year <= INDICATOR_YEAR_MAX
    ):
        message = f"Tahun {year} tidak valid; isi antara {INDICATOR_YEAR_MIN} dan "
        problems.append(Problem(None, "", message + f"{INDICATOR_YEAR_MAX}"))
    for name, value in sources.items():
        if len(value) > _SOURCE_MAX_LENGTH:
            message = f"Keterangan sumber '{name}' terlalu panjang (maks. {_SOURCE_MAX_LENGTH})"
            problems.append(Problem(None, "", message))
    return problems


def _indicators_import(*, year, data, file_name, by, replace, dry_run, sources) -> ImportSummary:
    # Query 1: every kab/kota, for validation (code -> kind) and for the foreign keys.
    region_rows = Region.objects.kab_kota().values_list("code", "kind", "pk")
    kinds, region_ids = {}, {}
    for code, kind, pk in region_rows:
        kinds[code], region_ids[code] = kind, pk

    result = parse_indicator_file(data, file_name, regions=kinds)
    if not result.ok:
        raise IndicatorImportError(result.problems)

    # Query 2: the year's current dataset, locked so two replacements cannot both win.
    current = IndicatorImport.objects.filter(year=year, superseded_at__isnull=True)
    if not dry_run:
        current = current.select_for_update(of=("self",))
    existing = current.select_related("imported_by").order_by("-imported_at").first()

    complete = sum(1 for row in result.rows if _is_complete(row))
    summary = ImportSummary(
        year=year,
        row_count=len(result.rows),
        complete_count=complete,
        incomplete_count=len(result.rows) - complete,
        checksum=result.checksum,
        replaced=existing,
        dry_run=dry_run,
        rows=tuple(result.rows),
    )
    if dry_run:
        return summary
    if existing is not None and not replace:
        raise ReplaceRequired(existing)

    # Query 3: the new dataset, the audit record of who loaded what and when.
    dataset = IndicatorImport.objects.create(
        year=year,
        file_name=file_name,
        checksum=result.checksum,
        row_count=len(result.rows),
        imported_by=by,
        **sources,
    )
    if existing is not None:
        # Queries 4 and 5: the old dataset stays (screenings point at it), its rows go.
        IndicatorImport.objects.filter(year=year, superseded_at__isnull=True).exclude(
            pk=dataset.pk
        ).update(superseded_at=dataset.imported_at)
        existing.superseded_at = dataset.imported_at
        IndicatorSet.objects.filter(year=year).delete()
    # Last query: every row in one INSERT.
    IndicatorSet.objects.bulk_create(
        IndicatorSet(
            region_id=region_ids[row.region_code],
            year=year,
            dataset=dataset,
            fiscal_capacity_index=row.fiscal_capacity_index,
            fiscal_capacity_category=row.fiscal_capacity_category,
            ekppd_score=row.ekppd_score,
            ekppd_status=row.ekppd_status,
            ekppd_rank=row.ekppd_rank,
            green_city_index=row.green_city_index,
            sustainable_city_index=row.sustainable_city_index,
        )
        for row in result.rows
    )
    return ImportSummary(
        year=year,
        row_count=summary.row_count,
        complete_count=summary.complete_count,
        incomplete_count=summary.incomplete_count,
        checksum=summary.checksum,
        replaced=existing,
        dataset=dataset,
        rows=summary.rows,
    )


def _is_complete(row: IndicatorRow) -> bool:
    """The three starred indicators of DESIGN.md; a region missing one is not ranked."""
    starred = (row.fiscal_capacity_index, row.ekppd_score, row.green_city_index)
    return None not in starred


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


def _who(user) -> str:
    if user is None:
        return "pengguna tak tercatat"
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()
