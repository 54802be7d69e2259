"""The plan as plain data: the one shape that versions freeze, pages and PDFs print, and the
validation and the version difference read.

`plan_snapshot` reads a live plan in a fixed number of queries, however many programmes it has;
everything else in this module is pure (dicts in, values out) so it is cheap to test and to time.
A snapshot carries the labels it needs (dimension and element names, funding-source names) so a
frozen version prints the same thing forever, even if a label is renamed later.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartcity.validators import is_within_years

# 2 added the document's front and back matter, the regional profile, programme types and
# the RPJMD/Renstra references. A version keeps the schema it was frozen with (its SHA-256 is of
# its own data); readers take the keys of 2 with `.get` and a default, so a version of schema 1
# reads and verifies as before.
SCHEMA = 2

# The text sections of a plan, in reading order: (key, label). Labels are Bahasa Indonesia; the
# templates translate the section headings themselves.
TEXT_SECTIONS = [
    ("vision", gettext_lazy("Visi")),
    ("mission", gettext_lazy("Misi")),
    ("readiness_structure", gettext_lazy("Struktur")),
    ("readiness_infrastructure", gettext_lazy("Infrastruktur")),
    ("readiness_superstructure", gettext_lazy("Suprastruktur")),
    ("strengths", gettext_lazy("Kekuatan")),
    ("weaknesses", gettext_lazy("Kelemahan")),
    ("opportunities", gettext_lazy("Peluang")),
    ("threats", gettext_lazy("Ancaman")),
    ("gaps", gettext_lazy("Kesenjangan")),
]
TEXT_KEYS = [key for key, _ in TEXT_SECTIONS]
READINESS_KEYS = TEXT_KEYS[2:]

# Programme fields compared between versions, with the label a mentor reads in the difference.
PROGRAMME_FIELDS = [
    ("name", gettext_lazy("nama")),
    ("description", gettext_lazy("deskripsi")),
    ("dimension", gettext_lazy("dimensi")),
    ("element", gettext_lazy("elemen")),
    ("start_year", gettext_lazy("tahun mulai")),
    ("end_year", gettext_lazy("tahun selesai")),
    ("funding_source", gettext_lazy("sumber dana")),
    ("agency", gettext_lazy("OPD")),
    ("kpi", gettext_lazy("KPI")),
    ("kpi_unit", gettext_lazy("satuan KPI")),
    ("kpi_baseline", gettext_lazy("baseline")),
    ("kpi_target", gettext_lazy("target")),
    ("is_quick_win", gettext_lazy("quick win")),
    ("quick_win_months", gettext_lazy("durasi quick win")),
    ("quick_win_start", gettext_lazy("mulai quick win")),
    ("quick_win_impact", gettext_lazy("dampak quick win")),
    ("quick_win_service", gettext_lazy("layanan quick win")),
    ("programme_type_name", gettext_lazy("jenis program")),
    ("rpjmd_reference", gettext_lazy("rujukan RPJMD")),
    ("renstra_reference", gettext_lazy("rujukan Renstra")),
    ("budgets", gettext_lazy("anggaran")),
]
# What a programme of a schema-1 snapshot has for the keys schema 2 added (the difference
# between an old and a new version must not list them as changes).
PROGRAMME_DEFAULTS = {
    "programme_type": "",
    "programme_type_name": "",
    "rpjmd_reference": "",
    "renstra_reference": "",
}

# The document's texts the region writes (schema 2): key → (where in the snapshot, label).
FRONT_MATTER_KEYS = ("foreword_head", "foreword_team", "executive_summary")
BACK_MATTER_KEYS = ("closing",)
PROFILE_TEXT_KEYS = ("profile_economy", "profile_sectors")
DOCUMENT_TEXTS = [
    ("foreword_head", gettext_lazy("Kata pengantar kepala daerah")),
    ("foreword_team", gettext_lazy("Kata pengantar ketua Tim Pelaksana")),
    ("executive_summary", gettext_lazy("Ringkasan eksekutif")),
    ("closing", gettext_lazy("Penutup")),
    ("profile_economy", gettext_lazy("Gambaran ekonomi")),
    ("profile_sectors", gettext_lazy("Sektor unggulan")),
]

MIN_QUICK_WINS = 3

# The programme columns a snapshot copies as they are.
PROGRAMME_COLUMNS = [
    "name",
    "description",
    "start_year",
    "end_year",
    "funding_source",
    "agency",
    "kpi",
    "kpi_unit",
    "kpi_baseline",
    "kpi_target",
    "is_quick_win",
    "quick_win_months",
    "quick_win_start",
    "quick_win_impact",
    "quick_win_service",
    "rpjmd_reference",
    "renstra_reference",
]


# --- reading a live plan --------------------------------------------------------------------


def plan_snapshot(plan) -> dict:
    """The live plan as a snapshot dict, in seven queries whatever its size.

    Queries: dimensions, programme types, strategies, programmes (with dimension, element and
    type), their budgets, the region's smart-city bodies and their members.
    `plan.candidate.region/cohort` should come with the plan (`select_related`); otherwise add
    two. The regional profile's figures come from the committed Kemendagri file, no query.
    """
    from partners.models import SmartCityBody
    from smartcity.profile import region_profile

    from .document import glossary, legal_basis_list
    from .models import Dimension, Programme, ProgrammeBudget, ProgrammeType

    candidate = plan.candidate
    region = candidate.region
    dimensions = list(Dimension.objects.all())
    strategies = {s.dimension_id: s.text for s in plan.strategies.all()}
    # Plain rows, not model instances: a 120-programme plan has 600 budget rows, and building
    # objects for them was most of the plan page's time.
    programmes = list(
        Programme.objects.filter(plan=plan)
        .order_by(*Programme._meta.ordering)
        .values(
            "pk",
            *PROGRAMME_COLUMNS,
            dimension_code=F("dimension__code"),
            dimension_name=F("dimension__name"),
            element_code=F("element__code"),
            element_name=F("element__name"),
            type_code=F("programme_type__code"),
            type_name=F("programme_type__name"),
        )
    )
    types = list(ProgrammeType.objects.values_list("code", "name"))
    budgets: dict[int, dict[str, int]] = defaultdict(dict)
    for programme_id, year, amount in (
        ProgrammeBudget.objects.filter(programme__plan=plan)
        .order_by("programme_id", "year")
        .values_list("programme_id", "year", "amount")
    ):
        budgets[programme_id][str(year)] = amount
    funding = dict(Programme.Funding.choices)
    bodies = SmartCityBody.objects.filter(region_id=region.pk).prefetch_related("members")
    return {
        "schema": SCHEMA,
        "region": {"code": region.code, "name": region.name},
        "cohort": candidate.cohort.year,
        "title": plan.title,
        "start_year": plan.start_year,
        "horizon_years": plan.horizon_years,
        "sections": {key: getattr(plan, key) for key in TEXT_KEYS},
        "dimensions": [{"code": d.code, "name": d.name} for d in dimensions],
        "strategies": {d.code: strategies.get(d.pk, "") for d in dimensions},
        "programmes": [
            {
                "id": p["pk"],
                "name": p["name"],
                "description": p["description"],
                "dimension": p["dimension_code"],
                "dimension_name": p["dimension_name"],
                "element": p["element_code"],
                "element_name": p["element_name"],
                "start_year": p["start_year"],
                "end_year": p["end_year"],
                "funding_source": p["funding_source"],
                "funding_name": str(funding.get(p["funding_source"], p["funding_source"])),
                "agency": p["agency"],
                "kpi": p["kpi"],
                "kpi_unit": p["kpi_unit"],
                "kpi_baseline": _decimal(p["kpi_baseline"]),
                "kpi_target": _decimal(p["kpi_target"]),
                "is_quick_win": p["is_quick_win"],
                "quick_win_months": p["quick_win_months"],
                "quick_win_start": (
                    p["quick_win_start"].isoformat() if p["quick_win_start"] else None
                ),
                "quick_win_impact": p["quick_win_impact"],
                "quick_win_service": p["quick_win_service"],
                "programme_type": p["type_code"] or "",
                "programme_type_name": p["type_name"] or "",
                "rpjmd_reference": p["rpjmd_reference"],
                "renstra_reference": p["renstra_reference"],
                "budgets": budgets.get(p["pk"], {}),
            }
            for p in programmes
        ],
        "programme_types": [{"code": code, "name": name} for code, name in types],
        "front_matter": {
            **{key: getattr(plan, key) for key in FRONT_MATTER_KEYS},
            "legal_basis": legal_basis_list(plan.legal_basis),
        },
        "back_matter": {
            **{key: getattr(plan, key) for key in BACK_MATTER_KEYS},
            "glossary": glossary((p["agency"] for p in programmes), plan.agency_names),
        },
        "profile": {
            **region_profile(region, cohort=candidate.cohort.year).as_data(),
            "economy": plan.profile_economy,
            "sectors": plan.profile_sectors,
        },
        "governance": [
            {
                "kind": body.kind,
                "kind_name": str(body.get_kind_display()),
                "decree_number": body.decree_number,
                "decree_date": body.decree_date.isoformat(),
                "members": [
                    {"name": m.name, "position": m.position, "agency": m.agency, "role": m.role}
                    for m in body.members.all()
                ],
            }
            for body in bodies
        ],
    }


def _decimal(value) -> str:
    # Decimals as strings: JSON has no decimal type and floats would round KPI values.
    return format(value.normalize(), "f") if value is not None else ""


def canonical_json(data: dict) -> bytes:
    """The snapshot as bytes that are the same for the same data (sorted keys, no spaces)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def snapshot_sha256(data: dict) -> str:
    """The SHA-256 printed on the PDF: anyone holding the version's data can recompute it."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


# --- totals ---------------------------------------------------------------------------------


@dataclass
class Totals:
    """Budgets summed by year, funding source and dimension: computed, never typed."""

    years: list[int]
    by_year: dict[int, int]
    by_source: dict[str, int]
    by_dimension: dict[str, int]
    by_source_year: dict[str, dict[int, int]]
    total: int


def totals(data: dict) -> Totals:
    """Sum every programme's budgets (years of the horizon first; stray years are included)."""
    start, horizon = data["start_year"], data["horizon_years"]
    by_year: dict[int, int] = dict.fromkeys(range(start, start + horizon), 0)
    by_source: dict[str, int] = defaultdict(int)
    by_dimension: dict[str, int] = defaultdict(int)
    by_source_year: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for p in data["programmes"]:
        for year, amount in p["budgets"].items():
            year = int(year)
            by_year[year] = by_year.get(year, 0) + amount
            by_source[p["funding_source"]] += amount
            by_dimension[p["dimension"]] += amount
            by_source_year[p["funding_source"]][year] += amount
    return Totals(
        years=sorted(by_year),
        by_year=dict(sorted(by_year.items())),
        by_source=dict(by_source),
        by_dimension=dict(by_dimension),
        by_source_year={k: dict(v) for k, v in by_source_year.items()},
        total=sum(by_year.values()),
    )


