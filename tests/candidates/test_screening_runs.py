"""Screening runs through the service: snapshots, immutability, filters, what-if, invitations."""

from decimal import Decimal

import pytest
from django.core import mail, serializers
from django.db import connection

from candidates import exports, indicator_file, ranking
from candidates.models import (
    Candidate,
    Cohort,
    IndicatorSet,
    ScreeningExclusion,
    ScreeningResult,
    ScreeningRun,
)
from candidates.services import (
    ScreeningError,
    indicators_import,
    screening_round_for_cohort,
    screening_round_update,
    screening_run,
    screening_what_if,
    shortlist_confirm,
)
from candidates.tasks import send_invitations
from smartcity.exports import table_bytes
from tests.candidates.helpers import indicators_for, screened_world
from tests.factories import CandidateFactory, CohortFactory, RegionFactory, UserFactory


@pytest.fixture
def three(db):
    a = RegionFactory(code="33.01", name="Kabupaten A")
    b = RegionFactory(code="33.02", name="Kabupaten B")
    c = RegionFactory(code="33.71", name="Kota C", city=True)
    indicators_for({a: (0.5, 2.0, 40), b: (1.5, 3.0, 60), c: (2.5, 3.5, 90)})
    cohort = CohortFactory(year=2018)
    return cohort, a, b, c


def test_a_run_stores_every_regions_scores_rank_and_status(three):
    cohort, a, b, c = three
    round_ = screening_round_for_cohort(cohort=cohort)
    round_.quota = 2
    round_.save()

    run = screening_run(round_=round_)

    results = {r.region.code: r for r in run.results.select_related("region")}
    # c is the maximum of every indicator (100 each), a the minimum (0 each);
    # b: fiscal 50, EKPPD 100*(3-2)/1.5 = 66.67, green 40 → 0.4*50 + 0.35*66.67 + 0.25*40 = 53.33
    assert results["33.71"].rank == 1 and results["33.71"].composite_score == pytest.approx(100)
    assert results["33.02"].rank == 2 and results["33.02"].composite_score == pytest.approx(
        53.3333333
    )
    assert results["33.01"].rank == 3 and results["33.01"].status == "ranked"
    assert results["33.02"].status == "shortlisted"
    assert (run.pool_size, run.ranked_count, run.shortlisted_count) == (3, 3, 2)
    assert run.parameters["weights"] == {"fiscal": 0.4, "governance": 0.35, "green": 0.25}
    assert results["33.02"].ekppd_score == Decimal("3.0000")


def test_the_service_ranks_exactly_like_the_pure_method(three):
    cohort, *_ = three
    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))
    inputs = [
        ranking.RegionInput(
            code=row.region.code,
            fiscal=float(row.fiscal_capacity_index),
            ekppd=float(row.ekppd_score),
            green=float(row.green_city_index),
        )
        for row in IndicatorSet.objects.select_related("region")
    ]

    expected = {r.code: r.rank for r in ranking.screen(inputs)}

    assert {r.region.code: r.rank for r in run.results.select_related("region")} == expected


def test_rerunning_never_rewrites_an_old_run(three):
    cohort, a, *_ = three
    round_ = screening_round_for_cohort(cohort=cohort)
    first = screening_run(round_=round_)
    before = list(first.results.values_list("region_id", "rank", "composite_score"))

    screening_round_update(
        round_=round_, weights=ranking.Weights(1.0, 0.0, 0.0), quota=round_.quota
    )
    second = screening_run(round_=round_)

    assert (first.number, second.number) == (1, 2)
    assert round_.current_run == second
    assert list(first.results.values_list("region_id", "rank", "composite_score")) == before
    assert first.parameters["weights"]["fiscal"] == 0.4
    assert second.parameters["weights"]["fiscal"] == 1.0


def snapshot_bytes(run) -> bytes:
    """The run's row and every one of its result rows, every column, as stored."""
    rows = [ScreeningRun.objects.get(pk=run.pk), *run.results.order_by("region__code")]
    export = table_bytes(
        header=exports.HEADER,
        rows=exports.result_rows(run.results.select_related("region")),
        fmt="csv",
        number_columns=exports.NUMBER_COLUMNS,
    )
    return serializers.serialize("json", rows).encode() + export


def test_the_snapshot_is_unchanged_after_new_data_is_imported(three):
    cohort, a, b, c = three
    round_ = screening_round_for_cohort(cohort=cohort)
    run = screening_run(round_=round_)
    before = snapshot_bytes(run)
    # A replaced year, through the service the command and the admin use: a now leads.
    header = ",".join(indicator_file.COLUMNS)
    new_file = f"{header}\n33.01,9.5,,3.9,,,95,\n33.02,1.5,,3,,,60,\n33.71,2.5,,3.5,,,90,\n"

    summary = indicators_import(
        year=2018, data=new_file.encode(), file_name="revisi.csv", replace=True
    )

    assert summary.replaced == run.dataset
    assert snapshot_bytes(run) == before
    again = screening_run(round_=round_)
    assert again.dataset == summary.dataset and again.dataset_checksum != run.dataset_checksum
    assert again.results.get(region=a).rank == 1 and run.results.get(region=a).rank == 3
    assert again.results.get(region=a).fiscal_capacity_index == Decimal("9.5")
    assert run.results.get(region=a).fiscal_capacity_index == Decimal("0.5")


