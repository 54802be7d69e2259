"""What each map layer says about each region, across all cohorts or in one."""

import pytest

from candidates.models import Cohort
from candidates.services import screening_round_for_cohort, screening_run
from dashboard.layers import LAYERS, AssessmentLayer, CohortLayer, PlanLayer, ProgrammeStatus
from masterplan.models import Plan
from tests.assessment.builders_results import small_cohort
from tests.candidates.helpers import indicators_for
from tests.factories import CandidateFactory, CohortFactory, RegionFactory


def compute(layer, world, cohort=None):
    return layer.compute(world.staff, cohort, list(Cohort.objects.order_by("year")))


def test_a_region_in_the_programme_keeps_the_cohort_that_took_it_in(world):
    c2017 = CohortFactory(year=2017)
    CandidateFactory(cohort=c2017, region=world.other_region, status="participant")
    CandidateFactory(cohort=world.cohort, region=world.other_region, status="invited")
    CandidateFactory(cohort=c2017, region=world.region, status="not_selected")
    CandidateFactory(cohort=world.cohort, region=world.region, status="assessed")

    regions = compute(ProgrammeStatus(), world).regions

    assert regions["32.73"] == ("participant", "Peserta · angkatan 2017")
    # Not taken in 2017: its latest cohort says where it is now.
    assert regions["33.11"] == ("assessed", "Sudah diases · angkatan 2018")
    in_2018 = compute(ProgrammeStatus(), world, world.cohort).regions
    assert in_2018["32.73"] == ("invited", "Diundang · angkatan 2018")


def test_the_cohort_layer_colours_each_participants_cohort_apart(world):
    c2017 = CohortFactory(year=2017)
    CandidateFactory(cohort=c2017, region=world.other_region, status="participant")
    CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    CandidateFactory(cohort=world.cohort, region=RegionFactory(), status="not_selected")

    values = compute(CohortLayer(), world)

    assert values.regions == {
        "32.73": ("2017", "Angkatan 2017"),
        "33.11": ("2018", "Angkatan 2018"),
    }
    colours = [c.colour for c in values.classes]
    assert [c.key for c in values.classes] == ["2017", "2018"]
    assert len(set(colours)) == 2
    assert values.no_value.label == "Bukan peserta"


def test_the_screening_layer_bins_the_composite_and_names_what_was_not_ranked(world):
    excluded = RegionFactory(code="31.71", name="Kota Administrasi Jakarta Pusat", city=True)
    excluded.is_administrative = True
    excluded.save()
    incomplete = RegionFactory(code="35.01")
    indicators_for(
        {
            world.region: (2.0, 3.5, 80),
            world.other_region: (1.0, 3.0, 60),
            excluded: (1, 2, 3),
            incomplete: (1, None, 3),
        },
        year=2018,
    )
    screening_run(round_=screening_round_for_cohort(cohort=world.cohort), by=world.staff)

    regions = compute(LAYERS["seleksi"], world).regions

    assert regions["33.11"] == ("s80", "100,0 · peringkat 1 · 2018")  # the best scales to 100
    assert regions["32.73"] == ("s0", "0,0 · peringkat 2 · 2018")
    assert regions["31.71"][0] == "excluded"
    assert regions["35.01"] == ("incomplete", "Data tidak lengkap · 2018")


def test_the_assessment_layer_shows_the_panel_mean_and_rank(world):
    small_cohort(world)
    regions = compute(AssessmentLayer(), world).regions
    assert regions["33.11"] == ("s60", "75,0 · peringkat 1 · 2018")
    assert regions["32.73"] == ("s60", "62,5 · peringkat 2 · 2018")
    assert regions["35.01"] == ("s20", "31,2 · peringkat 3 · 2018")
    assert compute(AssessmentLayer(), world, CohortFactory(year=2019)).regions == {}


def test_the_plan_layer_shows_each_regions_plan_state(world):
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status="participant")
    Plan.objects.create(candidate=candidate, start_year=2019, status=Plan.Status.APPROVED)
    values = compute(PlanLayer(), world)
    assert values.regions == {"33.11": ("approved", "Disahkan Kominfo · 2018")}
    assert values.colours() == {"33.11": "#4575b4"}


def test_the_legend_counts_every_region_once_with_the_rest_as_no_value(world):
    for status in ("participant", "participant", "not_selected"):
        CandidateFactory(cohort=world.cohort, status=status)
    legend = {c.key: n for c, n in compute(ProgrammeStatus(), world).legend()}
    assert legend == {
        "participant": 2,
        "selected": 0,
        "not_selected": 1,
        "assessed": 0,
        "invited": 0,
        "": 511,
    }


def test_titles_name_every_region_with_its_value_or_what_it_lacks(world):
    CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    titles = compute(ProgrammeStatus(), world).titles(
        {"33.11": "Kabupaten Sukoharjo", "32.73": "Kota Bandung"}
    )
    assert titles == {
        "33.11": "Kabupaten Sukoharjo — Terpilih · angkatan 2018",
        "32.73": "Kota Bandung — Belum pernah diundang",
    }


@pytest.mark.parametrize("key", sorted(LAYERS))
def test_every_layer_has_distinct_class_keys_and_hex_colours(world, key):
    CohortFactory(year=2017)
    classes = compute(LAYERS[key], world).classes
    assert len({c.key for c in classes}) == len(classes)
    assert all(c.colour.startswith("#") and len(c.colour) == 7 for c in classes)


def test_the_evaluation_layer_shows_each_regions_latest_published_index(world):
    from dashboard.layers import EvaluationLayer
    from evaluation.services import cycle_publish
    from tests.evaluation.helpers import scored_cycle

    c2017 = CohortFactory(year=2017)
    CandidateFactory(cohort=c2017, region=world.other_region, status="participant")
    old = scored_cycle(2019, {world.other_region: (2, 2, 2, 2, 2), world.region: (1, 1, 1, 1, 1)})
    cycle_publish(cycle=old, by=world.staff)
    new = scored_cycle(2020, {world.other_region: (3.84, 3.18, 3.53, 3.63, 3.35)})
    cycle_publish(cycle=new, by=world.staff)
    scored_cycle(2021, {world.region: (5, 5, 5, 5, 5)})  # not published: not on the map

    values = compute(EvaluationLayer(), world)
    assert values.regions == {
        "32.73": ("e3", "3,48 · peringkat 1 · 2020"),
        "33.11": ("e1", "1,00 · peringkat 2 · 2019"),
    }
    in_2017 = compute(EvaluationLayer(), world, c2017).regions
    assert list(in_2017) == ["32.73"]
    assert values.layer.label == "Indeks evaluasi"
