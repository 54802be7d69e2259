"""The master plan as a printable PDF: one frozen `PlanVersion` in, A4 pages out.

Everything printed comes from the version's snapshot (`version.data`, see `snapshot.py`), so a
version prints the same document forever; only the cover's state line and the DRAF watermark
read the live plan (is this still the approved, latest version?).

Rendering is HTML (`templates/masterplan/pdf/plan.html` on `templates/base_pdf.html`) turned
into PDF by WeasyPrint. WeasyPrint is imported lazily: it takes over a second to import and most
processes that import this module (web workers listing PDF jobs) never render.

WeasyPrint may fetch URLs while rendering (stylesheets, images, fonts). It only gets
`SafeURLFetcher`, which reads files under the project's static directories and `data:` URLs and
refuses anything else, so no template mistake or user text can make a render reach the network
or read files such as settings or keys.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import re
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from .snapshot import programme_total, totals

# The roadmap splits into charts of at most this many programme rows, so that one chart fits on
# an A4 page under its heading (a 300-programme plan prints as several charts).
ROADMAP_ROWS_PER_CHART = 40


# --- what is printed and under which name ---------------------------------------------------


def is_approved_print(version) -> bool:
    """True for the plan's latest version once the ministry approved it (or the region enacted
    it): the only print without the DRAF watermark. Older versions of an approved plan are
    drafts of it, whatever their content."""
    from .models import Plan

    plan = version.plan
    return plan.status in Plan.APPROVED_STATES and version.number == plan.version_count


def _file_stem(region: dict) -> str:
    code = "".join(c for c in region["code"] if c.isalnum() or c == ".") or "wilayah"
    name = slugify(region["name"]) or "wilayah"
    return f"masterplan-{code}-{name}"


def pdf_filename(version, *, approved: bool) -> str:
    """An ASCII file name, e.g. `masterplan-33.11-kabupaten-sukoharjo-v2.pdf` (`-draf` added
    when the print carries the watermark)."""
    suffix = "" if approved else "-draf"
    return f"{_file_stem(version.data['region'])}-v{version.number}{suffix}.pdf"


def preview_filename(plan) -> str:
    """A working copy's draft preview: `masterplan-33.11-kabupaten-sukoharjo-pratinjau-draf.pdf`."""
    region = plan.candidate.region
    return f"{_file_stem({'code': region.code, 'name': region.name})}-pratinjau-draf.pdf"


# --- HTML -----------------------------------------------------------------------------------

# User text may hold runs without a break opportunity (URLs, identifiers, or 100,000 pasted
# characters). WeasyPrint breaks such a run with `overflow-wrap: anywhere` by laying out the
# whole rest of the text again for every line, so a render grows with the square of the run:
# 8,000 characters took 2.4 s, 100,000 would take several minutes. A zero-width space every
# `RUN_BREAK_EVERY` characters gives it break opportunities close enough that each line is laid
# out from a short piece of text: 100,000 characters then take seconds and grow linearly.
# 20 characters of ordinary text fit a line of the narrowest column that prints free text (the
# quick-win impact, 26 % of the page at 8 pt), and wider ones are still broken from a short
# piece; ordinary words are never that long, so they are left alone.
RUN_BREAK_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"
# Only the white space that HTML turns into breakable spaces ends a run: a no-break space does
# not give WeasyPrint a break opportunity, so it counts as part of the run.
_LONG_RUN = re.compile(rf"[^ \t\n\r\f]{{{RUN_BREAK_EVERY + 1},}}")


def _break_run(match: re.Match) -> str:
    run = match.group()
    return ZERO_WIDTH_SPACE.join(
        run[i : i + RUN_BREAK_EVERY] for i in range(0, len(run), RUN_BREAK_EVERY)
    )


def break_long_runs(text) -> str:
    """`text` with a zero-width space every `RUN_BREAK_EVERY` characters of any run longer than
    that, so no printed text can make WeasyPrint's line breaking quadratic (see above)."""
    return _LONG_RUN.sub(_break_run, "" if text is None else str(text))