def test_runs_and_results_refuse_to_be_changed_or_deleted(three):
    cohort, *_ = three
    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))
    result = run.results.first()

    result.rank = 99
    with pytest.raises(ValueError, match="immutable"):
        result.save()
    with pytest.raises(ValueError, match="immutable"):
        run.delete()
    run.note = "changed"
    with pytest.raises(ValueError, match="immutable"):
        run.save()


def test_regions_selected_in_an_earlier_cohort_are_excluded(three):
    cohort, a, b, c = three
    CandidateFactory(cohort=CohortFactory(year=2017), region=c, status=Candidate.Status.PARTICIPANT)

    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))

    result = run.results.get(region=c)
    assert (result.status, result.rank) == ("excluded", None)
    assert "angkatan sebelumnya" in result.reason
    assert run.results.get(region=b).rank == 1


def test_a_region_not_selected_earlier_is_screened_again(three):
    cohort, a, b, c = three
    CandidateFactory(
        cohort=CohortFactory(year=2017), region=c, status=Candidate.Status.NOT_SELECTED
    )

    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))

    assert run.results.get(region=c).rank == 1


def test_hard_filters_and_exclusions_leave_regions_out_with_their_reason(three):
    cohort, a, b, c = three
    IndicatorSet.objects.filter(region=a).update(fiscal_capacity_category="rendah")
    round_ = screening_round_for_cohort(cohort=cohort)
    round_.min_fiscal_category = "sedang"
    round_.save()
    ScreeningExclusion.objects.create(round=round_, region=c, reason="Sedang dalam sengketa batas")

    run = screening_run(round_=round_)

    assert run.results.get(region=a).status == "excluded"
    assert "kapasitas fiskal di bawah syarat minimum" in run.results.get(region=a).reason
    assert run.results.get(region=c).reason == "Dikecualikan: Sedang dalam sengketa batas"
    assert run.results.get(region=b).rank == 1
    assert run.parameters["exclusions"] == {"33.71": "Sedang dalam sengketa batas"}


def test_a_year_without_data_cannot_be_screened(db):
    round_ = screening_round_for_cohort(cohort=CohortFactory(year=2030))

    with pytest.raises(ScreeningError, match="Belum ada data indikator untuk tahun 2030"):
        screening_run(round_=round_)
    assert not ScreeningRun.objects.exists()


def test_what_if_reports_who_enters_and_leaves_without_writing(three):
    cohort, a, b, c = three
    round_ = screening_round_for_cohort(cohort=cohort)
    round_.quota = 1
    round_.save()
    # With all the weight on green, the greenest region (a) takes the single place from c.
    IndicatorSet.objects.filter(region=a).update(green_city_index=Decimal("99"))

    whatif = screening_what_if(round_=round_, weights=ranking.Weights(0, 0, 1.0), quota=1)

    assert [r.code for r in whatif.entered] == ["33.01"]
    assert [r.code for r in whatif.left] == ["33.71"]
    assert whatif.kept == 0
    # Only green can move: fiscal and EKPPD are at 0. Down 10 %, 0.9, the 0.1 shared equally.
    assert [(e["weight"], e["direction"]) for e in whatif.stability] == [
        ("green", "+"),
        ("green", "-"),
    ]
    assert whatif.stability[1]["weights"].as_dict() == pytest.approx(
        {"fiscal": 0.05, "governance": 0.05, "green": 0.9}
    )
    assert not ScreeningRun.objects.exists()


def test_confirming_invites_the_shortlist_and_moves_the_cohort_on(world):
    run = screened_world(world, confirm=False, quota=1)

    invited = shortlist_confirm(run=run, by=world.staff)

    assert [c.region for c in invited] == [world.region]
    assert Candidate.objects.get(region=world.region).status == Candidate.Status.INVITED
    assert not Candidate.objects.filter(region=world.other_region).exists()
    world.cohort.refresh_from_db()
    assert world.cohort.status == Cohort.Status.ASSESSMENT
    assert run.round.__class__.objects.get(pk=run.round.pk).confirmed_run == run


def test_a_shortlist_is_confirmed_only_once(world):
    run = screened_world(world, confirm=True)

    with pytest.raises(ScreeningError, match="sudah dikonfirmasi"):
        shortlist_confirm(run=run, by=world.staff)
    assert Candidate.objects.count() == 1


