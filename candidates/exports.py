"""The rows of a screening run's export, in the format of DESIGN.md.

`smartcity.exports` writes them as CSV or XLSX; the header is `ranking.EXPORT_HEADER`.
"""

from . import ranking

HEADER = ranking.EXPORT_HEADER
# Written as text to 4 decimals in CSV, as numbers in XLSX.
NUMBER_COLUMNS = {"rank", "composite_score", "fiscal_score", "governance_score", "green_score"}


def _order(result) -> tuple:
    # As `ranking.screen` lists them: by rank, then incomplete, then excluded, each by code.
    return (result.rank is None, result.rank or 0, result.status == "excluded", result.region.code)


def result_rows(results) -> list[list[str]]:
    """One row per result, without the header (rank empty unless ranked, scores to 4 decimals)."""
    _header, *rows = list(
        ranking.export_rows(
            ranking.RegionResult(
                code=r.region.code,
                name=r.region.name,
                status=r.status,
                rank=r.rank,
                fiscal_score=r.fiscal_score,
                governance_score=r.governance_score,
                green_score=r.green_score,
                composite=r.composite_score,
            )
            for r in sorted(results, key=_order)
        )
    )
    return rows
