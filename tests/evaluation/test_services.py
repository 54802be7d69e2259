"""Recording scores, recomputing indices and ranks, publishing and correcting."""

from decimal import Decimal

import pytest

from evaluation.models import Cycle, Result
from evaluation.services import (
    EvaluationError,
    cycle_create,
    cycle_move,
    cycle_publish,
    cycle_recompute,
    cycle_set_weights,
    result_correct,
    result_record,
)
from tests.factories import CandidateFactory, CohortFactory, RegionFactory

from .helpers import default_instrument, scored_cycle

D = Decimal
pytestmark = pytest.mark.django_db


def test_a_new_cycle_evaluates_every_participant_of_earlier_cohorts():
    earlier = CandidateFactory(cohort=CohortFactory(year=2017), status="participant").region
    CandidateFactory(cohort=CohortFactory(year=2017), status="not_selected")
    CandidateFactory(cohort=CohortFactory(year=2019), status="participant")
    cycle = cycle_create(year=2019)
    assert list(cycle.regions.all()) == [earlier]
    assert cycle.weights == {
        "baseline": D("0.10"),
        "output": D("0.20"),
        "outcome": D("0.30"),
        "impact": D("0.20"),
        "quick_win": D("0.20"),
    }


def test_a_cycle_with_weights_not_summing_to_one_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        cycle_create(year=2020, weight_impact=D("0.30"))


def test_recording_a_regions_scores_gives_its_index_and_ranks():
    jambi = RegionFactory(code="15.71", name="Kota Jambi", city=True)
    other = RegionFactory()
    cycle = cycle_create(year=2024)
    result = result_record(
        cycle=cycle,
        region=jambi,
        parts=dict(
            zip(
                ("baseline", "output", "outcome", "impact", "quick_win"),
                map(D, ("3.84", "3.18", "3.53", "3.63", "3.35")),
                strict=True,
            )
        ),
    )
    assert result.index == D("3.475")
    assert result.index_display == D("3.48")
    assert result.rank_national == 1
    result_record(cycle=cycle, region=other, parts=dict.fromkeys(result.parts, D(4)))
    result.refresh_from_db()
    assert (result.rank_national, result.rank_province) == (2, 1)


def test_the_cohort_rank_counts_only_the_same_cohorts_regions():
    c2017, c2018 = CohortFactory(year=2017), CohortFactory(year=2018)
    a = CandidateFactory(cohort=c2017, status="participant").region
    b = CandidateFactory(cohort=c2018, status="participant").region
    c = CandidateFactory(cohort=c2018, status="participant").region
    cycle = scored_cycle(2020, {a: (5, 5, 5, 5, 5), b: (3, 3, 3, 3, 3), c: (4, 4, 4, 4, 4)})
    ranks = {
        r.region_id: (r.rank_national, r.rank_cohort, r.cohort_id) for r in cycle.results.all()
    }
    assert ranks[a.pk] == (1, 1, c2017.pk)
    assert ranks[b.pk] == (3, 2, c2018.pk)
    assert ranks[c.pk] == (2, 1, c2018.pk)


def test_a_weight_change_recomputes_every_index_and_rank_in_a_few_queries(
    django_assert_num_queries,
):
    regions = [RegionFactory() for _ in range(30)]
    cycle = scored_cycle(2021, {r: (i % 5, 5 - i % 5, 2, 3, 1) for i, r in enumerate(regions)})
    before = {r.region_id: r.index for r in cycle.results.all()}
    weights = dict(zip(cycle.weights, map(D, ("0.1", "0.2", "0.3", "0.3", "0.1")), strict=True))
    # savepoint, update the cycle, its history row, select the results, one bulk update,
    # release the savepoint: the same six for 30 regions or 191 (bench/evaluation.py)
    with django_assert_num_queries(6):
        changed = cycle_set_weights(cycle=cycle, weights=weights)
    after = {r.region_id: r.index for r in cycle.results.all()}
    assert changed == sum(1 for k in before if before[k] != after[k])
    r0 = cycle.results.get(region=regions[0])
    assert r0.index == D("0.1") * 0 + D("0.2") * 5 + D("0.3") * 2 + D("0.3") * 3 + D("0.1") * 1


