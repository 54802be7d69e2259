"""The datasets of the open data API: their fields (stable English names) and their rows.

Each dataset is one flat table: the same rows and columns whether served as JSON or CSV, keyed
by Kemendagri codes. Rows are plain dicts whose values are str, int, bool or None (dates as ISO
strings, decimals as strings, as the plan snapshots hold them), so both formats print them
alike. Everything published is read through `masterplan.published` and `evaluation.published`,
the places that decide what is public; this module only shapes it into rows.

Each `rows` function runs a fixed number of queries (noted on each), whatever the number of
regions, plans or programmes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from candidates.models import Cohort
from evaluation import published as evaluation_published
from masterplan import published
from smartcity.models import Region

Row = dict[str, str | int | bool | None]


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, boolean, date (ISO 8601), decimal (as a string)
    description: Promise


@dataclass(frozen=True)
class Dataset:
    """One open dataset: `key` is its path under /api/v1/ and its name in the catalogue."""

    key: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    rows: Callable[[], list[Row]]
    filters: tuple[str, ...] = ()  # of FILTERS' keys
    key_fields: tuple[str, ...] = ()
    # The columns whose years make the catalogue's temporal coverage; None: the default
    # (programmes' start and end years, otherwise cohort years; opendata/catalog.py).
    temporal: tuple[str, ...] | None = None

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def url_name(self) -> str:
        return f"api_{self.key.replace('-', '_')}"


# ?cohort=2018, ?province=33, ?dimension=governance, ?year=2020: the column each filter
# compares with.
FILTERS = {
    "cohort": "cohort_year",
    "province": "province_code",
    "dimension": "dimension",
    "year": "year",
}


def _by_code(item) -> tuple[int, str]:
    """Rows in the order of their keys: cohort, then Kemendagri code (a stable sort keeps a
    plan's programmes in the plan's order)."""
    return item.cohort_year, item.region_code


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# --- fields shared by several datasets ----------------------------------------------------------

REGION_CODE = Field("region_code", "string", _("Kode Kemendagri kabupaten/kota, bertitik (33.11)."))
REGION_NAME = Field("region_name", "string", _("Nama lengkap kabupaten/kota."))
KIND = Field("kind", "string", _("Jenis daerah: kabupaten atau kota."))
PROVINCE_CODE = Field("province_code", "string", _("Kode Kemendagri provinsi (33)."))
PROVINCE_NAME = Field("province_name", "string", _("Nama provinsi."))
COHORT_YEAR = Field("cohort_year", "integer", _("Tahun angkatan yang menetapkan daerah."))
PLAN_VERSION = Field(
    "plan_version", "integer", _("Nomor versi masterplan yang disahkan dan diterbitkan.")
)


# --- regions ------------------------------------------------------------------------------------

PARTICIPANT, NON_PARTICIPANT = "participant", "non_participant"


def region_rows() -> list[Row]:
    """All 514 kab/kota with their province and programme status. Two queries: the regions
    with their provinces, the participants."""
    joined = {}
    for p in published.participants():  # by cohort: the first is the cohort that took it in
        joined.setdefault(p.region_code, p)
    rows = []
    for region in Region.objects.kab_kota().select_related("province").order_by("code"):
        participant = joined.get(region.code)
        rows.append(
            {
                "code": region.code,
                "name": region.name,
                "kind": region.kind,
                "is_administrative": region.is_administrative,
                "province_code": region.province.code,
                "province_name": region.province.name,
                "cohort_year": participant.cohort_year if participant else None,
                "status": PARTICIPANT if participant else NON_PARTICIPANT,
                "plan_status": participant.plan_status if participant else "",
            }
        )
    return rows


REGIONS = Dataset(
    key="regions",
    title=_("Kabupaten dan kota"),
    description=_(
        "Seluruh 514 kabupaten/kota menurut Kepmendagri 2025, dengan provinsinya dan statusnya "
        "dalam Gerakan Menuju 100 Smart City."
    ),
    fields=(
        Field("code", "string", _("Kode Kemendagri kabupaten/kota, bertitik (33.11); kunci.")),
        Field("name", "string", _("Nama lengkap kabupaten/kota.")),
        KIND,
        Field(
            "is_administrative",
            "boolean",
            _("Kabupaten/kota administratif DKI Jakarta (bukan daerah otonom)."),
        ),
        PROVINCE_CODE,
        PROVINCE_NAME,
        Field(
            "cohort_year",
            "integer",
            _("Tahun angkatan yang menetapkan daerah sebagai peserta; kosong bila belum pernah."),
        ),
        Field("status", "string", _("Status program: participant (peserta) atau non_participant.")),
        Field(
            "plan_status",
            "string",
            _(
                "Masterplan peserta: published (disahkan dan diterbitkan) atau in_progress "
                "(sedang disusun); kosong untuk bukan peserta."
            ),
        ),
    ),
    rows=region_rows,
    filters=("cohort", "province"),
    key_fields=("code",),
)


# --- cohorts ------------------------------------------------------------------------------------


def cohort_rows() -> list[Row]:
    """Each programme year with its dates and how many regions joined and published a plan.
    Three queries: the cohorts, the participants, the published plans."""
    participants = Counter(p.cohort_year for p in published.participants())
    plans = Counter(p.cohort_year for p in published.published_plans())
    return [
        {
            "cohort_year": cohort.year,
            "name": cohort.name,
            "stage": cohort.status,
            "quota_selected": cohort.quota_selected,
            "selection_date": _iso(cohort.selection_date),
            "mou_date": _iso(cohort.mou_date),
            "mou_venue": cohort.mou_venue,
            "participant_count": participants[cohort.year],
            "published_plan_count": plans[cohort.year],
        }
        for cohort in Cohort.objects.order_by("year")
    ]


COHORTS = Dataset(
    key="cohorts",
    title=_("Angkatan"),
    description=_(
        "Angkatan program per tahun: tahapnya, kuota peserta, tanggal penetapan dan MoU, serta "
        "jumlah peserta dan masterplan yang diterbitkan."
    ),
    fields=(
        Field("cohort_year", "integer", _("Tahun angkatan; kunci.")),
        Field("name", "string", _("Nama angkatan.")),
        Field(
            "stage",
            "string",
            _("Tahap angkatan: planning, screening, assessment, selection, mentoring atau closed."),
        ),
        Field("quota_selected", "integer", _("Kuota daerah yang ditetapkan sebagai peserta.")),
        Field("selection_date", "date", _("Tanggal penetapan peserta.")),
        Field("mou_date", "date", _("Tanggal penandatanganan MoU.")),
        Field("mou_venue", "string", _("Tempat penandatanganan MoU.")),
        Field("participant_count", "integer", _("Jumlah daerah peserta (MoU ditandatangani).")),
        Field("published_plan_count", "integer", _("Jumlah masterplan yang diterbitkan.")),
    ),
    rows=cohort_rows,
    filters=("cohort",),
    key_fields=("cohort_year",),
)


# --- participants --------------------------------------------------------------------------------


def participant_rows() -> list[Row]:
    """Every region that became a participant (a signed MoU), by cohort. One query."""
    return [
        {
            "region_code": p.region_code,
            "region_name": p.region_name,
            "kind": p.region_kind,
            "province_code": p.province_code,
            "province_name": p.province_name,
            "cohort_year": p.cohort_year,
            "mou_date": _iso(p.mou_date),
            "plan_status": p.plan_status,
        }
        for p in sorted(published.participants(), key=_by_code)
    ]


PARTICIPANTS = Dataset(
    key="participants",
    title=_("Peserta"),
    description=_(
        "Kabupaten/kota peserta program (MoU ditandatangani) per angkatan, dengan tanggal MoU "
        "dan status masterplannya."
    ),
    fields=(
        REGION_CODE,
        REGION_NAME,
        KIND,
        PROVINCE_CODE,
        PROVINCE_NAME,
        COHORT_YEAR,
        Field("mou_date", "date", _("Tanggal penandatanganan MoU.")),
        Field(
            "plan_status",
            "string",
            _("Masterplan: published (disahkan dan diterbitkan) atau in_progress."),
        ),
    ),
    rows=participant_rows,
    filters=("cohort", "province"),
    key_fields=("region_code", "cohort_year"),
)


# --- plans --------------------------------------------------------------------------------------


def _budget_total(programme: dict) -> int:
    return sum(int(amount) for amount in programme.get("budgets", {}).values())


def plan_rows() -> list[Row]:
    """Every published plan version (approved or enacted), by cohort then region. Two
    queries: the versions with their snapshots, the quick wins' latest progress."""
    rows = []
    for plan in sorted(published.published_plans(with_data=True), key=_by_code):
        programmes = plan.data["programmes"]
        rows.append(
            {
                "region_code": plan.region_code,
                "region_name": plan.region_name,
                "province_code": plan.province_code,
                "province_name": plan.province_name,
                "cohort_year": plan.cohort_year,
                "plan_version": plan.version_number,
                "title": plan.title,
                "status": plan.status,
                "start_year": plan.data.get("start_year"),
                "horizon_years": plan.data.get("horizon_years"),
                "submitted_at": _iso(plan.submitted_at),
                "approved_at": _iso(plan.approved_at),
                "approval_letter_number": plan.approval_letter_number,
                "approval_letter_date": _iso(plan.approval_letter_date),
                "regulation_type": plan.regulation_type,
                "regulation_number": plan.regulation_number,
                "regulation_date": _iso(plan.regulation_date),
                "programme_count": len(programmes),
                "quick_win_count": sum(1 for p in programmes if p["is_quick_win"]),
                "budget_total": sum(_budget_total(p) for p in programmes),
                "sha256": plan.sha256,
            }
        )
    return rows


