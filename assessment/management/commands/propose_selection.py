from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment.equity import EquityError
from assessment.services.proposal import (
    cohort_proposal,
    equity_rules_of,
    rule_texts,
    rules_from,
)
from assessment.services.results import cohort_results
from candidates.models import Cohort
from smartcity.exports import table_bytes

HEADER = ["region_code", "panel_score", "rank", "proposed"]


def _count(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError(text) from None
        if value < minimum:
            raise ValueError(text)
        return value

    parse.__name__ = f"whole number of at least {minimum}"
    return parse


class Command(BaseCommand):
    help = (
        "Propose a balanced selection (pemerataan) for a cohort and write it as CSV with the "
        "columns region_code,panel_score,rank,proposed: every candidate of the cohort, the "
        "panel mean to 4 decimals, the raw rank (empty when unranked) and 1/0 for the proposal. "
        "The proposal is the selection of QUOTA candidates with complete panels that has the "
        "highest total score under the cohort's equity rules (admin: Aturan pemerataan); the "
        "options replace single rules for this run. When the rules cannot all be met it relaxes "
        "them (shares, then the cap per province, then the minimum per island group) and says "
        "which and by how much, on standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the cohort's year")
        parser.add_argument(
            "--quota",
            type=_count(1),
            help="places to fill (default: the cohort's quota of selected regions)",
        )
        parser.add_argument(
            "--max-per-province",
            type=_count(1),
            help="at most N selected per province (default: the cohort's rule)",
        )
        parser.add_argument(
            "--min-per-island-group",
            type=_count(0),
            help="at least N per island group that has candidates (default: the cohort's rule)",
        )
        parser.add_argument(
            "--out", required=True, help="path of the CSV file to write ('-' for standard output)"
        )

    def handle(self, *args, year, out, quota, max_per_province, min_per_island_group, **options):
        cohort = Cohort.objects.filter(year=year).first()
        if cohort is None:
            known = ", ".join(str(y) for y in Cohort.objects.values_list("year", flat=True))
            raise CommandError(
                f"There is no cohort for {year}." + (f" Cohorts: {known}." if known else "")
            )
        try:
            rules = rules_from(
                equity_rules_of(cohort),
                max_per_province=max_per_province,
                min_per_island_group=min_per_island_group,
            )
            comparison = cohort_proposal(cohort=cohort, rules=rules, quota=quota)
        except EquityError as exc:
            raise CommandError(str(exc)) from exc
        if not comparison.rows:
            raise CommandError(
                f"No candidate of {cohort} has a complete panel yet: there is nothing to propose."
            )

        proposed = {r.candidate_id for r in comparison.chosen}
        rows = [
            [
                row.region.code,
                "" if row.mean is None else f"{row.mean:.4f}",
                "" if row.rank is None else str(row.rank),
                "1" if row.candidate.pk in proposed else "0",
            ]
            for row in cohort_results(cohort=cohort, normalise=False)
        ]
        data = table_bytes(header=HEADER, rows=rows, fmt="csv", number_columns=set(HEADER[1:]))
        if out == "-":
            self.stdout.write(data.decode(), ending="")
        else:
            try:
                Path(out).write_bytes(data)
            except OSError as exc:
                raise CommandError(f"Cannot write {out}: {exc}") from exc
        self._summary(comparison, out)

    def _summary(self, comparison, out):
        # On standard error, so that `--out -` leaves standard output to the CSV alone.
        write = self.stderr.write
        rules = "; ".join(rule_texts(comparison.rules)) or "none"
        write(f"Rules: {rules}.", style_func=None)
        if not comparison.proposal.feasible:
            write(
                "The rules cannot all be met; relaxed: "
                + ", ".join(comparison.proposal.relaxed)
                + "."
            )
            for text in comparison.shortfall_texts:
                write(f"  {text}")
        write(
            f"Proposed {len(comparison.chosen)} of {len(comparison.rows)} candidates with complete "
            f"panels for {comparison.quota} places: {len(comparison.entering)} enter and "
            f"{len(comparison.leaving)} leave the pure ranking; score lost "
            f"{comparison.score_lost:.4f} in total, {comparison.mean_lost:.4f} on the mean"
            + ("." if out == "-" else f"; written to {out}."),
            style_func=None,
        )
