from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment import exports
from assessment.models import Selection
from assessment.services.results import cohort_results
from candidates.models import Cohort
from smartcity.exports import table_bytes


class Command(BaseCommand):
    help = (
        "Write a cohort's readiness-assessment results as CSV with the columns "
        "region_code,panel_score,rank,selected (DESIGN.md): the panel mean of submitted, "
        "complete score sheets to 4 decimals, the rank by that mean (empty when unranked) and "
        "1/0 for the selection (empty before the selection is made)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the cohort's year")
        parser.add_argument(
            "--out", required=True, help="path of the CSV file to write ('-' for standard output)"
        )

    def handle(self, *args, year, out, **options):
        cohort = Cohort.objects.filter(year=year).first()
        if cohort is None:
            known = ", ".join(str(y) for y in Cohort.objects.values_list("year", flat=True))
            raise CommandError(
                f"There is no cohort for {year}." + (f" Cohorts: {known}." if known else "")
            )
        rows = exports.result_rows(
            cohort_results(cohort=cohort, normalise=False),
            selection_made=Selection.objects.filter(cohort=cohort).exists(),
            extra=False,
        )
        data = table_bytes(
            header=exports.header(extra=False),
            rows=rows,
            fmt="csv",
            number_columns=exports.NUMBER_COLUMNS,
        )
        if out == "-":
            self.stdout.write(data.decode(), ending="")
            return
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc}") from exc
        ranked = sum(1 for row in rows if row[2])
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {len(rows)} candidates of {cohort} ({ranked} ranked) to {out}."
            )
        )