def _date(value: str | None) -> date | None:
    # Snapshots keep dates as ISO strings (JSON has no date type); print them as dates.
    return date.fromisoformat(value) if value else None


def _programme_rows(programmes: list[dict]) -> list[dict]:
    return [
        {
            **p,
            "total": programme_total(p),
            "budget_rows": sorted((int(y), amount) for y, amount in p["budgets"].items()),
            "quick_win_start": _date(p.get("quick_win_start")),
        }
        for p in programmes
    ]


def plan_pdf_context(version, *, approved: bool) -> dict:
    """What the PDF template prints: the snapshot, its totals and the cover's facts."""
    from .models import Plan, Programme

    data = version.data
    plan = version.plan
    sums = totals(data)
    by_dimension = {d["code"]: [] for d in data["dimensions"]}
    for p in data["programmes"]:
        by_dimension.setdefault(p["dimension"], []).append(p)
    dimension_names = {d["code"]: d["name"] for d in data["dimensions"]}
    dimensions = [
        {
            "number": f"4.{number}",
            "code": code,
            "name": dimension_names.get(code, code),
            "strategy": data["strategies"].get(code, ""),
            "programmes": _programme_rows(programmes),
            "total": sums.by_dimension.get(code, 0),
        }
        for number, (code, programmes) in enumerate(by_dimension.items(), start=1)
    ]
    # Funding sources in the model's order; a snapshot carries its own names for them.
    source_names = {p["funding_source"]: p["funding_name"] for p in data["programmes"]}
    order = [value for value, _label in Programme.Funding.choices]
    sources = sorted(
        sums.by_source, key=lambda s: (order.index(s) if s in order else len(order), s)
    )
    budget_years = [
        {
            "year": year,
            "amounts": [sums.by_source_year.get(s, {}).get(year, 0) for s in sources],
            "total": sums.by_year[year],
        }
        for year in sums.years
    ]
    end_year = data["start_year"] + data["horizon_years"] - 1
    submitted = version.pk is not None
    return {
        "version": version,
        "data": data,
        "approved": approved,
        "region_name": data["region"]["name"],
        "plan_status": Plan.Status(plan.status).label,
        # The ministry's letter, printed on the approved print's cover (a live fact of the
        # plan, like its status, not of the frozen version).
        "approval_letter": (
            {"number": plan.approval_letter_number, "date": plan.approval_letter_date}
            if approved and plan.approval_letter_number
            else None
        ),
        "is_latest": version.number == plan.version_count,
        "submitted": submitted,
        # The working copy, never submitted as it is: every page says it is a draft preview.
        "preview": not submitted,
        "end_year": end_year,
        "printed_at": timezone.localtime(),
        "totals": sums,
        "sources": [{"code": s, "name": source_names.get(s, s)} for s in sources],
        "source_totals": [sums.by_source[s] for s in sources],
        "budget_years": budget_years,
        "dimensions": dimensions,
        "quick_wins": [p for p in _programme_rows(data["programmes"]) if p["is_quick_win"]],
        "governance": [
            {**body, "decree_date": _date(body.get("decree_date"))} for body in data["governance"]
        ],
        "roadmap": mark_safe(roadmap_svg(data)),  # built from escaped text, see roadmap_svg
        "plan_url": settings.SITE_URL.rstrip("/") + plan.get_absolute_url(),
    }


def render_version_html(version, *, approved: bool) -> str:
    """The version as HTML for WeasyPrint (every user text auto-escaped by the templates)."""
    return render_to_string(
        "masterplan/pdf/plan.html", plan_pdf_context(version, approved=approved)
    )


# --- PDF ------------------------------------------------------------------------------------


