from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from candidates import exports, screening
from candidates.models import Cohort
from candidates.services import (
    ScreeningError,
    round_weights,
    screening_round_for_cohort,
    screening_round_update,
    screening_run,
)


class Command(BaseCommand):
    help = (
        "Run the desk screening of a year with the default method and record the run. Creates "
        "the year's cohort and screening round with default settings when there are none. "
        "--quota and --weights are saved on the round before running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="indicator and cohort year")
        parser.add_argument("--quota", type=int, help="size of the shortlist (default 120)")
        parser.add_argument(
            "--weights",
            help="fiscal=W,governance=W,green=W; each >= 0, summing to 1 (default 0.40/0.35/0.25)",
        )
        parser.add_argument("--export", type=Path, help="write the ranking as CSV to this path")
        parser.add_argument("--note", default="", help="a note stored with the run")

    def handle(self, *args, year, quota, weights, export, note, **options):
        if quota is not None and quota < 0:
            raise CommandError("--quota must be 0 or more.")
        # All or nothing: a failed run leaves no new cohort or changed settings behind.
        with transaction.atomic():
            cohort, created = Cohort.objects.get_or_create(
                year=year, defaults={"name": f"Gerakan Menuju 100 Smart City {year}"}
            )
            round_ = screening_round_for_cohort(cohort=cohort)
            if weights is not None or quota is not None:
                try:
                    parsed = screening.Weights.parse(weights) if weights else round_weights(round_)
                except ValueError as exc:
                    raise CommandError(f"--weights: {exc}") from exc
                round_ = screening_round_update(
                    round_=round_, weights=parsed, quota=round_.quota if quota is None else quota
                )
            try:
                run = screening_run(round_=round_, note=note or "manage.py screen")
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
        if export:
            rows = exports.result_rows(run.results.select_related("region"))
            try:
                export.write_bytes(exports.to_csv(rows))
            except OSError as exc:
                raise CommandError(f"Cannot write {export}: {exc}") from exc
            self.stdout.write(f"Wrote {len(rows) - 1} rows to {export}.")
