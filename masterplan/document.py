"""The plan as the region's own document: its front and back matter (legal basis, glossary of
agencies, executive summary draft) and its programmes grouped by type and by term.

Pure: plain values and snapshot dicts in, values out (no queries), so pages, forms and the PDF
share it and it is cheap to test.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- legal basis (Dasar Hukum) ----------------------------------------------------------------

# The national regulations every smart-city master plan rests on, in the order plans cite them
# (laws first, then presidential regulations). A region adds its own (its RPJMD Perda, the SK of
# its Dewan Smart City) and may remove any of these.
NATIONAL_LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
    "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik "
    "sebagaimana telah diubah dengan Undang-Undang Nomor 19 Tahun 2016",
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
    "Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia",
)

LEGAL_BASIS_MAX_LINES = 60


def national_legal_basis_text() -> str:
    """The national regulations one per line: what a new plan's legal basis starts with (the
    model field's default, so it must stay importable by migrations)."""
    return "\n".join(NATIONAL_LEGAL_BASIS)


# Numbering people type in front of a line: "1.", "1)", "a.", "-", "•".
_BULLET = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-•*–])\s+", re.IGNORECASE)


def legal_basis_list(text: str) -> list[str]:
    """The regulations of a legal-basis text: one per non-empty line, numbering and bullets the
    official typed removed (the document numbers them itself), duplicates dropped."""
    seen, out = set(), []
    for line in (text or "").splitlines():
        line = _BULLET.sub("", line).strip()
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            out.append(line)
    return out


# --- glossary of agencies -----------------------------------------------------------------

# Common names of regional agencies (OPD), as Permendagri 99/2018 and the regions' SOTK use
# them. A region's own long name (an agency that merges two affairs) overrides these.
KNOWN_AGENCIES = {
    "Bappeda": "Badan Perencanaan Pembangunan Daerah",
    "Bapenda": "Badan Pendapatan Daerah",
    "BKPSDM": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "BPBD": "Badan Penanggulangan Bencana Daerah",
    "BPKAD": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Dinkes": "Dinas Kesehatan",
    "Dinas Kesehatan": "Dinas Kesehatan",
    "Disdik": "Dinas Pendidikan",
    "Disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "Dishub": "Dinas Perhubungan",
    "Diskominfo": "Dinas Komunikasi dan Informatika",
    "Diskopukm": "Dinas Koperasi dan Usaha Kecil Menengah",
    "Disnaker": "Dinas Tenaga Kerja",
    "Disparbud": "Dinas Pariwisata dan Kebudayaan",
    "Dispar": "Dinas Pariwisata",
    "Disperindag": "Dinas Perindustrian dan Perdagangan",
    "Dinas PMD": "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinsos": "Dinas Sosial",
    "Dispertan": "Dinas Pertanian",
    "Dispusip": "Dinas Perpustakaan dan Kearsipan",
    "DLH": "Dinas Lingkungan Hidup",
    "DPMPTSP": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "DPUPR": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas PUPR": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Inspektorat": "Inspektorat Daerah",
    "Kesbangpol": "Badan Kesatuan Bangsa dan Politik",
    "Satpol PP": "Satuan Polisi Pamong Praja",
    "Setda": "Sekretariat Daerah",
    "RSUD": "Rumah Sakit Umum Daerah",
    "Disbudpar": "Dinas Kebudayaan dan Pariwisata",
    "Dispora": "Dinas Kepemudaan dan Olahraga",
    "DKP": "Dinas Ketahanan Pangan",
    "Disperkim": "Dinas Perumahan dan Kawasan Permukiman",
    "Damkar": "Dinas Pemadam Kebakaran",
}

# "Diskominfo dan Dinas PMD", "Diskominfo, Bappeda", "Diskominfo/Bappeda": several agencies.
_AGENCY_SPLIT = re.compile(r"\s*(?:,|/|;|&|\bdan\b)\s*", re.IGNORECASE)


def agencies_named(agency_fields) -> list[str]:
    """Every agency the programmes name, each once, in alphabetical order; a field naming
    several ("Diskominfo dan Dinas PMD") counts each of them."""
    seen: dict[str, str] = {}
    for text in agency_fields:
        for part in _AGENCY_SPLIT.split(text or ""):
            part = part.strip()
            if part and part.casefold() not in seen:
                seen[part.casefold()] = part
    return sorted(seen.values(), key=str.casefold)


