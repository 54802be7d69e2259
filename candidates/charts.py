"""A chart of a screening run for the ranked table: how the composite scores spread, and where
the shortlist ends. Plain data for an inline SVG (no script, nothing the CSP would block)."""

from dataclasses import dataclass

from .models import ScreeningResult

BIN_WIDTH = 5  # composite points per bar: 20 bars over 0–100
BINS = 100 // BIN_WIDTH
# Drawing units of the SVG's viewBox; the template scales it to the page's width.
WIDTH, HEIGHT, BAR_GAP, TOP = 1000, 150, 4, 10


@dataclass(frozen=True)
class Bar:
    low: int  # the bin is [low, low + BIN_WIDTH), the last one includes 100
    shortlisted: int
    ranked: int
    x: float
    width: float
    shortlisted_y: float
    shortlisted_height: float
    ranked_y: float
    ranked_height: float

    @property
    def high(self) -> int:
        return self.low + BIN_WIDTH

    @property
    def total(self) -> int:
        return self.shortlisted + self.ranked


@dataclass(frozen=True)
class Histogram:
    bars: list[Bar]
    tallest: int
    cutoff: float | None  # the lowest shortlisted composite score
    cutoff_x: float | None
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def ticks(self) -> list[dict]:
        """Axis labels at 0, 25, 50, 75 and 100 points."""
        return [
            {
                "label": points,
                "x": points * WIDTH // 100,
                "anchor": "start" if points == 0 else "end" if points == 100 else "middle",
            }
            for points in (0, 25, 50, 75, 100)
        ]


def composite_histogram(run) -> Histogram:
    """Ranked regions of the run per 5 points of composite score, shortlisted ones apart.

    One query, whatever filters the table shows: the chart is always of the whole run.
    """
    shortlisted, ranked = [0] * BINS, [0] * BINS
    cutoff = None
    for score, status in ScreeningResult.objects.filter(
        run=run, rank__isnull=False, composite_score__isnull=False
    ).values_list("composite_score", "status"):
        index = min(int(score // BIN_WIDTH), BINS - 1)
        if status == ScreeningResult.Status.SHORTLISTED:
            shortlisted[index] += 1
            cutoff = score if cutoff is None else min(cutoff, score)
        else:
            ranked[index] += 1
    tallest = max((s + r for s, r in zip(shortlisted, ranked, strict=True)), default=0)
    scale = (HEIGHT - TOP) / tallest if tallest else 0
    slot = WIDTH / BINS
    bars = []
    for i in range(BINS):
        s_height, r_height = shortlisted[i] * scale, ranked[i] * scale
        bars.append(
            Bar(
                low=i * BIN_WIDTH,
                shortlisted=shortlisted[i],
                ranked=ranked[i],
                x=round(i * slot + BAR_GAP / 2, 2),
                width=round(slot - BAR_GAP, 2),
                ranked_y=round(HEIGHT - r_height, 2),
                ranked_height=round(r_height, 2),
                shortlisted_y=round(HEIGHT - r_height - s_height, 2),
                shortlisted_height=round(s_height, 2),
            )
        )
    cutoff_x = None if cutoff is None else round(cutoff / 100 * WIDTH, 2)
    return Histogram(bars=bars, tallest=tallest, cutoff=cutoff, cutoff_x=cutoff_x)