def test_only_the_current_run_can_be_confirmed(world):
    old = screened_world(world, confirm=False)
    screening_run(round_=old.round)

    with pytest.raises(ScreeningError, match="terbaru"):
        shortlist_confirm(run=old, by=world.staff)


def test_invitations_are_emailed_after_commit_through_celery(
    world, django_capture_on_commit_callbacks
):
    world.official.email = "kominfo@sukoharjokab.test"
    world.official.save()
    run = screened_world(world, confirm=False)

    with django_capture_on_commit_callbacks() as callbacks:
        invited = shortlist_confirm(run=run, by=world.staff)
    assert len(callbacks) == 1  # the task is queued only once the transaction commits

    sent = send_invitations([c.pk for c in invited])

    assert sent == 1
    assert mail.outbox[0].to == ["kominfo@sukoharjokab.test"]
    assert "Kabupaten Sukoharjo" in mail.outbox[0].subject
    assert "Peringkat seleksi awal: 1" in mail.outbox[0].body


def test_the_invitation_task_is_safe_to_run_twice(world):
    world.official.email = "kominfo@sukoharjokab.test"
    world.official.save()
    screened_world(world, confirm=True)
    ids = list(Candidate.objects.values_list("pk", flat=True))

    send_invitations(ids)
    send_invitations(ids)

    assert len(mail.outbox) == 1


def test_officials_of_other_regions_get_no_invitation(world):
    world.other_official.email = "bandung@test"
    world.other_official.save()
    UserFactory(username="pemda-a2", official=True, region=world.region, email="")
    screened_world(world, confirm=True)

    send_invitations(list(Candidate.objects.values_list("pk", flat=True)))

    assert all("bandung@test" not in m.to for m in mail.outbox)


def test_screening_results_keep_raw_values_with_missing_as_null(three):
    cohort, a, *_ = three
    IndicatorSet.objects.filter(region=a).update(green_city_index=None)

    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))

    result = run.results.get(region=a)
    assert result.status == ScreeningResult.Status.INCOMPLETE
    assert result.green_city_index is None and result.green_score is None
    assert "indeks kota hijau" in result.reason


def test_weights_and_quota_given_to_a_run_apply_to_that_run_only(three):
    cohort, a, b, c = three
    round_ = screening_round_for_cohort(cohort=cohort)

    run = screening_run(round_=round_, weights=ranking.Weights(0, 0, 1.0), quota=1)

    assert run.parameters["weights"] == {"fiscal": 0.0, "governance": 0.0, "green": 1.0}
    assert (run.parameters["quota"], run.shortlisted_count) == (1, 1)
    round_.refresh_from_db()
    assert (round_.weights, round_.quota) == (
        {"fiscal": 0.4, "governance": 0.35, "green": 0.25},
        120,
    )
    assert round_.history.count() == 1  # created, never changed


def test_a_negative_quota_given_to_a_run_is_refused_and_records_nothing(three):
    cohort, *_ = three

    with pytest.raises(ScreeningError, match="quota"):
        screening_run(round_=screening_round_for_cohort(cohort=cohort), quota=-1)
    assert not ScreeningRun.objects.exists()


def test_a_run_keeps_every_decimal_of_the_values_it_was_given(three):
    cohort, a, b, c = three
    exact = Decimal("123456789012.123456789012")  # 12 digits either side: the most that fits
    IndicatorSet.objects.filter(region=c).update(fiscal_capacity_index=exact)
    IndicatorSet.objects.filter(region=b).update(ekppd_score=Decimal("3.00000001"))

    run = screening_run(round_=screening_round_for_cohort(cohort=cohort))

    assert run.results.get(region=c).fiscal_capacity_index == exact
    assert str(run.results.get(region=b).ekppd_score) == "3.00000001"  # read back trimmed
    assert str(run.results.get(region=a).ekppd_score) == "2"


def test_results_are_stored_alike_through_copy_and_the_portable_bulk_insert(three, monkeypatch):
    cohort, a, b, c = three
    IndicatorSet.objects.filter(region=a).update(green_city_index=None)
    round_ = screening_round_for_cohort(cohort=cohort)
    ScreeningExclusion.objects.create(round=round_, region=b, reason="Tab\tand\nnewline \\ kept")
    fields = [f.attname for f in ScreeningResult._meta.fields if f.attname not in ("id", "run_id")]

    copied = screening_run(round_=round_)
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the SQLite of `make run`
    portable = screening_run(round_=round_)

    def stored(run):
        return list(run.results.order_by("region__code").values_list(*fields))

    assert stored(copied) == stored(portable)
    assert len(stored(copied)) == 3
    assert copied.results.get(region=b).reason == "Dikecualikan: Tab\tand\nnewline \\ kept"
