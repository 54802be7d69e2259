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
import textwrap
from datetime import date
from decimal import Decimal, InvalidOperation
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .snapshot import programme_total, totals

# The roadmap splits into charts of at most this many programme rows (and at most
# `_CHART_MAX_HEIGHT` high, labels wrap), so that one chart fits on an A4 page under its
# heading (a 300-programme plan prints as several charts).
ROADMAP_ROWS_PER_CHART = 40

# --- the books ------------------------------------------------------------------------------

# The programme's books (Bimtek I–IV): Buku I the strategic analysis, Buku II the master plan
# itself, Buku III the executive summary with the quick wins. `WHOLE` prints everything.
WHOLE = "all"
BOOKS = (WHOLE, "1", "2", "3")

# Every part of the document in print order, and the books it belongs to. Parts with a number
# are chapters (numbered within each book); the others are front and back matter.
_A, _B1, _B2, _B3 = WHOLE, "1", "2", "3"
PARTS = (
    # (id, numbered chapter?, books)
    ("adopsi", False, {_A, _B2}),
    ("kata-pengantar", False, {_A, _B1, _B2}),
    ("ringkasan", True, {_A, _B3}),
    ("pendahuluan", True, {_A, _B1, _B2}),
    ("profil-daerah", True, {_A, _B1}),
    ("kesiapan", True, {_A, _B1}),
    ("strategi", True, {_A, _B2}),
    ("program", True, {_A, _B2}),
    ("program-jenis", True, {_A, _B2}),
    ("anggaran", True, {_A, _B2, _B3}),
    ("quick-win", True, {_A, _B3}),
    ("peta-jalan", True, {_A, _B2}),
    ("tata-kelola", True, {_A, _B2}),
    ("penutup", True, {_A, _B2}),
    ("glosarium", False, {_A, _B1, _B2}),
    ("lampiran-program", False, {_A, _B2}),
)


def book_parts(book: str) -> tuple[set[str], dict[str, int]]:
    """The parts a book prints and the number of each of its chapters (1, 2, …)."""
    shown = {part for part, _numbered, books in PARTS if book in books}
    numbered = [part for part, is_chapter, _books in PARTS if is_chapter and part in shown]
    return shown, {part: n for n, part in enumerate(numbered, start=1)}


def book_label(book: str) -> str:
    from .models import PdfJob

    return str(PdfJob.Book(book).label)


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


# How a book is named in file names: `-buku-1` etc.; the whole plan has no suffix.
BOOK_SLUGS = {WHOLE: "", "1": "-buku-1", "2": "-buku-2", "3": "-buku-3"}


def pdf_filename(version, *, approved: bool, book: str = WHOLE) -> str:
    """An ASCII file name, e.g. `masterplan-33.11-kabupaten-sukoharjo-v2.pdf`, with the book
    (`-buku-2`) when only one is printed and `-draf` when the print carries the watermark."""
    suffix = "" if approved else "-draf"
    stem = _file_stem(version.data["region"])
    return f"{stem}{BOOK_SLUGS.get(book, '')}-v{version.number}{suffix}.pdf"


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