def static_base_url() -> str:
    """Where relative URLs in a PDF template point: the project's `static/` directory."""
    return (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"


def html_to_pdf_pages(html: str) -> tuple[bytes, int]:
    """HTML to PDF bytes and their page count, WeasyPrint fetching through `SafeURLFetcher`."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=static_base_url(), url_fetcher=pdf_fetcher()
    ).render()
    return document.write_pdf(), len(document.pages)


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF bytes (see `html_to_pdf_pages`)."""
    return html_to_pdf_pages(html)[0]


def render_version_pdf_pages(version, *, approved: bool) -> tuple[bytes, int]:
    """The version as a PDF document and its page count."""
    return html_to_pdf_pages(render_version_html(version, approved=approved))


def render_version_pdf(version, *, approved: bool) -> bytes:
    """The version as a PDF document (synchronous, seconds for a long plan: call it from a task
    or a command, not from a view)."""
    return render_version_pdf_pages(version, approved=approved)[0]


# --- fetching resources during a render -----------------------------------------------------


class RefusedURL(ValueError):
    """A URL the PDF renderer may not fetch (network, files outside the static directories)."""


@functools.cache
def _static_roots() -> tuple[Path, ...]:
    roots = []
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, (list, tuple)) else entry))
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                roots.append(Path(storage.location))
    return tuple(dict.fromkeys(root.resolve() for root in roots))


def _static_file(path: str) -> Path | None:
    """The file `path` names if it lies under a static root (symlinks and `..` resolved)."""
    candidates = [Path(path)]
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(static_prefix):
        # `{% static %}` URLs resolve against the base URL to `file:///static/...`.
        try:
            found = finders.find(path.removeprefix(static_prefix))
        except SuspiciousFileOperation:
            found = None
        if found:
            candidates.append(Path(found))
    for candidate in candidates:
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if real.is_file() and any(real.is_relative_to(root) for root in _static_roots()):
            return real
    return None


def safe_url_fetcher(url: str, headers=None):
    """Fetch `url` for WeasyPrint, or raise `RefusedURL`.

    Serves `data:` URLs and `file:` URLs of files under the static directories (STATIC_ROOT,
    STATICFILES_DIRS, the apps' `static/`), read from disk. Everything else (http, https, ftp,
    other files, `../` escapes) is refused: a render never touches the network.
    """
    from weasyprint.urls import URLFetcherResponse

    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        header, comma, payload = url[len("data:") :].partition(",")
        if not comma:
            raise RefusedURL(f"Malformed data URL: {url[:60]}")
        mime, *params = header.split(";")
        if params and params[-1].strip().lower() == "base64":
            body = base64.b64decode(unquote(payload))
        else:
            body = unquote_to_bytes(payload)
        return URLFetcherResponse(
            url, body, {"Content-Type": mime.strip() or "text/plain"}, status=200
        )
    if scheme == "file":
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Remote file URL refused: {url}")
        found = _static_file(url2pathname(parts.path))
        if found is None:
            raise RefusedURL(f"Only static files may be used in a PDF: {url}")
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            found.as_uri(), found.read_bytes(), {"Content-Type": content_type}, status=200
        )
    raise RefusedURL(f"URL refused while rendering a PDF: {url}")


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class SafeURLFetcher(URLFetcher):
        """WeasyPrint's fetcher interface (v70 wants a `URLFetcher`), fetching safely."""

        def fetch(self, url, headers=None):
            return safe_url_fetcher(url, headers)

    return SafeURLFetcher


def pdf_fetcher():
    """A fresh `SafeURLFetcher`; a refused URL is logged by WeasyPrint and left out."""
    return _fetcher_class()()


# --- roadmap --------------------------------------------------------------------------------

_CHART_WIDTH = 640  # px at 96 dpi: the 170 mm text width of an A4 portrait page
_LABEL_WIDTH = 260
_ROW = 15
_HEAD = 34
_LABEL_CHARS = 44
_BAR = "#1f5fa8"
_QUICK_WIN = "#e8710a"