def test_weights_not_summing_to_one_are_refused_and_nothing_changes():
    cycle = scored_cycle(2021, {RegionFactory(): (1, 2, 3, 4, 5)})
    with pytest.raises(EvaluationError):
        cycle_set_weights(cycle=cycle, weights=dict(cycle.weights, impact=D("0.5")))
    cycle.refresh_from_db()
    assert cycle.weight_impact == D("0.20")


def test_scores_out_of_bounds_are_refused():
    cycle = cycle_create(year=2021)
    with pytest.raises(EvaluationError):
        result_record(
            cycle=cycle, region=RegionFactory(), parts=dict.fromkeys(cycle.weights, D("5.01"))
        )
    assert not cycle.results.exists()


def test_opening_a_cycle_freezes_its_instrument():
    instrument = default_instrument()  # shipped by migration 0002
    assert instrument.indicators.count() == 31
    cycle = cycle_create(year=2025, instrument=instrument)
    cycle_move(cycle=cycle, to=Cycle.Status.OPEN)
    instrument.refresh_from_db()
    assert instrument.is_frozen
    with pytest.raises(EvaluationError):
        cycle_move(cycle=cycle, to=Cycle.Status.DRAFT)


def test_publishing_writes_revision_one_and_freezes_results(world):
    cycle = scored_cycle(2019, {world.region: (3, 3, 3, 3, 3), world.other_region: (4, 4, 4, 4, 4)})
    cycle_publish(cycle=cycle, by=world.staff)
    result = cycle.results.get(region=world.region)
    assert result.revision == 1
    assert result.revisions.get().scores["index"] == "3.000000"
    with pytest.raises(ValueError):
        result.save()
    with pytest.raises(EvaluationError):
        cycle_recompute(cycle=cycle)
    with pytest.raises(EvaluationError):
        cycle_set_weights(cycle=cycle, weights=cycle.weights)
    with pytest.raises(EvaluationError):
        result_record(cycle=cycle, region=world.region, parts=result.parts)


def test_a_correction_is_a_new_revision_for_it_and_for_those_whose_rank_moved(world):
    third = RegionFactory()
    cycle = scored_cycle(
        2019,
        {
            world.region: (3, 3, 3, 3, 3),
            world.other_region: (4, 4, 4, 4, 4),
            third: (1, 1, 1, 1, 1),
        },
    )
    cycle_publish(cycle=cycle, by=world.staff)
    result = cycle.results.get(region=world.region)
    result_correct(
        result=result, parts=dict.fromkeys(result.parts, D(5)), reason="Salah ketik", by=world.staff
    )
    result.refresh_from_db()
    assert (result.index, result.rank_national, result.revision) == (D(5), 1, 2)
    first, second = result.revisions.all()
    assert first.scores["rank_national"] == 2 and second.scores["rank_national"] == 1
    assert second.reason == "Salah ketik"
    bandung = cycle.results.get(region=world.other_region)
    assert bandung.revision == 2 and bandung.rank_national == 2
    assert "Kabupaten Sukoharjo" in bandung.revisions.last().reason
    assert cycle.results.get(region=third).revision == 1  # its rank did not move
    with pytest.raises(ValueError):
        first.save()


def test_a_correction_needs_a_reason(world):
    cycle = scored_cycle(2019, {world.region: (3, 3, 3, 3, 3)})
    cycle_publish(cycle=cycle, by=world.staff)
    result = Result.objects.get()
    with pytest.raises(EvaluationError):
        result_correct(result=result, parts=result.parts, reason=" ", by=world.staff)
