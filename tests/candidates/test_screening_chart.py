"""The ranked table's chart: composite scores per 5 points, the shortlist apart, its cut-off."""

import re

from django.urls import reverse

from candidates.charts import BINS, HEIGHT, TOP, composite_histogram
from candidates.models import ScreeningResult, ScreeningRun
from tests.candidates.helpers import screened_world


def test_each_ranked_region_is_counted_once_in_the_bar_of_its_score(world):
    run = screened_world(world, quota=1)  # composites 100 (Sukoharjo) and 0 (Bandung)

    chart = composite_histogram(run)

    assert len(chart.bars) == BINS
    assert sum(bar.total for bar in chart.bars) == run.ranked_count == 2
    top, bottom = chart.bars[-1], chart.bars[0]
    assert (top.low, top.shortlisted, top.ranked) == (95, 1, 0)  # 100 falls in the last bar
    assert (bottom.low, bottom.shortlisted, bottom.ranked) == (0, 0, 1)
    assert chart.cutoff == ScreeningResult.objects.get(run=run, rank=1).composite_score
    assert chart.tallest == 1
    assert top.shortlisted_height == HEIGHT - TOP and top.ranked_height == 0


def test_a_run_with_nobody_ranked_draws_no_bar(world):
    chart = composite_histogram(ScreeningRun(pk=-1))  # a run without a single result

    assert chart.tallest == 0 and chart.cutoff is None and chart.cutoff_x is None
    assert all(bar.total == 0 and bar.shortlisted_height == 0 for bar in chart.bars)


def test_the_ranked_table_shows_the_chart_in_svg_with_plain_numbers(client, world):
    run = screened_world(world, quota=1)
    client.force_login(world.staff)

    response = client.get(reverse("screening_run", args=[run.pk]), {"status": "ranked"})

    assert '<svg class="w-100 d-block"' in response.text
    assert "1 daftar pendek, 0 diperingkat" in response.text  # the whole run, not the filter
    # SVG coordinates stay in dot notation even in the Indonesian locale.
    assert 'width="46.0"' in response.text
    assert not re.search(r'(x|y|width|height)="-?\d+,\d', response.text)
