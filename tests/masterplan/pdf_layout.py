"""Reads a printed plan's word positions (pdfplumber) and lists what does not hold.

`layout_defects(content)` returns one line per defect, empty when the layout holds:

- a word outside the page's text area (past the margins, beyond the page);
- two words on one page overlapping (e.g. two bold totals run together);
- a word crossing a table's vertical rule (text outside its cell, an amount over the border);
- a truncated label (a word ending in "…": the print never shortens text).

The DRAF watermark (rotated, drawn over everything on purpose) is left out, as are words of
the running header and footer, which live in the page margins by design.
"""

from __future__ import annotations

import io

# A4 in points and the page margins of templates/base_pdf.html (22 mm top, 20 mm elsewhere).
MM = 72 / 25.4
MARGIN_TOP = 22 * MM
MARGIN_SIDE = 20 * MM
MARGIN_BOTTOM = 20 * MM
# Rounding of glyph boxes and rules: closer than this is touching, not overlapping.
SLACK = 0.6


def _words(page):
    words = page.extract_words(
        use_text_flow=False, keep_blank_chars=False, extra_attrs=["size", "upright"]
    )
    # The watermark: rotated and huge; nothing else in the plan is set above 40 pt.
    return [w for w in words if w["upright"] and w["size"] < 40 and w["text"].strip("\u200b")]


def _overlap(a, b) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > SLACK
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK
    )


def _vertical_rules(page):
    """Table cell borders: thin vertical lines or rectangle edges, as (x, top, bottom)."""
    rules = []
    for edge in page.edges:
        if edge["orientation"] == "v" and edge["height"] > 4:
            rules.append((edge["x0"], edge["top"], edge["bottom"]))
    return rules


def page_defects(page, number: int) -> list[str]:
    defects = []
    width, height = page.width, page.height
    words = _words(page)
    body = []
    for w in words:
        where = f"p. {number}: {w['text']!r}"
        in_header = w["bottom"] < MARGIN_TOP - SLACK
        in_footer = w["top"] > height - MARGIN_BOTTOM + SLACK
        if w["x0"] < -SLACK or w["x1"] > width + SLACK or w["top"] < 0 or w["bottom"] > height:
            defects.append(f"{where} lies beyond the page")
            continue
        if not (in_header or in_footer) and (
            w["x0"] < MARGIN_SIDE - SLACK or w["x1"] > width - MARGIN_SIDE + SLACK
        ):
            defects.append(f"{where} runs into the side margin (x {w['x0']:.0f}–{w['x1']:.0f})")
        if w["text"].endswith("…"):
            defects.append(f"{where} is truncated")
        if not (in_header or in_footer):
            body.append(w)
    # Words sorted by line; only neighbours within a line height can overlap.
    body.sort(key=lambda w: (w["top"], w["x0"]))
    for i, a in enumerate(body):
        for b in body[i + 1 :]:
            if b["top"] > a["bottom"]:
                break
            if _overlap(a, b):
                defects.append(f"p. {number}: {a['text']!r} overlaps {b['text']!r}")
    for x, top, bottom in _vertical_rules(page):
        for w in body:
            inside = w["x0"] + SLACK < x < w["x1"] - SLACK
            if inside and w["top"] < bottom - SLACK and w["bottom"] > top + SLACK:
                defects.append(f"p. {number}: {w['text']!r} crosses a cell border at x {x:.0f}")
    return defects


def layout_defects(content: bytes) -> list[str]:
    import pdfplumber

    defects = []
    with pdfplumber.open(io.BytesIO(content)) as document:
        for number, page in enumerate(document.pages, start=1):
            defects.extend(page_defects(page, number))
    return defects


def page_texts(content: bytes) -> list[str]:
    """Each page's text, as pdfplumber reads it (zero-width spaces removed)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as document:
        return [(page.extract_text() or "").replace("\u200b", "") for page in document.pages]


__all__ = ["layout_defects", "page_defects", "page_texts"]