def programme_total(programme: dict) -> int:
    return sum(programme["budgets"].values())


# --- validation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan. Errors block submission; warnings are shown to the mentor."""

    level: str  # "error" or "warning"
    section: str  # a ReviewComment.Section value
    message: str
    programme_id: int | None = None

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def quick_win_start_fits(p: dict) -> bool:
    """Whether the quick win's own start (if it has one) falls in the programme's years.

    The programme's years lie in the plan's horizon (checked beside this), so a start that fits
    is also a plausible date: one typed as 9999-12-31 cannot reach an approved plan.
    """
    start = p.get("quick_win_start")
    if not start:
        return True
    if isinstance(start, str):  # a snapshot keeps dates as ISO text
        start = date.fromisoformat(start)
    return is_within_years(start, p["start_year"], p["end_year"])


def quick_win_start_message(first: int, last: int) -> str:
    return _("Mulai quick win harus di dalam tahun pelaksanaan program (%(a)s–%(b)s).") % {
        "a": first,
        "b": last,
    }


def programme_problems(p: dict, start_year: int, end_year: int) -> list[str]:
    """What is wrong with one programme, as messages (shared by the form and the submission)."""
    problems = []
    if p["end_year"] < p["start_year"]:
        problems.append(_("Tahun selesai tidak boleh sebelum tahun mulai."))
    if p["start_year"] < start_year or p["end_year"] > end_year:
        problems.append(
            _("Tahun program harus di dalam jangka waktu masterplan (%(start)s–%(end)s).")
            % {"start": start_year, "end": end_year}
        )
    for year, amount in p["budgets"].items():
        if amount < 0:
            problems.append(_("Anggaran tahun %(year)s tidak boleh negatif.") % {"year": year})
        if not p["start_year"] <= int(year) <= p["end_year"]:
            problems.append(
                _("Anggaran tahun %(year)s di luar tahun pelaksanaan program.") % {"year": year}
            )
    if p["is_quick_win"]:
        months = p.get("quick_win_months")
        if months is None or not 6 <= months <= 12:
            problems.append(_("Quick win harus selesai dalam 6 sampai 12 bulan."))
        if not quick_win_start_fits(p):
            problems.append(quick_win_start_message(p["start_year"], p["end_year"]))
        if not p.get("quick_win_impact"):
            problems.append(_("Quick win perlu dampak yang diharapkan."))
        if not p.get("quick_win_service"):
            problems.append(_("Quick win perlu nama layanan yang dipertajam."))
    return problems


