"""`import_evaluation`: past cycles' part scores from a spreadsheet, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from smartcity.models import Region

from .models import Cycle
from .score_file import Problem, parse_score_file
from .services import Scores, cycle_for_year, results_record


class ScoreImportError(Exception):
    """The file (or the request) has problems; nothing was written. `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ImportSummary:
    year: int
    checksum: str
    row_count: int
    cycle_created: bool
    replaced_count: int  # results of the cycle that the file does not list (removed with --replace)
    existing_count: int
    dry_run: bool


def evaluation_import(
    *, year: int, data: bytes, file_name: str, dry_run: bool = False, replace: bool = False
) -> ImportSummary:
    """Validate a score file and, unless `dry_run`, record every row into the year's cycle
    (created as a draft if missing). A cycle that already has results is only written with
    `replace` (its results not in the file are removed); a published cycle never is."""
    kab_kota = dict(Region.objects.kab_kota().values_list("code", "kind"))
    parsed = parse_score_file(data, file_name, regions=kab_kota)
    if not parsed.ok:
        raise ScoreImportError(parsed.problems)
    cycle = Cycle.objects.filter(year=year).first()
    problems = []
    existing = set(cycle.results.values_list("region__code", flat=True)) if cycle else set()
    if cycle is not None and cycle.is_published:
        problems.append(
            Problem(None, "", f"Siklus {year} sudah diumumkan; hasilnya hanya dapat dikoreksi.")
        )
    elif existing and not replace:
        problems.append(
            Problem(
                None,
                "",
                f"Siklus {year} sudah berisi {len(existing)} hasil; gunakan --replace untuk "
                "menggantinya dengan isi berkas ini.",
            )
        )
    if problems:
        raise ScoreImportError(problems)
    summary = ImportSummary(
        year=year,
        checksum=parsed.checksum,
        row_count=len(parsed.rows),
        cycle_created=cycle is None,
        replaced_count=len(existing - {row.region_code for row in parsed.rows}),
        existing_count=len(existing),
        dry_run=dry_run,
    )
    if dry_run:
        return summary
    with transaction.atomic():
        cycle = cycle_for_year(year=year)
        ids = dict(
            Region.objects.filter(code__in=[r.region_code for r in parsed.rows]).values_list(
                "code", "pk"
            )
        )
        # The file's regions take part in the cycle, whatever cohort they joined with.
        cycle.regions.add(*ids.values())
        results_record(
            cycle=cycle,
            scores={ids[r.region_code]: Scores(r.parts, r.dimensions) for r in parsed.rows},
            replace=replace,
        )
    return summary
