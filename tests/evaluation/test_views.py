"""The evaluation's pages: who sees what, what they show, and their constant query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import Cycle
from evaluation.services import cycle_create, cycle_publish, results_record
from tests.factories import CandidateFactory, CohortFactory, RegionFactory

from .helpers import scored_cycle, scores

pytestmark = pytest.mark.django_db


def published(world, year=2019, extra=()):
    by_region = {world.region: (3, 3, 3, 3, 3), world.other_region: (4, 4, 4, 4, 4)}
    by_region.update(dict.fromkeys(extra, (2, 2, 2, 2, 2)))
    cycle = scored_cycle(year, by_region)
    cycle_publish(cycle=cycle, by=world.staff)
    return cycle


def test_an_official_reads_their_regions_report(client, world):
    published(world)
    client.force_login(world.official)
    response = client.get(reverse("evaluation:report", args=[2019, world.region.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan evaluasi Kabupaten Sukoharjo 2019" in html
    assert response.context["result"].rank_national == 2
    assert response.context["counts"].national == 2


def test_an_official_cannot_read_another_regions_report(client, world):
    published(world)
    client.force_login(world.other_official)
    url = reverse("evaluation:report", args=[2019, world.region.code])
    assert client.get(url).status_code == 404
    assert client.get(reverse("evaluation:region", args=[world.region.code])).status_code == 404


def test_an_official_does_not_see_an_unpublished_cycle(client, world):
    scored_cycle(2021, {world.region: (3, 3, 3, 3, 3)})
    client.force_login(world.official)
    assert (
        client.get(reverse("evaluation:report", args=[2021, world.region.code])).status_code == 404
    )
    trend = client.get(reverse("evaluation:region", args=[world.region.code]))
    assert trend.context["history"] == []


def test_staff_see_an_unpublished_cycle_with_a_warning(client, world):
    scored_cycle(2021, {world.region: (3, 3, 3, 3, 3)})
    client.force_login(world.staff)
    response = client.get(reverse("evaluation:report", args=[2021, world.region.code]))
    assert "belum diumumkan" in response.content.decode()


@pytest.mark.parametrize("role", ["mentor", "assessor", "partner", "official"])
def test_other_roles_cannot_open_the_national_results(client, world, role):
    published(world)
    client.force_login(world.user(role))
    assert client.get(reverse("evaluation:cycle", args=[2019])).status_code == 403
    assert client.get(reverse("evaluation:cycles")).status_code == 403


@pytest.mark.parametrize("role", ["mentor", "assessor", "partner"])
def test_other_roles_cannot_open_a_regions_report(client, world, role):
    published(world)
    client.force_login(world.user(role))
    url = reverse("evaluation:report", args=[2019, world.region.code])
    assert client.get(url).status_code == 403


def test_the_results_page_shows_ranks_changes_and_award_candidates(client, world):
    scored_cycle(2018, {world.region: (2, 2, 2, 2, 2)})
    published(world)
    client.force_login(world.staff)
    response = client.get(reverse("evaluation:cycle", args=[2019]))
    results = response.context["results"]
    assert [(r.region, r.rank_national) for r in results] == [
        (world.other_region, 1),
        (world.region, 2),
    ]
    assert results[1].change == Decimal(1)
    assert results[0].change is None
    assert "+1,00" in response.content.decode()


@pytest.mark.parametrize("regions", [2, 20])
def test_the_results_page_costs_the_same_for_any_number_of_regions(
    client, world, django_assert_num_queries, regions
):
    published(world, extra=[RegionFactory() for _ in range(regions - 2)])
    client.force_login(world.staff)
    url = reverse("evaluation:cycle", args=[2019])
    # 1 session, 2 user, 3 the staff's second-factor device, 4 the cycle,
    # 5 its results with region, province, cohort and the previous index (one subquery)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("years", [1, 3])
def test_the_report_and_trend_cost_the_same_for_any_history(
    client, world, django_assert_num_queries, years
):
    for year in range(2019, 2019 + years):
        published(world, year=year)
    client.force_login(world.official)
    # 1 session, 2 user, 3 the result with region, province, cycle and cohort, 4 the previous
    # result, 5 the counts behind the three ranks, 6 the published revisions, 7 the region's
    # submitted verification panel (none here: an imported result)
    with django_assert_num_queries(7):
        client.get(reverse("evaluation:report", args=[2019 + years - 1, world.region.code]))
    # 1 session, 2 user, 3 the region, 4 its results across years, 5 the cycles under way (none
    # here, so no query for their self-assessments)
    with django_assert_num_queries(5):
        client.get(reverse("evaluation:region", args=[world.region.code]))


def test_the_cycle_list_costs_the_same_for_any_number_of_cycles(
    client, world, django_assert_num_queries
):
    for year in (2019, 2020, 2021):
        published(world, year=year)
    client.force_login(world.staff)
    # 1 session, 2 user, 3 device, 4 the cycles with their result counts, 5 every index by year
    with django_assert_num_queries(5):
        response = client.get(reverse("evaluation:cycles"))
    spreads = response.context["spreads"]
    assert [(s.year, s.count, s.minimum, s.maximum) for s in spreads] == [
        (y, 2, Decimal(3), Decimal(4)) for y in (2019, 2020, 2021)
    ]
    assert spreads[0].bands == [0, 0, 0, 1, 1]


def test_staff_publish_a_cycle(client, world):
    cycle = scored_cycle(2019, {world.region: (3, 3, 3, 3, 3)})
    client.force_login(world.staff)
    response = client.post(reverse("evaluation:publish", args=[2019]), follow=True)
    assert "Hasil evaluasi 2019 diumumkan." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.PUBLISHED and cycle.published_by == world.staff


def test_an_official_cannot_publish(client, world):
    cycle = scored_cycle(2019, {world.region: (3, 3, 3, 3, 3)})
    client.force_login(world.official)
    assert client.post(reverse("evaluation:publish", args=[2019])).status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT


def test_the_results_export_has_every_column(client, world):
    published(world)
    client.force_login(world.staff)
    response = client.get(reverse("evaluation:cycle_export", args=[2019, "csv"]))
    header, first, second = response.content.decode().splitlines()
    assert header.startswith("rank,region_code,region_name,baseline,output,outcome,impact")
    assert first.startswith("1,32.73,Kota Bandung,4.00,4.00,4.00,4.00,4.00,4.00,")
    xlsx = client.get(reverse("evaluation:cycle_export", args=[2019, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_a_regions_trend_export_lists_its_years(client, world):
    published(world, year=2019)
    cycle = cycle_create(year=2020)
    results_record(cycle=cycle, scores={world.region.pk: scores(4, 4, 4, 4, 3.5)})
    cycle_publish(cycle=cycle, by=world.staff)
    client.force_login(world.official)
    response = client.get(reverse("evaluation:region_export", args=[world.region.code, "csv"]))
    assert response.content.decode().splitlines() == [
        "year,baseline,output,outcome,impact,quick_win,index,change,rank",
        "2019,3.00,3.00,3.00,3.00,3.00,3.00,,2",
        "2020,4.00,4.00,4.00,4.00,3.50,3.90,0.90,1",
    ]


def test_an_official_lands_on_their_own_trend(client, world):
    client.force_login(world.official)
    response = client.get(reverse("evaluation:mine"))
    assert response.url == reverse("evaluation:region", args=[world.region.code])


def test_the_cohort_rank_is_shown_on_the_report(client, world):
    cohort = CohortFactory(year=2017)
    CandidateFactory(cohort=cohort, region=world.region, status="participant")
    published(world)
    client.force_login(world.official)
    response = client.get(reverse("evaluation:report", args=[2019, world.region.code]))
    assert "dari 1 angkatan 2017" in response.content.decode()


def test_staff_correct_a_published_result_as_a_new_revision(client, world):
    published(world)
    client.force_login(world.staff)
    url = reverse("evaluation:report", args=[2019, world.region.code])
    assert 'id="report-correction"' in client.get(url).text
    correct = reverse("evaluation:correct", args=[2019, world.region.code])
    data = {
        "baseline": "4.5",
        "output": "4.5",
        "outcome": "4.5",
        "impact": "4.5",
        "quick_win": "4.5",
        "reason": "Bukti quick win terlambat diterima.",
        "post_token": "a" * 32,
    }
    response = client.post(correct, data)
    assert response.status_code == 302 and response.url == url
    client.post(correct, data)  # a double click records nothing more
    result = Cycle.objects.get(year=2019).results.get(region=world.region)
    assert result.index == Decimal("4.50") and result.rank_national == 1
    revisions = list(result.revisions.order_by("number"))
    assert [r.reason for r in revisions][-1] == "Bukti quick win terlambat diterima."
    other = Cycle.objects.get(year=2019).results.get(region=world.other_region)
    assert other.rank_national == 2 and other.revisions.count() == 2  # moved down: revised


def test_a_correction_needs_a_reason_and_scores_within_0_to_5(client, world):
    published(world)
    client.force_login(world.staff)
    correct = reverse("evaluation:correct", args=[2019, world.region.code])
    data = dict.fromkeys(["baseline", "output", "outcome", "impact", "quick_win"], "3")
    response = client.post(correct, {**data, "baseline": "5.5", "reason": " "})
    assert response.status_code == 400
    assert set(response.context["correction"].errors) == {"baseline", "reason"}
    assert 'id="report-correction" open' in response.text
    assert "5.5" in response.text  # what was typed is kept
    result = Cycle.objects.get(year=2019).results.get(region=world.region)
    assert result.revision == 1 and result.index == Decimal("3.00")


@pytest.mark.parametrize("role", ["official", "mentor", "assessor", "evaluator"])
def test_only_staff_correct_results(client, world, role):
    published(world)
    client.force_login(world.user(role))
    correct = reverse("evaluation:correct", args=[2019, world.region.code])
    data = dict.fromkeys(["baseline", "output", "outcome", "impact", "quick_win"], "5")
    assert client.post(correct, {**data, "reason": "x"}).status_code == 403
    report = client.get(reverse("evaluation:report", args=[2019, world.region.code]))
    assert 'id="report-correction"' not in getattr(report, "text", "")
    assert Cycle.objects.get(year=2019).results.get(region=world.region).index == Decimal("3.00")
