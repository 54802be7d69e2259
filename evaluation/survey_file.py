"""The user survey file: one row per respondent, one column per survey question of the instrument.

    respondent_id,IMP-S1,IMP-S2
    R001,4,5
    R002,3,

The header names `respondent_id` and the codes of the instrument's survey-sourced indicators
(`Indicator.source = survey`), in any order; each answer is a whole number 1–5 (a Likert scale;
an empty cell means no answer to that question). The file is judged as a whole, all or nothing:
every problem is listed with its row (the header is row 1) and column, and nothing is kept
unless there is none. Pure code: the service stores what it returns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

ANSWER_MIN, ANSWER_MAX = 1, 5
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
ID_COLUMN = "respondent_id"


@dataclass
class SurveyFile:
    """What a file says: the answers per respondent, or every problem it has."""

    responses: list[tuple[str, dict[str, int | None]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.responses)


def parse_survey(data: bytes, *, question_codes: list[str]) -> SurveyFile:
    """Read a survey CSV (UTF-8, with or without BOM; comma or semicolon separated)."""
    result = SurveyFile()
    if len(data) > MAX_BYTES:
        result.problems.append(f"Berkas terlalu besar (maks. {MAX_BYTES // (1024 * 1024)} MB).")
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append("Berkas bukan teks CSV UTF-8.")
        return result
    if "\x00" in text:
        result.problems.append("Berkas bukan teks CSV UTF-8.")
        return result
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        result.problems.append("Berkas kosong.")
        return result
    header = [cell.strip() for cell in rows[0]]
    known = set(question_codes)
    if ID_COLUMN not in header:
        result.problems.append(f"Baris 1: kolom {ID_COLUMN} tidak ada.")
    for name in header:
        if name != ID_COLUMN and name not in known:
            result.problems.append(
                f"Baris 1: kolom {name or '(kosong)'} bukan pertanyaan survei instrumen ini "
                f"(yang dikenal: {', '.join(question_codes) or '-'})."
            )
    duplicates = sorted({name for name in header if header.count(name) > 1})
    for name in duplicates:
        result.problems.append(f"Baris 1: kolom {name} muncul lebih dari sekali.")
    questions = [name for name in header if name in known]
    if not questions:
        result.problems.append("Baris 1: tidak ada kolom pertanyaan survei.")
    if result.problems:
        return result
    if len(rows) - 1 > MAX_ROWS:
        result.problems.append(f"Terlalu banyak baris (maks. {MAX_ROWS} responden).")
        return result
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line between respondents
        if len(row) != len(header):
            result.problems.append(
                f"Baris {number}: {len(row)} kolom, seharusnya {len(header)} seperti baris 1."
            )
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        respondent = cells[ID_COLUMN]
        if not respondent:
            result.problems.append(f"Baris {number}, kolom {ID_COLUMN}: kosong.")
        elif len(respondent) > 60:
            result.problems.append(f"Baris {number}, kolom {ID_COLUMN}: lebih dari 60 karakter.")
        elif respondent in seen:
            result.problems.append(
                f"Baris {number}, kolom {ID_COLUMN}: {respondent} sudah ada di baris "
                f"{seen[respondent]}."
            )
        else:
            seen[respondent] = number
        answers: dict[str, int | None] = {}
        for code in questions:
            raw = cells[code]
            if raw == "":
                answers[code] = None
                continue
            if not raw.isascii() or not raw.isdigit() or not ANSWER_MIN <= int(raw) <= ANSWER_MAX:
                result.problems.append(
                    f"Baris {number}, kolom {code}: {raw!r} bukan jawaban "
                    f"{ANSWER_MIN}–{ANSWER_MAX}."
                )
                continue
            answers[code] = int(raw)
        if all(cells[code] == "" for code in questions):
            result.problems.append(f"Baris {number}: tidak ada jawaban sama sekali.")
        result.responses.append((respondent, answers))
    if not result.responses and not result.problems:
        result.problems.append("Tidak ada responden dalam berkas.")
    if result.problems:
        result.responses = []
    return result
