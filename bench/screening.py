"""Screening performance bars (screening issue, restated in the one-way architecture issue).

1. A screening run of all 514 regions, stored (as staff's "Jalankan" button and
   `manage.py screen` do it: read the inputs, rank them, store the immutable run with every
   region's line, commit) costs at most what the Django admin takes to render the changelist of
   those 514 results at 100 per page (a throw-away admin for ScreeningResult, filtered to the
   run, logged in as staff; see `_django.bench_admin`). Printed as a ratio, with the run's query
   count: constant, the 514 lines are one INSERT.
2. The ranked table page (its first 100 of the 514 rows, with the status counts and filters it
   shows) serves at least as many requests per second as the Django admin changelist of the
   same indicator rows at the admin's 100 per page; printed as a ratio.

Both sides of each ratio are measured alternately in one run, on the same database. Exits
non-zero when a bar is missed.
Run: DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/screening.py
"""

import sys

from _django import bench_admin, best_of, scratch_database, setup

setup()

ROUNDS = 7


def main() -> int:
    from django.contrib import admin
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from candidates.models import Cohort, ScreeningResult
    from candidates.services import screening_round_for_cohort, screening_run
    from portal.demo import seed_foundation
    from smartcity.models import User
    from tests.conftest import Client  # signs staff in with their second factor, as tests do

    class ScreeningResultAdmin(admin.ModelAdmin):
        # The columns of the ranked table, at the admin's usual page size.
        list_display = [
            "rank",
            "region",
            "status",
            "composite_score",
            "fiscal_score",
            "governance_score",
            "green_score",
            "reason",
        ]
        # A row's checkbox is labelled with the result's name, which names its run and round.
        list_select_related = ["region", "run__round__cohort"]
        list_per_page = 100
        # Not the stock "(N total)" count of the whole table: it grows with every run this
        # benchmark stores, and would slow the admin side as the benchmark goes on.
        show_full_result_count = False

    failed = False
    with scratch_database(), bench_admin({ScreeningResult: ScreeningResultAdmin}) as site:
        call_command("load_regions", verbosity=0)
        seed_foundation()
        staff = User.objects.get(username="kominfo")
        staff.is_superuser = True  # the admin changelists need view permission
        staff.save()
        round_ = screening_round_for_cohort(cohort=Cohort.objects.get(year=2018))
        run = screening_run(round_=round_, by=staff)

        def run_round():
            # What the staff page's "Jalankan" button and `manage.py screen` call: its own
            # transaction, committed, with the run and its 514 lines stored.
            return screening_run(round_=round_, by=staff, note="bench")

        client = Client()
        client.force_login(staff)
        changelist = reverse(f"{site.name}:candidates_screeningresult_changelist")
        results_url = f"{changelist}?run__id__exact={run.pk}"
        response = client.get(results_url)
        assert response.status_code == 200, response.status_code
        assert response.text.count('<td class="field-region nowrap">') == 100
        assert run.results.count() == 514

        table = connection.ops.quote_name(ScreeningResult._meta.db_table)
        with CaptureQueriesContext(connection) as queries:
            assert run_round().results.count() == 514
        inserts = sum(q["sql"].startswith(f"INSERT INTO {table}") for q in queries)
        one_insert = inserts == 1
        failed |= not one_insert
        print(
            f"one run: {len(queries) - 1} queries, the 514 lines in {inserts} INSERT  "
            f"{'OK' if one_insert else 'FAIL'}"
        )

        best_run = best_admin = float("inf")
        for _ in range(ROUNDS):  # alternate, so drift in the machine's speed hits both
            best_run = min(best_run, best_of(run_round, repeat=3, number=2))
            best_admin = min(best_admin, best_of(lambda: client.get(results_url), repeat=3))
        ratio = best_run / best_admin
        ok = ratio <= 1
        failed |= not ok
        print(f"screening run, 514 regions, stored:   {best_run * 1000:7.2f} ms")
        print(f"admin changelist, 100 of 514 results: {best_admin * 1000:7.2f} ms")
        print(
            f"ratio run / admin:                    {ratio:7.2f}  (bar: <= 1.00) "
            f"{'OK' if ok else 'FAIL'}"
        )

        table_url = run.get_absolute_url()
        admin_url = reverse("admin:candidates_indicatorset_changelist") + "?year=2018"
        table_response = client.get(table_url)
        assert table_response.status_code == 200
        assert table_response.text.count('<td class="cell-name">') == 100
        admin_response = client.get(admin_url)
        assert admin_response.status_code == 200, admin_response.status_code
        assert admin_response.text.count('<td class="field-year"') == 100

        def rps(url, n=10):
            return 1 / best_of(lambda: client.get(url), repeat=3, number=n)

        table, admin_rates = [], []
        for _ in range(3):
            table.append(rps(table_url))
            admin_rates.append(rps(admin_url))
        table_rps, admin_rps = max(table), max(admin_rates)
        print(f"ranked table page, 100 of 514 rows:   {table_rps:7.1f} req/s")
        print(f"admin changelist, 100 of 514 rows:    {admin_rps:7.1f} req/s")
        ratio = table_rps / admin_rps
        ok = ratio >= 1
        failed |= not ok
        print(
            f"ratio table / admin:                  {ratio:7.2f}  (bar: >= 1.00) "
            f"{'OK' if ok else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