def plan_problems(data: dict) -> list[Problem]:
    """Everything the region should fix (errors) or the mentor should know (warnings)."""
    start = data["start_year"]
    end = start + data["horizon_years"] - 1
    problems: list[Problem] = []
    if not 5 <= data["horizon_years"] <= 10:
        problems.append(Problem("error", "vision", _("Jangka waktu masterplan 5 sampai 10 tahun.")))
    sections = data["sections"]
    for key, label in TEXT_SECTIONS[:2]:
        if not sections.get(key, "").strip():
            problems.append(
                Problem("error", "vision", _("%(section)s belum diisi.") % {"section": label})
            )
    for key, label in TEXT_SECTIONS[2:]:
        if not sections.get(key, "").strip():
            problems.append(
                Problem(
                    "warning",
                    "readiness",
                    _("Analisis kesiapan: %(section)s belum diisi.") % {"section": label},
                )
            )
    for p in data["programmes"]:
        for message in programme_problems(p, start, end):
            problems.append(Problem("error", "programmes", f"{p['name']}: {message}", p["id"]))
    covered = {p["dimension"] for p in data["programmes"]}
    for d in data["dimensions"]:
        if d["code"] not in covered:
            problems.append(
                Problem(
                    "warning",
                    "programmes",
                    _("Belum ada program untuk %(dimension)s.") % {"dimension": d["name"]},
                )
            )
        if not data["strategies"].get(d["code"], "").strip():
            problems.append(
                Problem(
                    "warning",
                    "strategy",
                    _("Strategi %(dimension)s belum diisi.") % {"dimension": d["name"]},
                )
            )
    quick_wins = sum(1 for p in data["programmes"] if p["is_quick_win"])
    if quick_wins < MIN_QUICK_WINS:
        problems.append(
            Problem(
                "error",
                "quick_wins",
                _("Perlu sedikitnya %(min)s quick win sebelum diajukan (sekarang %(n)s).")
                % {"min": MIN_QUICK_WINS, "n": quick_wins},
            )
        )
    if not data["governance"]:
        problems.append(
            Problem("warning", "governance", _("Dewan Smart City dan Tim Pelaksana belum dicatat."))
        )
    return problems


