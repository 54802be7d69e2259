"""Published evaluation results on the public pages: the region's "Hasil evaluasi" section and
the overview's top ten. Only published cycles; a publication shows at once despite the cache;
constant queries."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluation.services import cycle_publish
from tests.evaluation.helpers import scored_cycle
from tests.library.helpers import draft_plan_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def evaluated(world):
    """Sukoharjo and Bandung take part; 2019 and 2020 published, 2021 scored but a draft
    (Sukoharjo's 2021 index would be 4.85, a value no published cycle has)."""
    draft_plan_of(world, world.region, name="Program Sukoharjo")
    draft_plan_of(world, world.other_region, name="Program Bandung")
    sukoharjo, bandung = world.region, world.other_region
    for year, scores in (
        (2019, {sukoharjo: (3, 3, 3, 3, 3), bandung: (4, 4, 4, 4, 4)}),
        (2020, {sukoharjo: (3.5, 3.5, 3.5, 3.5, 3.5), bandung: (3.25, 3, 3, 3, 3)}),
    ):
        cycle_publish(cycle=scored_cycle(year, scores), by=world.staff)
    return scored_cycle(2021, {sukoharjo: (4.85,) * 5, bandung: (1, 1, 1, 1, 1)})


def section(html: str, id_: str) -> str:
    start = html.index(f'id="{id_}"')
    return html[start : html.index("</section>", start)]


def rows(html: str) -> list[list[str]]:
    """The evaluation table's body rows, as their cells' texts."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", tr)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_region_page_shows_each_published_year_with_rank_and_change(client, world, evaluated):
    html = client.get(reverse("public_region", args=["33.11"])).content.decode()
    table = rows(section(html, "evaluation"))
    # Scores as Bahasa Indonesia writes decimals (a comma), two places as published.
    # year, index, change, national rank, the five parts (newest first)
    assert table == [
        ["2020", "3,50", "+0,50", "1 dari 2", "3,50", "3,50", "3,50", "3,50", "3,50"],
        ["2019", "3,00", "—", "2 dari 2", "3,00", "3,00", "3,00", "3,00", "3,00"],
    ]
    bandung = section(
        client.get(reverse("public_region", args=["32.73"])).content.decode(), "evaluation"
    )
    # 2020: .1*3.25 + .9*3 = 3.025 → 3.03 as published; 4.00 → 3.03 is -0.97.
    assert [r[:4] for r in rows(bandung)] == [
        ["2020", "3,03", "-0,97", "2 dari 2"],
        ["2019", "4,00", "—", "1 dari 2"],
    ]


def test_a_draft_cycles_results_never_show(client, world, evaluated):
    for code in ("33.11", "32.73"):
        html = client.get(reverse("public_region", args=[code])).content.decode()
        assert "2021" not in section(html, "evaluation") and "4,85" not in html
    overview = client.get(reverse("public_overview")).content.decode()
    assert "2021" not in overview and "4,85" not in overview


def test_a_region_without_published_results_says_so(client, world):
    draft_plan_of(world, world.region)
    scored_cycle(2019, {world.region: (3, 3, 3, 3, 3)})  # a draft
    html = client.get(reverse("public_region", args=["33.11"])).content.decode()
    assert "Belum ada hasil evaluasi yang diumumkan" in section(html, "evaluation")
    assert 'id="evaluation-top"' not in client.get(reverse("public_overview")).content.decode()


def test_publishing_a_cycle_shows_at_once_on_the_cached_pages(client, world, evaluated):
    region_url, overview_url = reverse("public_region", args=["33.11"]), reverse("public_overview")
    before = client.get(region_url)
    overview = client.get(overview_url).content.decode()
    assert "Sepuluh besar evaluasi 2020" in overview
    cycle_publish(cycle=evaluated, by=world.staff)
    after = client.get(region_url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert rows(section(after.content.decode(), "evaluation"))[0][:4] == [
        "2021",
        "4,85",
        "+1,35",
        "1 dari 2",
    ]
    top = section(client.get(overview_url).content.decode(), "evaluation-top")
    assert "Sepuluh besar evaluasi 2021" in top
    assert [r[:3] for r in rows(top)] == [
        ["1", "Kabupaten Sukoharjo", "4,85"],
        ["2", "Kota Bandung", "1,00"],
    ]


def test_the_overview_links_only_regions_that_have_a_page(client, world, evaluated):
    top = section(client.get(reverse("public_overview")).content.decode(), "evaluation-top")
    assert reverse("public_region", args=["33.11"]) in top
    assert "/api/v1/evaluations/?year=2020&amp;format=csv" in top
    assert "/evaluasi/" not in top  # nothing private: the staff pages are never linked


def test_the_region_page_takes_the_same_queries_for_one_year_or_three(
    client, world, django_assert_num_queries
):
    draft_plan_of(world, world.region)
    cycle_publish(cycle=scored_cycle(2019, {world.region: (3, 3, 3, 3, 3)}), by=world.staff)
    url = reverse("public_region", args=["33.11"])
    # two stamps (plans, evaluation), participants, the published plan, the evaluation
    # results with how many each cycle ranked
    with django_assert_num_queries(5):
        client.get(url)
    for year in (2020, 2021):
        cycle_publish(cycle=scored_cycle(year, {world.region: (4, 4, 4, 4, 4)}), by=world.staff)
    cache.clear()
    with django_assert_num_queries(5):
        html = client.get(url).content.decode()
    assert len(rows(section(html, "evaluation"))) == 3


def test_the_section_reads_in_english(client, world, evaluated):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("public_region", args=["33.11"]), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Evaluation results" in html
    assert rows(section(html, "evaluation"))[0][:4] == ["2020", "3.50", "+0.50", "1 of 2"]
    overview = client.get(reverse("public_overview"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Top ten of the 2020 evaluation" in overview
