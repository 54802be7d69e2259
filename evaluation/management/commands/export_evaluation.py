from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation import exports
from evaluation.models import Cycle
from smartcity.exports import table_bytes


class Command(BaseCommand):
    help = (
        "Write an evaluation cycle's results as CSV with the columns "
        "rank,region_code,region_name,baseline,output,outcome,impact,quick_win,index "
        "(scores and index to 2 decimals, national rank; tied regions share a rank), in rank "
        "order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the cycle's year")
        parser.add_argument(
            "--out", required=True, help="path of the CSV file to write ('-' for standard output)"
        )

    def handle(self, *args, year, out, **options):
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            known = ", ".join(str(y) for y in Cycle.objects.values_list("year", flat=True))
            raise CommandError(
                f"There is no evaluation cycle for {year}."
                + (f" Cycles: {known}." if known else "")
            )
        rows = exports.result_rows(cycle.results.select_related("region"))
        data = table_bytes(
            header=exports.HEADER, rows=rows, fmt="csv", number_columns=exports.NUMBER_COLUMNS
        )
        if out == "-":
            self.stdout.write(data.decode(), ending="")
            return
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} results of {cycle} to {out}."))