# --- progress -------------------------------------------------------------------------------


@dataclass
class SectionProgress:
    key: str
    label: str
    done: bool


def progress(data: dict) -> list[SectionProgress]:
    """Which sections of the plan are filled in, for the progress bar an official follows."""
    sections = data["sections"]
    programmes = data["programmes"]
    covered = {p["dimension"] for p in programmes}
    return [
        SectionProgress(
            "vision", _("Visi dan misi"), bool(sections["vision"].strip() and sections["mission"])
        ),
        SectionProgress(
            "readiness",
            _("Analisis kesiapan"),
            all(sections[k].strip() for k in READINESS_KEYS),
        ),
        SectionProgress(
            "strategy",
            _("Strategi per dimensi"),
            all(data["strategies"].get(d["code"], "").strip() for d in data["dimensions"]),
        ),
        SectionProgress(
            "programmes",
            _("Program"),
            bool(programmes) and all(d["code"] in covered for d in data["dimensions"]),
        ),
        SectionProgress(
            "quick_wins",
            _("Quick win"),
            sum(1 for p in programmes if p["is_quick_win"]) >= MIN_QUICK_WINS,
        ),
        SectionProgress("governance", _("Tata kelola"), bool(data["governance"])),
    ]


# --- differences between versions -----------------------------------------------------------