def glossary(agency_fields, saved: dict[str, str] | None = None) -> list[dict]:
    """The glossary of agencies: one `{"abbr", "name"}` per agency the programmes name, the
    long name being the region's own (`saved`), else the common one, else "" (for the region
    to fill). Alphabetical by abbreviation."""
    saved = {k.casefold(): v for k, v in (saved or {}).items()}
    known = {k.casefold(): v for k, v in KNOWN_AGENCIES.items()}
    return [
        {"abbr": abbr, "name": saved.get(abbr.casefold()) or known.get(abbr.casefold(), "")}
        for abbr in agencies_named(agency_fields)
    ]


def glossary_text(entries: list[dict]) -> str:
    """Entries as the form shows them: `Diskominfo = Dinas Komunikasi dan Informatika`."""
    return "\n".join(f"{e['abbr']} = {e['name']}" for e in entries)


class GlossaryError(ValueError):
    """Lines of a glossary text that cannot be read; `.problems` says which and why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_glossary(text: str) -> dict[str, str]:
    """`ABBR = full name` per line into a dict; raises GlossaryError naming every line that
    has no `=`, an empty side or an abbreviation given twice. An entry with an empty name is
    allowed only as `ABBR =` (the region has not written it yet) and is not stored."""
    out: dict[str, str] = {}
    problems = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        abbr, sep, name = line.partition("=")
        abbr, name = abbr.strip(), name.strip()
        if not sep:
            problems.append(
                _("Baris %(n)s: pisahkan singkatan dan kepanjangan dengan “=”.") % {"n": number}
            )
        elif not abbr:
            problems.append(_("Baris %(n)s: singkatan kosong.") % {"n": number})
        elif len(abbr) > 60 or len(name) > 200:
            problems.append(
                _("Baris %(n)s: singkatan paling panjang 60 huruf, kepanjangan 200.")
                % {"n": number}
            )
        elif abbr.casefold() in {k.casefold() for k in out}:
            problems.append(
                _("Baris %(n)s: “%(abbr)s” sudah ada di baris sebelumnya.")
                % {"n": number, "abbr": abbr}
            )
        elif name:
            out[abbr] = name
    if problems:
        raise GlossaryError(problems)
    return out


# --- programme types --------------------------------------------------------------------


def group_by_type(data: dict) -> list[tuple[dict, list[dict], int]]:
    """The programmes grouped by their type, in the order of the plan's types, each with its
    total budget: `[(type, programmes, total)]`, `type` being `{"code", "name"}`. Programmes
    without a type come last under `{"code": "", "name": "Belum ditentukan"}`; a type without
    programmes is left out. An old snapshot (before types) puts everything in that last group.
    """
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in data["programmes"]:
        groups[p.get("programme_type") or ""].append(p)
    order = [t for t in data.get("programme_types", []) if groups.get(t["code"])]
    known = {t["code"] for t in order}
    untyped = [p for code, ps in groups.items() if code not in known for p in ps]
    out = [(t, groups[t["code"]]) for t in order]
    if untyped:
        out.append(({"code": "", "name": _("Belum ditentukan")}, untyped))
    return [(t, ps, sum(sum(p["budgets"].values()) for p in ps)) for t, ps in out]


# --- roadmap by term ---------------------------------------------------------------------


class Term:
    """The roadmap's terms, counted in plan years from the plan's start (year 1 = start year)."""

    QUICK_WIN = "quick_win"
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"

    ORDER = (QUICK_WIN, SHORT, MEDIUM, LONG)
    # The last plan year of each term: quick win ≤ 1, short 1–3, medium 4–5, long 6–10.
    LAST_YEAR = {QUICK_WIN: 1, SHORT: 3, MEDIUM: 5, LONG: 10}
    LABELS = {
        QUICK_WIN: gettext_lazy("Quick win (≤ 1 tahun)"),
        SHORT: gettext_lazy("Jangka pendek (1–3 tahun)"),
        MEDIUM: gettext_lazy("Jangka menengah (4–5 tahun)"),
        LONG: gettext_lazy("Jangka panjang (6–10 tahun)"),
    }


def programme_term(*, start_year: int, end_year: int, plan_start: int, is_quick_win=False) -> str:
    """The roadmap term of a programme: by the plan year in which it is finished, counted from
    the plan's start (the start year is year 1). A flagged quick win is always a quick win; a
    programme done within the first year is one too; within 3 years short, 5 medium, beyond
    that long (a plan has at most 10 years; a programme beyond them is still long)."""
    if is_quick_win:
        return Term.QUICK_WIN
    year = max(end_year, start_year) - plan_start + 1
    for term in Term.ORDER:
        if year <= Term.LAST_YEAR[term]:
            return term
    return Term.LONG


def group_by_term(data: dict) -> list[tuple[str, str, list[dict]]]:
    """The programmes by roadmap term: `[(term, label, programmes)]` in term order, only the
    terms that have programmes (a 5-year plan has no long term)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in data["programmes"]:
        term = programme_term(
            start_year=p["start_year"],
            end_year=p["end_year"],
            plan_start=data["start_year"],
            is_quick_win=p["is_quick_win"],
        )
        groups[term].append(p)
    return [(t, str(Term.LABELS[t]), groups[t]) for t in Term.ORDER if groups.get(t)]