PLANS = Dataset(
    key="plans",
    title=_("Masterplan yang disahkan"),
    description=_(
        "Masterplan smart city yang disahkan Kominfo (dan yang sudah ditetapkan daerah dengan "
        "Perwal/Perbup/Perda): versi yang diterbitkan, surat pengesahan, regulasi dan ringkasan "
        "program serta anggarannya. Draf dan masterplan yang sedang ditinjau tidak pernah "
        "diterbitkan."
    ),
    fields=(
        REGION_CODE,
        REGION_NAME,
        PROVINCE_CODE,
        PROVINCE_NAME,
        COHORT_YEAR,
        PLAN_VERSION,
        Field("title", "string", _("Judul masterplan.")),
        Field(
            "status",
            "string",
            _("approved (disahkan Kominfo) atau enacted (ditetapkan daerah dengan regulasi)."),
        ),
        Field("start_year", "integer", _("Tahun pertama masterplan.")),
        Field("horizon_years", "integer", _("Jangka waktu masterplan dalam tahun.")),
        Field("submitted_at", "datetime", _("Waktu versi ini diajukan (ISO 8601).")),
        Field("approved_at", "datetime", _("Waktu pengesahan oleh Kominfo (ISO 8601).")),
        Field("approval_letter_number", "string", _("Nomor surat pengesahan Kominfo.")),
        Field("approval_letter_date", "date", _("Tanggal surat pengesahan.")),
        Field(
            "regulation_type", "string", _("Jenis regulasi penetapan: perwal, perbup atau perda.")
        ),
        Field("regulation_number", "string", _("Nomor regulasi penetapan.")),
        Field("regulation_date", "date", _("Tanggal regulasi penetapan.")),
        Field("programme_count", "integer", _("Jumlah program, termasuk quick win.")),
        Field("quick_win_count", "integer", _("Jumlah quick win.")),
        Field("budget_total", "integer", _("Jumlah anggaran seluruh program dan tahun (Rupiah).")),
        Field(
            "sha256",
            "string",
            _("SHA-256 isi versi yang diterbitkan, sama dengan yang tercetak di PDF-nya."),
        ),
    ),
    rows=plan_rows,
    filters=("cohort", "province"),
    key_fields=("region_code", "cohort_year"),
)