def figure(value) -> str:
    """A KPI figure as Indonesians write it: `1.200`, `12,5`, `0` (no `.00`, dots grouping)."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    number = number.quantize(Decimal("1")) if number == number.to_integral() else number.normalize()
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
    return ("-" if number < 0 else "") + text


def regulation_number(number: str, regulation_date) -> str:
    """`3 Tahun 2018` from a regulation number with or without its year (`3`, `3/2018` are
    kept as typed; the year is added only when the number does not say `Tahun`)."""
    number = " ".join((number or "").split())
    if re.search(r"\btahun\b", number, re.IGNORECASE) or regulation_date is None:
        return number
    return f"{number} Tahun {regulation_date.year}"


_DECREE_WORD = re.compile(r"^\s*(SK|Surat Keputusan|Keputusan)\b", re.IGNORECASE)


def decree_name(number: str) -> str:
    """`SK nomor 12/2018`, or the number as typed when it already names the decree
    (`SK Bupati 12/2018`, `Keputusan Wali Kota …`): never "SK nomor SK …"."""
    number = " ".join((number or "").split())
    if _DECREE_WORD.match(number):
        return number
    return _("SK nomor %(number)s") % {"number": number}


def head_of_region(region) -> str:
    """`Bupati Sukoharjo`, `Wali Kota Bandung`: the head of a kabupaten or kota by title."""
    from smartcity.models import Region

    place = region.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    title = _("Wali Kota") if region.kind == Region.Kind.CITY else _("Bupati")
    return f"{title} {place}"


def adoption(plan, *, approved: bool, end_year: int) -> dict:
    """The adoption page: the enacting regulation once the approved plan is enacted, else a
    blank signature page for the head of region (marked DRAF on a draft print)."""
    from smartcity.models import Region

    from .models import Plan

    region = plan.candidate.region
    enacted = (
        approved
        and plan.status == Plan.Status.ENACTED
        and bool(plan.regulation_type and plan.regulation_number and plan.regulation_date)
    )
    head = head_of_region(region)
    place = region.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    if enacted and plan.regulation_type == Plan.Regulation.PERDA:
        regulation = _("Peraturan Daerah %(region)s") % {"region": region.name}
    elif enacted:
        regulation = f"{Plan.Regulation(plan.regulation_type).label} {place}"
    else:
        kind = Plan.Regulation.PERWAL if region.kind == Region.Kind.CITY else Plan.Regulation.PERBUP
        regulation = f"{Plan.Regulation(kind).label} {place}"
    return {
        "enacted": enacted,
        "regulation": regulation,
        "number": (
            regulation_number(plan.regulation_number, plan.regulation_date) if enacted else ""
        ),
        "date": plan.regulation_date if enacted else None,
        "head": head,
        "place": place,
        "subject": _("Masterplan Smart City %(region)s Tahun %(start)s–%(end)s")
        % {"region": region.name, "start": plan.start_year, "end": end_year},
    }


def emblem_data_url(plan) -> str:
    """The region's emblem, if the plan has one uploaded, as a `data:` URL (the fetcher reads
    nothing else than static files and data URLs); "" otherwise."""
    name = plan.emblem_file
    if not name:
        return ""
    from smartcity.storage import private_storage
    from smartcity.uploads import PNG_MAGIC

    try:
        with private_storage().open(name) as f:
            content = f.read()
    except OSError:
        return ""
    mime = "image/png" if content.startswith(PNG_MAGIC) else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def plan_pdf_context(version, *, approved: bool, book: str = WHOLE) -> dict:
    """What the PDF template prints: the snapshot, its totals and the cover's facts; `book`
    chooses the parts (`WHOLE` or "1", "2", "3", see `PARTS`)."""
    from .document import executive_summary_text, group_by_type, snapshot_profile
    from .models import Plan, Programme

    if book not in BOOKS:
        raise ValueError(f"Unknown book {book!r}")
    data = version.data
    plan = version.plan
    sums = totals(data)
    shown, chapter = book_parts(book)
    by_dimension = {d["code"]: [] for d in data["dimensions"]}
    for p in data["programmes"]:
        by_dimension.setdefault(p["dimension"], []).append(p)
    dimension_names = {d["code"]: d["name"] for d in data["dimensions"]}
    programme_chapter = chapter.get("program", 0)
    dimensions = [
        {
            "number": f"{programme_chapter}.{number}",
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
    front = data.get("front_matter") or {}
    back = data.get("back_matter") or {}
    summary, summary_is_draft = executive_summary_text(data)
    texts = data.get("profile") or {}
    profile = None
    if "profil-daerah" in shown:
        figures = snapshot_profile(data)
        profile = {
            "province_name": figures.province_name,
            "kind_name": figures.kind_name,
            "population": figures.population,
            "area_km2": figures.area_km2,
            "density": figures.density,
            "cohort": figures.cohort,
            "source": figures.source,
            "economy": texts.get("economy", ""),
            "sectors": texts.get("sectors", ""),
        }
    region_name = data["region"]["name"]
    book_name = "" if book == WHOLE else book_label(book)
    return {
        "version": version,
        "data": data,
        "approved": approved,
        "book": book,
        "book_name": book_name,
        "shown": shown,
        # Chapter numbers by part, the part's "-" as "_" for the template (chapter.quick_win).
        "chapter": {part.replace("-", "_"): n for part, n in chapter.items()},
        "region_name": region_name,
        "government": _("Pemerintah %(region)s") % {"region": region_name},
        "document_title": " — ".join(
            filter(
                None,
                [
                    _("Masterplan Smart City %(region)s %(start)s–%(end)s")
                    % {"region": region_name, "start": data["start_year"], "end": end_year},
                    book_name,
                ],
            )
        ),
        "plan_status": Plan.Status(plan.status).label,
        # The ministry's letter, printed on the approved print's cover (a live fact of the
        # plan, like its status, not of the frozen version).
        "approval_letter": (
            {"number": plan.approval_letter_number, "date": plan.approval_letter_date}
            if approved and plan.approval_letter_number
            else None
        ),
        "adoption": adoption(plan, approved=approved, end_year=end_year),
        "emblem": emblem_data_url(plan),
        "is_latest": version.number == plan.version_count,
        "submitted": submitted,
        # The working copy, never submitted as it is: every page says it is a draft preview.
        "preview": not submitted,
        "end_year": end_year,
        "printed_at": timezone.localtime(),
        "totals": sums,
        "sources": [
            {"code": s, "name": source_names.get(s, s), "total": sums.by_source[s]} for s in sources
        ],
        "source_totals": [sums.by_source[s] for s in sources],
        "budget_years": budget_years,
        "dimensions": dimensions,
        "types": [
            {"name": kind["name"], "programmes": _programme_rows(ps), "total": total}
            for kind, ps, total in group_by_type(data)
        ],
        "quick_wins": [p for p in _programme_rows(data["programmes"]) if p["is_quick_win"]],
        "governance": [
            {
                **body,
                "decree_date": _date(body.get("decree_date")),
                "decree": decree_name(body.get("decree_number", "")),
            }
            for body in data["governance"]
        ],
        "forewords": [
            (title, text)
            for title, text in (
                (_("Kata Pengantar Kepala Daerah"), front.get("foreword_head", "")),
                (_("Kata Pengantar Ketua Tim Pelaksana"), front.get("foreword_team", "")),
            )
            if text.strip()
        ],
        "legal_basis": front.get("legal_basis", []),
        "summary": summary,
        "summary_is_draft": summary_is_draft,
        "closing": back.get("closing", ""),
        "glossary": back.get("glossary", []),
        "profile": profile,
        "region_map": _region_map(data, profile) if "profil-daerah" in shown else "",
        "roadmap": (
            mark_safe(roadmap_svg(data)) if "peta-jalan" in shown else ""
        ),  # built from escaped text, see roadmap_svg
        "plan_url": settings.SITE_URL.rstrip("/") + plan.get_absolute_url(),
    }


def _region_map(data: dict, profile: dict | None) -> str:
    """The region's shape as inline SVG (names escaped by `region_shape_svg`), or ""."""
    from smartcity.geometry import region_shape_svg

    return region_shape_svg(data["region"]["code"], label=data["region"]["name"])