# --- executive summary ------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    programmes: int
    quick_wins: int
    dimensions: int
    total: int
    by_source: list[tuple[str, int]]  # (funding name, amount), largest first


def headline(data: dict) -> Headline:
    """The figures an executive summary opens with."""
    by_source: dict[str, int] = defaultdict(int)
    total = 0
    for p in data["programmes"]:
        amount = sum(p["budgets"].values())
        by_source[p.get("funding_name") or p["funding_source"]] += amount
        total += amount
    return Headline(
        programmes=len(data["programmes"]),
        quick_wins=sum(1 for p in data["programmes"] if p["is_quick_win"]),
        dimensions=len({p["dimension"] for p in data["programmes"]}),
        total=total,
        by_source=sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def executive_summary_draft(data: dict) -> str:
    """A first draft of the *Ringkasan Eksekutif* from the snapshot: vision, headline figures,
    the quick wins and the total budget by source. The region edits it; what they save is
    printed instead (see `executive_summary_text`)."""
    region = data["region"]["name"]
    start, horizon = data["start_year"], data["horizon_years"]
    figures = headline(data)
    vision = (data["sections"].get("vision") or "").strip()
    paragraphs = [
        _(
            "Masterplan Smart City %(region)s %(start)s–%(end)s disusun bersama Gerakan Menuju "
            "100 Smart City sebagai arah pembangunan kota cerdas selama %(years)s tahun."
        )
        % {"region": region, "start": start, "end": start + horizon - 1, "years": horizon}
    ]
    if vision:
        paragraphs.append(_("Visi: %(vision)s") % {"vision": vision})
    paragraphs.append(
        _(
            "Masterplan memuat %(n)s program pada %(d)s dimensi smart city, termasuk %(q)s quick "
            "win, dengan total anggaran %(total)s."
        )
        % {
            "n": figures.programmes,
            "d": figures.dimensions,
            "q": figures.quick_wins,
            "total": _rupiah(figures.total),
        }
    )
    if figures.by_source:
        paragraphs.append(
            _("Sumber dana: %(sources)s.")
            % {
                "sources": "; ".join(
                    f"{name} {_rupiah(amount)}" for name, amount in figures.by_source
                )
            }
        )
    quick_wins = [p for p in data["programmes"] if p["is_quick_win"]]
    if quick_wins:
        lines = [_("Quick win:")] + [
            f"- {p['name']}" + (f": {p['quick_win_impact']}" if p.get("quick_win_impact") else "")
            for p in quick_wins
        ]
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def executive_summary_text(data: dict) -> tuple[str, bool]:
    """What the document prints as its executive summary: the region's text, or the generated
    draft when they have written none. `(text, is_draft)`."""
    written = (data.get("front_matter") or {}).get("executive_summary", "").strip()
    if written:
        return written, False
    return executive_summary_draft(data), True


# --- the regional profile as a document prints it -----------------------------------------


def snapshot_profile(data: dict):
    """The regional profile of a snapshot as a `smartcity.profile.RegionProfile`: the figures
    frozen with the version (schema 2), or for an older version the committed file's figures
    for its region code. The free texts are `data["profile"]["economy"/"sectors"]` ("" when
    absent)."""
    from smartcity.profile import RegionProfile, region_profile

    frozen = data.get("profile")
    if frozen:
        return RegionProfile.from_data(frozen)
    region = data["region"]
    # Kemendagri codes: kab/kota numbers 71–99 are kota, below are kabupaten.
    suffix = region["code"].partition(".")[2]
    kind = "kota" if suffix.isdigit() and int(suffix) >= 71 else "kabupaten"
    stand_in = type("Region", (), {"code": region["code"], "name": region["name"], "kind": kind})
    return region_profile(stand_in, cohort=data.get("cohort"))