# --- programmes and quick wins ------------------------------------------------------------------


def _programme_row(item: published.PublishedProgramme) -> Row:
    plan, p = item.plan, item.programme
    return {
        "region_code": plan.region_code,
        "region_name": plan.region_name,
        "province_code": plan.province_code,
        "cohort_year": plan.cohort_year,
        "plan_version": plan.version_number,
        "programme_id": p["id"],
        "name": p["name"],
        "description": p["description"],
        "dimension": p["dimension"],
        "dimension_name": p["dimension_name"],
        "element": p["element"],
        "element_name": p["element_name"],
        "start_year": p["start_year"],
        "end_year": p["end_year"],
        "funding_source": p["funding_source"],
        "agency": p["agency"],
        "kpi": p["kpi"],
        "kpi_unit": p["kpi_unit"],
        "kpi_baseline": p["kpi_baseline"],
        "kpi_target": p["kpi_target"],
        "is_quick_win": p["is_quick_win"],
        "budget_total": _budget_total(p),
    }


def programme_rows() -> list[Row]:
    """Every programme of every published plan (quick wins included). Two queries."""
    items = sorted(published.published_programmes(), key=lambda i: _by_code(i.plan))
    return [_programme_row(item) for item in items]


def quick_win_rows() -> list[Row]:
    """Every quick win of every published plan with its latest progress. Two queries."""
    rows = []
    items = published.published_programmes(quick_wins_only=True)
    for item in sorted(items, key=lambda i: _by_code(i.plan)):
        p, progress = item.programme, item.progress
        row = _programme_row(item)
        del row["is_quick_win"]
        row |= {
            "quick_win_months": p["quick_win_months"],
            "quick_win_start": p["quick_win_start"],
            "quick_win_service": p["quick_win_service"],
            "quick_win_impact": p["quick_win_impact"],
            "progress_percent": progress.percent if progress else None,
            "progress_status": progress.status if progress else "",
            "progress_reported_on": _iso(progress.reported_on) if progress else None,
        }
        rows.append(row)
    return rows