def render_version_html(version, *, approved: bool, book: str = WHOLE) -> str:
    """The version as HTML for WeasyPrint (every user text auto-escaped by the templates)."""
    return render_to_string(
        "masterplan/pdf/plan.html", plan_pdf_context(version, approved=approved, book=book)
    )


# --- PDF ------------------------------------------------------------------------------------


def static_base_url() -> str:
    """Where relative URLs in a PDF template point: the project's `static/` directory."""
    return (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"


# Approved and enacted prints are archival: PDF/A-3b (ISO 19005-3, level B: the look is
# preserved; every font embedded, sRGB output intent, XMP metadata). Every print is tagged
# (structure tree: headings, paragraphs, tables, lists) for screen readers.
ARCHIVAL_VARIANT = "pdf/a-3b"


def pdf_options(*, archival: bool) -> dict:
    """WeasyPrint's `write_pdf` options for a print: tagged always, PDF/A when archival."""
    options = {"pdf_tags": True}
    if archival:
        options["pdf_variant"] = ARCHIVAL_VARIANT
    return options


def html_to_pdf_pages(html: str, *, archival: bool = False) -> tuple[bytes, int]:
    """HTML to PDF bytes and their page count, WeasyPrint fetching through `SafeURLFetcher`.

    The document's metadata (title, author, subject, keywords, language) comes from the HTML's
    `<title>`, `<meta>` and `<html lang>`; `archival` writes PDF/A (see `ARCHIVAL_VARIANT`)."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=static_base_url(), url_fetcher=pdf_fetcher()
    ).render(**pdf_options(archival=archival))
    return document.write_pdf(**pdf_options(archival=archival)), len(document.pages)


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """HTML to PDF bytes (see `html_to_pdf_pages`)."""
    return html_to_pdf_pages(html, archival=archival)[0]


def render_version_pdf_pages(version, *, approved: bool, book: str = WHOLE) -> tuple[bytes, int]:
    """The version (or one of its books) as a PDF document and its page count; the approved
    print is PDF/A."""
    return html_to_pdf_pages(
        render_version_html(version, approved=approved, book=book), archival=approved
    )


def render_version_pdf(version, *, approved: bool, book: str = WHOLE) -> bytes:
    """The version as a PDF document (synchronous, seconds for a long plan: call it from a task
    or a command, not from a view)."""
    return render_version_pdf_pages(version, approved=approved, book=book)[0]


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
_LINE = 11  # one line of a label
_ROW_PAD = 4
_HEAD = 46  # title, the terms' band and the years
_BAND_TOP = 17
_BAND = 13
# Characters of a label line: DejaVu Sans at 9 px is at most ~5.6 px a character for the
# letters of ordinary words, so 44 fit the 256 px of the label column with room to spare.
_LABEL_CHARS = 44
# Wrapped labels make rows taller: a chart is closed before it grows past this height, so it
# still fits an A4 page under its heading.
_CHART_MAX_HEIGHT = 820
_BAR = "#1f5fa8"
_QUICK_WIN = "#e8710a"
# The roadmap's terms over the plan years (year 1 = the start year): the band above the years.
_TERM_BANDS = (
    (1, 3, "#dbe7f5", gettext_lazy("Pendek")),
    (4, 5, "#c4d7ee", gettext_lazy("Menengah")),
    (6, 10, "#adc7e6", gettext_lazy("Panjang")),
)


def _label_lines(text: str) -> list[str]:
    """A programme name wrapped to lines of at most `_LABEL_CHARS` characters: never cut, a
    word longer than a line is split over lines (nothing is ever left out)."""
    text = " ".join(str(text).replace(ZERO_WIDTH_SPACE, "").split())
    return textwrap.wrap(text, _LABEL_CHARS, break_long_words=True) or [""]


def _chunks(programmes: list[dict]) -> list[list[tuple[dict, list[str]]]]:
    """Rows in charts of at most `ROADMAP_ROWS_PER_CHART` rows and `_CHART_MAX_HEIGHT` px."""
    chunks, current, height = [], [], _HEAD
    for p in programmes:
        lines = _label_lines(p["name"])
        row = _LINE * len(lines) + _ROW_PAD
        if current and (len(current) >= ROADMAP_ROWS_PER_CHART or height + row > _CHART_MAX_HEIGHT):
            chunks.append(current)
            current, height = [], _HEAD
        current.append((p, lines))
        height += row
    if current:
        chunks.append(current)
    return chunks


def roadmap_charts(data: dict) -> list[str]:
    """The roadmap as SVG charts: per dimension, at most `ROADMAP_ROWS_PER_CHART` programmes
    each, one row per programme (its name wrapped, never cut) and one column per year of the
    plan (up to 10), under a band naming the terms (short 1–3, medium 4–5, long 6–10 years);
    quick wins (≤ 1 year) in orange."""
    start, horizon = data["start_year"], data["horizon_years"]
    end = start + horizon - 1
    column = (_CHART_WIDTH - _LABEL_WIDTH - 4) / horizon
    by_dimension: dict[str, list[dict]] = {d["code"]: [] for d in data["dimensions"]}
    names = {d["code"]: d["name"] for d in data["dimensions"]}
    for p in data["programmes"]:
        by_dimension.setdefault(p["dimension"], []).append(p)
    charts = []
    for code, programmes in by_dimension.items():
        chunks = _chunks(programmes)
        for part, rows in enumerate(chunks):
            title = names.get(code, code)
            if len(chunks) > 1:
                title = f"{title} ({part + 1}/{len(chunks)})"
            height = _HEAD + sum(_LINE * len(lines) + _ROW_PAD for _p, lines in rows) + 2
            out = [
                f'<svg xmlns="http://www.w3.org/2000/svg" class="roadmap" role="img" '
                f'aria-label="{escape(title)}" width="{_CHART_WIDTH}" height="{height}" '
                f'viewBox="0 0 {_CHART_WIDTH} {height}" font-family="DejaVu Sans" font-size="9">',
                f"<title>{escape(title)}</title>",
                f'<text x="0" y="12" font-size="11" font-weight="bold">'
                f"{escape(' '.join(_label_lines(title)))}</text>",
            ]
            for first, last, fill, label in _TERM_BANDS:
                if first > horizon:
                    continue
                x = _LABEL_WIDTH + (first - 1) * column
                width = (min(last, horizon) - first + 1) * column
                out.append(
                    f'<rect x="{x:.1f}" y="{_BAND_TOP}" width="{width:.1f}" height="{_BAND}" '
                    f'fill="{fill}"/>'
                    f'<text x="{x + width / 2:.1f}" y="{_BAND_TOP + 10}" text-anchor="middle" '
                    f'font-size="8">{escape(str(label))}</text>'
                )
            for i in range(horizon):
                x = _LABEL_WIDTH + i * column
                out.append(
                    f'<text x="{x + column / 2:.1f}" y="{_HEAD - 4}" text-anchor="middle" '
                    f'font-size="{8 if horizon > 8 else 9}">{start + i}</text>'
                )
            y = _HEAD
            for n, (p, lines) in enumerate(rows):
                row = _LINE * len(lines) + _ROW_PAD
                if n % 2 == 0:
                    out.append(
                        f'<rect x="0" y="{y}" width="{_CHART_WIDTH}" height="{row}" '
                        f'fill="#f2f4f7"/>'
                    )
                for k, line in enumerate(lines):
                    out.append(
                        f'<text x="2" y="{y + _ROW_PAD / 2 + 8 + k * _LINE:.1f}">'
                        f"{escape(line)}</text>"
                    )
                first = min(max(p["start_year"], start), end)
                last = min(max(p["end_year"], first), end)
                x = _LABEL_WIDTH + (first - start) * column + 2
                width = (last - first + 1) * column - 4
                colour = _QUICK_WIN if p["is_quick_win"] else _BAR
                out.append(
                    f'<rect x="{x:.1f}" y="{y + row / 2 - 4.5:.1f}" width="{width:.1f}" '
                    f'height="9" rx="2" fill="{colour}"/>'
                )
                y += row
            for i in range(horizon + 1):
                x = _LABEL_WIDTH + i * column
                out.append(
                    f'<line x1="{x:.1f}" y1="{_HEAD - 14}" x2="{x:.1f}" y2="{height - 2}" '
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
    "ARCHIVAL_VARIANT",
    "BOOKS",
    "RUN_BREAK_EVERY",
    "WHOLE",
    "adoption",
    "book_parts",
    "decree_name",
    "figure",
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
