"""CSV and XLSX of a screening run, in the export format of DESIGN.md."""

import csv
import io

from openpyxl import Workbook

from . import ranking


def _order(result) -> tuple:
    # As `ranking.screen` lists them: by rank, then incomplete, then excluded, each by code.
    return (result.rank is None, result.rank or 0, result.status == "excluded", result.region.code)


def result_rows(results) -> list[list[str]]:
    """Header plus one row per result (rank empty unless ranked, scores to 4 decimals)."""
    return list(
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


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(rows, *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    header, *body = rows
    sheet.append(header)
    numeric = {"rank", "composite_score", "fiscal_score", "governance_score", "green_score"}
    for row in body:
        sheet.append(
            [
                (float(value) if "." in value else int(value))
                if name in numeric and value
                else value
                for name, value in zip(header, row, strict=True)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
