"""`manage.py propose_selection`, and the balanced proposal on the demo's 2018 cohort (120
assessed regions across Indonesia, 50 places), seeded once for the module by the demo's own
builders, inside a transaction rolled back at its end."""

import csv
import io
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from assessment.services.proposal import cohort_proposal, equity_rules_of, rules_from
from candidates.models import Cohort
from portal.demo import SEEDERS
from smartcity.islands import island_group

HEADER = ["region_code", "panel_score", "rank", "proposed"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("private")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": root}}
    storages = {**settings.STORAGES, "private": private}
    earlier = SEEDERS[: [s.__name__ for s in SEEDERS].index("seed_assessment") + 1]
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root, STORAGES=storages),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for seeder in earlier:
                seeder()
            yield Cohort.objects.get(year=2018)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def run(*args) -> tuple[list[list[str]], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("propose_selection", *args, stdout=out, stderr=err)
    return list(csv.reader(io.StringIO(out.getvalue()))), err.getvalue()


# --- the demo's 2018 cohort -------------------------------------------------------------------


def test_the_2018_proposal_meets_the_default_rules_at_a_small_cost(demo, db):
    comparison = cohort_proposal(cohort=demo)

    assert comparison.quota == 50 and len(comparison.chosen) == 50
    assert comparison.proposal.feasible
    chosen = comparison.chosen
    # At most 3 per province, at least 2 per island group that has candidates: counted here.
    assert max(Counter(r.province_code for r in chosen).values()) <= 3
    candidates = Counter(island_group(r.code) for r in comparison.rows)
    selected = Counter(island_group(r.code) for r in chosen)
    assert all(selected[g] >= min(2, n) for g, n in candidates.items())
    # Balance costs score, never gains it, and every departure has its reason.
    assert comparison.score_lost >= 0
    # The demo's ranking crowds some provinces: balance brings regions in (README, kominfo).
    assert len(comparison.entering) == len(comparison.leaving) > 0
    assert all(r.reason.startswith("pemerataan: ") for r in comparison.entering)
    assert all(r.reason.startswith("pemerataan: ") for r in comparison.leaving)


def test_the_2018_ranking_is_what_the_demo_selected(demo, db):
    comparison = cohort_proposal(cohort=demo)

    # The demo selected the top 50 by panel score: the pure ranking is that selection.
    selected = set(demo.selection.ranking[:50])
    assert {r.candidate_id for r in comparison.rows if r.in_ranking} == selected


def test_the_command_writes_every_2018_candidate_with_50_proposed(demo, db, tmp_path):
    rows, summary = run("--year", "2018", "--out", "-")

    assert rows[0] == HEADER
    assert len(rows) == 1 + 120
    assert sum(row[3] == "1" for row in rows[1:]) == 50
    assert [int(row[2]) for row in rows[1:]] == list(range(1, 121))  # rank order
    assert "Proposed 50 of 120 candidates" in summary

    path = tmp_path / "usulan.csv"
    rows_again, _ = run("--year", "2018", "--out", str(path))
    assert rows_again == []  # nothing on standard output
    assert list(csv.reader(path.open())) == rows


def test_rules_that_cannot_be_met_on_2018_are_relaxed_and_reported(demo, db):
    provinces = len({r.province_code for r in cohort_proposal(cohort=demo).rows})
    assert provinces < 50  # one per province cannot fill 50 places

    rows, summary = run("--year", "2018", "--max-per-province", "1", "--out", "-")

    assert sum(row[3] == "1" for row in rows[1:]) == 50
    assert "The rules cannot all be met; relaxed: max_per_province." in summary
    assert "Paling banyak 1 per provinsi tidak terpenuhi" in summary


def test_options_replace_single_rules_of_the_cohort(demo, db):
    rules = rules_from(equity_rules_of(demo), min_per_island_group=4)

    assert rules.min_per_island_group == 4
    assert rules.max_per_province == 3  # the cohort's (default) rule stays
    comparison = cohort_proposal(cohort=demo, rules=rules, quota=30)
    assert len(comparison.chosen) == 30