PROGRAMME_FIELDS = (
    REGION_CODE,
    REGION_NAME,
    PROVINCE_CODE,
    COHORT_YEAR,
    PLAN_VERSION,
    Field("programme_id", "integer", _("Nomor program, tetap di semua versi masterplan.")),
    Field("name", "string", _("Nama program.")),
    Field("description", "string", _("Deskripsi program.")),
    Field(
        "dimension",
        "string",
        _(
            "Kode dimensi smart city: governance, branding, economy, living, society atau "
            "environment."
        ),
    ),
    Field("dimension_name", "string", _("Nama dimensi smart city.")),
    Field("element", "string", _("Kode elemen dimensi.")),
    Field("element_name", "string", _("Nama elemen dimensi.")),
    Field("start_year", "integer", _("Tahun mulai.")),
    Field("end_year", "integer", _("Tahun selesai.")),
    Field("funding_source", "string", _("Sumber dana: apbd, apbn, kpbu, csr atau other.")),
    Field("agency", "string", _("OPD penanggung jawab.")),
    Field("kpi", "string", _("Indikator kinerja utama (KPI).")),
    Field("kpi_unit", "string", _("Satuan KPI.")),
    Field("kpi_baseline", "decimal", _("Nilai awal KPI.")),
    Field("kpi_target", "decimal", _("Target KPI.")),
)

PROGRAMMES = Dataset(
    key="programmes",
    title=_("Program masterplan"),
    description=_(
        "Setiap program dari masterplan yang diterbitkan: dimensi dan elemen, tahun, sumber "
        "dana, OPD, KPI dan jumlah anggarannya."
    ),
    fields=(
        *PROGRAMME_FIELDS,
        Field("is_quick_win", "boolean", _("Program ini quick win.")),
        Field("budget_total", "integer", _("Jumlah anggaran seluruh tahun (Rupiah).")),
    ),
    rows=programme_rows,
    filters=("cohort", "province", "dimension"),
    key_fields=("region_code", "cohort_year", "programme_id"),
)

QUICK_WINS = Dataset(
    key="quick-wins",
    title=_("Quick win dan kemajuannya"),
    description=_(
        "Quick win (program pintas, hasil dalam 6–12 bulan) dari masterplan yang diterbitkan, "
        "dengan laporan kemajuan terakhir: persen, status dan tanggal."
    ),
    fields=(
        *PROGRAMME_FIELDS,
        Field("budget_total", "integer", _("Jumlah anggaran seluruh tahun (Rupiah).")),
        Field("quick_win_months", "integer", _("Lama quick win dalam bulan.")),
        Field("quick_win_start", "date", _("Tanggal mulai quick win.")),
        Field("quick_win_service", "string", _("Layanan yang dipertajam.")),
        Field("quick_win_impact", "string", _("Dampak yang diharapkan.")),
        Field("progress_percent", "integer", _("Kemajuan terakhir yang dilaporkan (0–100).")),
        Field(
            "progress_status",
            "string",
            _("Status laporan terakhir: on_track, late atau blocked; kosong bila belum ada."),
        ),
        Field("progress_reported_on", "date", _("Tanggal laporan kemajuan terakhir.")),
    ),
    rows=quick_win_rows,
    filters=("cohort", "province", "dimension"),
    key_fields=("region_code", "cohort_year", "programme_id"),
)


