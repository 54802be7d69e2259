from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from candidates import exports, ranking
from candidates.models import Cohort
from candidates.services import ScreeningError, screening_round_for_cohort, screening_run
from smartcity.exports import table_bytes


class Command(BaseCommand):
    help = (
        "Run the desk screening of a year with the default method and record the run. Creates "
        "the year's cohort and screening round with default settings when there are none. "
        "--quota and --weights apply to this run only: the run records the settings it used, "
        "the round keeps its own (change those on the staff page or in the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="indicator and cohort year")
        parser.add_argument(
            "--quota",
            type=int,
            help="size of the shortlist for this run only "
            "(default: the round's, 120 for a new one)",
        )
        parser.add_argument(
            "--weights",
            help="fiscal=W,governance=W,green=W for this run only; each >= 0, summing to 1 "
            "(default: the round's, 0.40/0.35/0.25 for a new one)",
        )
        parser.add_argument("--export", type=Path, help="write the ranking as CSV to this path")
        parser.add_argument("--note", default="", help="a note stored with the run")

    def handle(self, *args, year, quota, weights, export, note, **options):
        if quota is not None and quota < 0:
            raise CommandError("--quota must be 0 or more.")
        try:
            parsed = None if weights is None else ranking.Weights.parse(weights)
        except ValueError as exc:
            raise CommandError(f"--weights: {exc}") from exc
        # All or nothing: a failed run leaves no new cohort or round behind.
        with transaction.atomic():
            cohort, created = Cohort.objects.get_or_create(
                year=year, defaults={"name": f"Gerakan Menuju 100 Smart City {year}"}
            )
            round_ = screening_round_for_cohort(cohort=cohort)
            try:
                run = screening_run(
                    round_=round_,
                    note=note or _default_note(quota, weights),
                    weights=parsed,
                    quota=quota,
                )
            except ScreeningError as exc:
                raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(f"Created the cohort {cohort}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Run #{run.number} of {cohort}: {run.pool_size} regions, {run.ranked_count} "
                f"ranked, {run.shortlisted_count} shortlisted "
                f"(weights {run.parameters['weights']}, quota {run.parameters['quota']})."
            )
        )
        if quota is not None or weights is not None:
            self.stdout.write(
                "The round's own settings are unchanged "
                f"(weights {round_.weights}, quota {round_.quota})."
            )
        if export:
            rows = exports.result_rows(run.results.select_related("region"))
            data = table_bytes(
                header=exports.HEADER,
                rows=rows,
                fmt="csv",
                number_columns=exports.NUMBER_COLUMNS,
            )
            try:
                export.write_bytes(data)
            except OSError as exc:
                raise CommandError(f"Cannot write {export}: {exc}") from exc
            self.stdout.write(f"Wrote {len(rows)} rows to {export}.")


def _default_note(quota, weights) -> str:
    """The run's note says which settings came from the command line rather than the round."""
    options = ([f"--quota {quota}"] if quota is not None else []) + (
        [f"--weights {weights}"] if weights is not None else []
    )
    return " ".join(["manage.py screen", *options])[:300]