def _label(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _LABEL_CHARS:
        text = text[: _LABEL_CHARS - 1].rstrip() + "…"
    return escape(text)


def roadmap_charts(data: dict) -> list[str]:
    """The roadmap as SVG charts: per dimension, at most `ROADMAP_ROWS_PER_CHART` programmes
    each, one row per programme and one column per year of the plan; quick wins in orange."""
    start, horizon = data["start_year"], data["horizon_years"]
    end = start + horizon - 1
    column = (_CHART_WIDTH - _LABEL_WIDTH - 4) / horizon
    by_dimension: dict[str, list[dict]] = {d["code"]: [] for d in data["dimensions"]}
    names = {d["code"]: d["name"] for d in data["dimensions"]}
    for p in data["programmes"]:
        by_dimension.setdefault(p["dimension"], []).append(p)
    charts = []
    for code, programmes in by_dimension.items():
        chunks = [
            programmes[i : i + ROADMAP_ROWS_PER_CHART]
            for i in range(0, len(programmes), ROADMAP_ROWS_PER_CHART)
        ]
        for part, rows in enumerate(chunks):
            title = names.get(code, code)
            if len(chunks) > 1:
                title = f"{title} ({part + 1}/{len(chunks)})"
            height = _HEAD + _ROW * len(rows) + 2
            out = [
                f'<svg xmlns="http://www.w3.org/2000/svg" class="roadmap" '
                f'width="{_CHART_WIDTH}" height="{height}" '
                f'viewBox="0 0 {_CHART_WIDTH} {height}" font-family="DejaVu Sans" font-size="9">',
                f"<title>{escape(title)}</title>",
                f'<text x="0" y="12" font-size="11" font-weight="bold">{escape(title)}</text>',
            ]
            for i in range(horizon):
                x = _LABEL_WIDTH + i * column
                out.append(
                    f'<text x="{x + column / 2:.1f}" y="{_HEAD - 6}" text-anchor="middle">'
                    f"{start + i}</text>"
                )
            for n, p in enumerate(rows):
                y = _HEAD + n * _ROW
                if n % 2 == 0:
                    out.append(
                        f'<rect x="0" y="{y}" width="{_CHART_WIDTH}" height="{_ROW}" '
                        f'fill="#f2f4f7"/>'
                    )
                out.append(f'<text x="2" y="{y + 11}">{_label(p["name"])}</text>')
                first = min(max(p["start_year"], start), end)
                last = min(max(p["end_year"], first), end)
                x = _LABEL_WIDTH + (first - start) * column + 2
                width = (last - first + 1) * column - 4
                colour = _QUICK_WIN if p["is_quick_win"] else _BAR
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{_ROW - 6}" '
                    f'rx="2" fill="{colour}"/>'
                )
            for i in range(horizon + 1):
                x = _LABEL_WIDTH + i * column
                out.append(
                    f'<line x1="{x:.1f}" y1="{_HEAD - 18}" x2="{x:.1f}" y2="{height - 2}" '
                    f'stroke="#b0b7c3" stroke-width="0.5"/>'
                )
            out.append("</svg>")
            charts.append("".join(out))
    return charts


def roadmap_svg(data: dict) -> str:
    """Every roadmap chart, each in a block that is not split across pages (HTML string).

    Safe to print unescaped: every text in it went through `html.escape`.
    """
    return "".join(f'<div class="roadmap-part">{chart}</div>' for chart in roadmap_charts(data))


__all__ = [
    "RUN_BREAK_EVERY",
    "RefusedURL",
    "break_long_runs",
    "html_to_pdf",
    "html_to_pdf_pages",
    "is_approved_print",
    "pdf_fetcher",
    "pdf_filename",
    "preview_filename",
    "plan_pdf_context",
    "render_version_html",
    "render_version_pdf",
    "render_version_pdf_pages",
    "roadmap_charts",
    "roadmap_svg",
    "safe_url_fetcher",
    "static_base_url",
]