# --- evaluation results ---------------------------------------------------------------------------

SCORE_NOTE = _("0–5, dua desimal seperti diumumkan")


def evaluation_rows() -> list[Row]:
    """Every result of every published evaluation cycle (never a draft or a cycle under
    verification), by year then national rank. One query."""
    rows = []
    for r in evaluation_published.published_rows():
        row = {
            "year": r["year"],
            "region_code": r["region_code"],
            "region_name": r["region_name"],
            "province_code": r["province_code"],
            "cohort_year": r["cohort_year"],
        }
        row.update({part: r[part] for part in EVALUATION_PARTS})
        row["index"] = r["index"]
        row.update({dimension: r[dimension] for dimension in EVALUATION_DIMENSIONS})
        row |= {
            "rank_national": r["rank"],
            "rank_province": r["rank_province"],
            "rank_cohort": r["rank_cohort"],
            "revision": r["revision"],
        }
        rows.append(row)
    return rows


EVALUATION_PARTS = {
    "baseline": _("Nilai bagian Baseline"),
    "output": _("Nilai bagian Output"),
    "outcome": _("Nilai bagian Outcome"),
    "impact": _("Nilai bagian Impact"),
    "quick_win": _("Nilai bagian Quick Win"),
}
EVALUATION_DIMENSIONS = {
    "governance": _("Nilai dimensi Smart Governance"),
    "branding": _("Nilai dimensi Smart Branding"),
    "economy": _("Nilai dimensi Smart Economy"),
    "living": _("Nilai dimensi Smart Living"),
    "society": _("Nilai dimensi Smart Society"),
    "environment": _("Nilai dimensi Smart Environment"),
}


def _score_field(name, label, *, optional=False) -> Field:
    if optional:
        text = format_lazy(
            "{} ({}); {}", label, SCORE_NOTE, _("kosong bila tidak dicatat untuk siklus itu.")
        )
    else:
        text = format_lazy("{} ({}).", label, SCORE_NOTE)
    return Field(name, "decimal", text)


EVALUATIONS = Dataset(
    key="evaluations",
    title=_("Hasil evaluasi smart city"),
    description=_(
        "Hasil evaluasi tahunan yang diumumkan: nilai lima bagian, indeks, nilai enam dimensi "
        "dan peringkat nasional, provinsi dan angkatan setiap kabupaten/kota. Siklus yang belum "
        "diumumkan tidak pernah diterbitkan."
    ),
    fields=(
        Field("year", "integer", _("Tahun siklus evaluasi.")),
        REGION_CODE,
        REGION_NAME,
        PROVINCE_CODE,
        Field(
            "cohort_year",
            "integer",
            _("Tahun angkatan daerah; kosong bila angkatannya tidak tercatat di portal."),
        ),
        *(_score_field(name, label) for name, label in EVALUATION_PARTS.items()),
        Field(
            "index",
            "decimal",
            _(
                "Indeks: jumlah nilai lima bagian dikali bobot siklus itu (0–5, dua desimal "
                "seperti diumumkan)."
            ),
        ),
        *(
            _score_field(name, label, optional=True)
            for name, label in EVALUATION_DIMENSIONS.items()
        ),
        Field("rank_national", "integer", _("Peringkat nasional menurut indeks.")),
        Field("rank_province", "integer", _("Peringkat di antara daerah seprovinsi.")),
        Field("rank_cohort", "integer", _("Peringkat di antara daerah seangkatan.")),
        Field(
            "revision",
            "integer",
            _("Nomor revisi hasil: 1 saat diumumkan, naik setiap koreksi yang diumumkan."),
        ),
    ),
    rows=evaluation_rows,
    filters=("year", "cohort", "province"),
    key_fields=("year", "region_code"),
    temporal=("year",),
)


DATASETS: dict[str, Dataset] = {
    d.key: d for d in (REGIONS, COHORTS, PARTICIPANTS, PLANS, PROGRAMMES, QUICK_WINS, EVALUATIONS)
}


CATALOG_TEXT = {
    "title": _("Data terbuka Gerakan Menuju 100 Smart City"),
    "description": _(
        "Kabupaten/kota, angkatan, peserta, masterplan yang disahkan, program, quick win dan "
        "hasil evaluasi Gerakan Menuju 100 Smart City, dengan kode wilayah Kemendagri sebagai "
        "kunci."
    ),
}