@dataclass
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class ProgrammeChange:
    id: int
    name: str
    changes: list[FieldChange]


@dataclass
class PlanDiff:
    """What changed between two snapshots: what a mentor reads before reviewing again."""

    sections: list[FieldChange] = field(default_factory=list)
    strategies: list[FieldChange] = field(default_factory=list)
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[ProgrammeChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.strategies or self.added or self.removed or self.changed)


_HEADER_FIELDS = [
    ("title", gettext_lazy("judul")),
    ("start_year", gettext_lazy("tahun mulai")),
    ("horizon_years", gettext_lazy("jangka waktu")),
]


def _value(programme: dict, key: str):
    return programme.get(key, PROGRAMME_DEFAULTS.get(key))


def document_texts(data: dict) -> dict[str, str]:
    """The region's document texts of a snapshot by key ("" for a schema-1 snapshot)."""
    front = data.get("front_matter") or {}
    back = data.get("back_matter") or {}
    profile = data.get("profile") or {}
    return {
        "foreword_head": front.get("foreword_head", ""),
        "foreword_team": front.get("foreword_team", ""),
        "executive_summary": front.get("executive_summary", ""),
        "closing": back.get("closing", ""),
        "profile_economy": profile.get("economy", ""),
        "profile_sectors": profile.get("sectors", ""),
    }


def diff(old: dict, new: dict) -> PlanDiff:
    """Compare two snapshots; programmes are matched by id (a programme keeps it across edits)."""
    result = PlanDiff()
    for key, label in _HEADER_FIELDS:
        if old.get(key) != new.get(key):
            result.sections.append(FieldChange(key, label, old.get(key), new.get(key)))
    old_sections, new_sections = old["sections"], new["sections"]
    for key, label in TEXT_SECTIONS:
        if old_sections.get(key, "") != new_sections.get(key, ""):
            result.sections.append(
                FieldChange(key, label, old_sections.get(key, ""), new_sections.get(key, ""))
            )
    old_texts, new_texts = document_texts(old), document_texts(new)
    for key, label in DOCUMENT_TEXTS:
        if old_texts[key] != new_texts[key]:
            result.sections.append(FieldChange(key, label, old_texts[key], new_texts[key]))
    before_basis = (old.get("front_matter") or {}).get("legal_basis", [])
    after_basis = (new.get("front_matter") or {}).get("legal_basis", [])
    if before_basis != after_basis:
        result.sections.append(
            FieldChange(
                "legal_basis",
                gettext_lazy("Dasar hukum"),
                "\n".join(before_basis),
                "\n".join(after_basis),
            )
        )
    names = {d["code"]: d["name"] for d in new["dimensions"]}
    for code in sorted(set(old["strategies"]) | set(new["strategies"])):
        before, after = old["strategies"].get(code, ""), new["strategies"].get(code, "")
        if before != after:
            result.strategies.append(FieldChange(code, names.get(code, code), before, after))
    old_by_id = {p["id"]: p for p in old["programmes"]}
    new_by_id = {p["id"]: p for p in new["programmes"]}
    for p in new["programmes"]:
        before = old_by_id.get(p["id"])
        if before is None:
            result.added.append(p)
            continue
        changes = [
            FieldChange(key, label, _value(before, key), _value(p, key))
            for key, label in PROGRAMME_FIELDS
            if _value(before, key) != _value(p, key)
        ]
        if changes:
            result.changed.append(ProgrammeChange(p["id"], p["name"], changes))
    result.removed = [p for p in old["programmes"] if p["id"] not in new_by_id]
    return result
