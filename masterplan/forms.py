"""Forms an official fills in to write the master plan.

They check what a person typed (a Rupiah amount, a year inside the plan, an element of the
chosen dimension) and point at the field to fix; the rules that also hold at submission are the
services' (`masterplan.services.authoring`), whose refusals come back as form errors. A form
that fails keeps everything the official typed.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from smartcity.validators import (
    NOTE_MAX,
    RUPIAH_MAX,
    SECTION_MAX,
    TEXT_MAX,
    date_field,
    is_within_years,
    text_field,
    year_field,
)

from .document import (
    LEGAL_BASIS_MAX_LINES,
    GlossaryError,
    glossary,
    glossary_text,
    legal_basis_list,
    national_legal_basis_text,
    parse_glossary,
)
from .models import Dimension, Element, Plan, Programme, ProgrammeType
from .services.authoring import plan_update, programme_save, strategies_save
from .services.workflow import (
    LETTER_NUMBER_MAX,
    WorkflowError,
    approval_letter_problems,
    plan_approve,
    plan_enact,
)
from .snapshot import quick_win_start_message

# Either plain digits or digits grouped by dots in threes, as Indonesians write money.
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def rupiah_text(amount: int) -> str:
    """`1.250.000`: the amount as an official types it (no "Rp", so it can be edited)."""
    # Not number_format(use_l10n=False): that reads settings.NUMBER_GROUPING (0, no grouping).
    return f"{int(amount):,}".replace(",", ".")


class RupiahField(forms.Field):
    """Whole Rupiah typed the Indonesian way: `Rp 1.250.000`, `1.250.000` or `1250000`.

    Empty means "no budget" (None). Negative amounts, letters and decimals are refused with a
    message that says what to type instead.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "negative": _("Anggaran tidak boleh negatif."),
        "decimal": _("Tulis rupiah utuh tanpa sen, misalnya 1.250.000."),
        "invalid": _("Tulis jumlah rupiah dengan angka saja, misalnya 1.250.000."),
        "too_large": _("Jumlah ini terlalu besar."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u00a0", " ")
        if text == "":
            return None
        text = re.sub(r"^rp\.?\s*", "", text, flags=re.IGNORECASE).replace(" ", "")
        if text.startswith("-"):
            raise ValidationError(self.error_messages["negative"], code="negative")
        if text.isdigit():
            amount = int(text)
        elif _GROUPED.match(text):
            amount = int(text.replace(".", ""))
        elif re.fullmatch(r"[\d.]*[,.]\d{1,2}", text) or re.fullmatch(r"[\d.]+,\d*", text):
            # `1.250.000,50` or `1250000.5`: cents, which budgets do not have.
            raise ValidationError(self.error_messages["decimal"], code="decimal")
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if amount > RUPIAH_MAX:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return amount

    def prepare_value(self, value):
        # Amounts (initial data) are shown grouped; what the official typed is shown unchanged.
        if isinstance(value, int) and not isinstance(value, bool):
            return rupiah_text(value)
        return value


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _text(model, name, rows=4, max_length=SECTION_MAX):
    return text_field(_label(model, name), rows=rows, max_length=max_length)


class ServiceForm(forms.Form):
    """A form whose `save(by=…)` calls a service; a refusal becomes errors on the form."""

    def save(self, *, by) -> bool:
        """Save through the service; False (with errors on the form) when it refuses."""
        assert self.is_valid()
        try:
            self.result = self.call_service(by)
        except WorkflowError as exc:
            # ProgrammeInvalid too: its problems say what to fix, its message only that it failed.
            for problem in exc.problems or [str(exc)]:
                self.add_error(None, str(problem))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    target = field if field in self.fields else None
                    if field == NON_FIELD_ERRORS:
                        target = None
                    self.add_error(target, messages)
            else:
                self.add_error(None, exc)
        return not self.errors

    def call_service(self, by):
        raise NotImplementedError


class PlanHeaderForm(ServiceForm):
    """Title, timeline, vision and mission of the plan."""

    title = forms.CharField(label=_label(Plan, "title"), max_length=200, required=False)
    start_year = year_field(_label(Plan, "start_year"), min_value=2000)
    horizon_years = forms.TypedChoiceField(
        label=_label(Plan, "horizon_years"),
        choices=[(n, str(n)) for n in range(5, 11)],
        coerce=int,
        help_text=_("Masterplan disusun untuk 5 sampai 10 tahun."),
    )
    vision = _text(Plan, "vision", rows=3)
    mission = _text(Plan, "mission", rows=6)

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("initial", {name: getattr(plan, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)

    def call_service(self, by):
        return plan_update(plan=self.plan, by=by, **self.cleaned_data)


READINESS_FIELDS = (
    "readiness_structure",
    "readiness_infrastructure",
    "readiness_superstructure",
    "strengths",
    "weaknesses",
    "opportunities",
    "threats",
    "gaps",
)


class ReadinessForm(ServiceForm):
    """The readiness analysis: structure, infrastructure, superstructure, SWOT and gaps."""

    readiness_structure = _text(Plan, "readiness_structure")
    readiness_infrastructure = _text(Plan, "readiness_infrastructure")
    readiness_superstructure = _text(Plan, "readiness_superstructure")
    strengths = _text(Plan, "strengths")
    weaknesses = _text(Plan, "weaknesses")
    opportunities = _text(Plan, "opportunities")
    threats = _text(Plan, "threats")
    gaps = _text(Plan, "gaps")

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("initial", {name: getattr(plan, name) for name in READINESS_FIELDS})
        super().__init__(*args, **kwargs)

    def call_service(self, by):
        return plan_update(plan=self.plan, by=by, **self.cleaned_data)


class StrategiesForm(ServiceForm):
    """One strategy text per dimension, fields named `strategy_<dimension code>`."""

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        self.dimensions = list(Dimension.objects.all())
        texts = {s.dimension_id: s.text for s in plan.strategies.all()}
        kwargs.setdefault(
            "initial", {f"strategy_{d.code}": texts.get(d.pk, "") for d in self.dimensions}
        )
        super().__init__(*args, **kwargs)
        for d in self.dimensions:
            self.fields[f"strategy_{d.code}"] = text_field(d.name, max_length=SECTION_MAX)

    def call_service(self, by):
        texts = {d.pk: self.cleaned_data[f"strategy_{d.code}"] for d in self.dimensions}
        return strategies_save(plan=self.plan, by=by, texts=texts)


class _PlanFieldsForm(ServiceForm):
    """A form of some of the plan's own fields, saved by `plan_update`."""

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("initial", self.initial_values(plan))
        super().__init__(*args, **kwargs)

    def initial_values(self, plan) -> dict:
        return {name: getattr(plan, name) for name in self.base_fields}

    def call_service(self, by):
        return plan_update(plan=self.plan, by=by, **self.cleaned_data)


class ForewordsForm(_PlanFieldsForm):
    """The two forewords (Kata Pengantar): the head of region's and the Tim Pelaksana's head's."""

    foreword_head = _text(Plan, "foreword_head", rows=8)
    foreword_team = _text(Plan, "foreword_team", rows=8)


LEGAL_BASIS_LINE_MAX = 500


class LegalBasisForm(_PlanFieldsForm):
    """The legal basis (Dasar Hukum): one regulation per line, starting from the national ones."""

    legal_basis = text_field(
        _label(Plan, "legal_basis"),
        rows=12,
        max_length=SECTION_MAX,
        help_text=_(
            "Satu peraturan per baris, tanpa nomor urut (dokumen menomorinya sendiri). Daftar "
            "awal berisi peraturan nasional yang berlaku; tambahkan peraturan daerah Anda."
        ),
    )

    def initial_values(self, plan) -> dict:
        # An emptied list starts again from the national regulations.
        return {"legal_basis": plan.legal_basis or national_legal_basis_text()}

    def clean_legal_basis(self):
        text = self.cleaned_data["legal_basis"]
        lines = legal_basis_list(text)
        if len(lines) > LEGAL_BASIS_MAX_LINES:
            raise ValidationError(
                _("Paling banyak %(max)s peraturan (sekarang %(n)s).")
                % {"max": LEGAL_BASIS_MAX_LINES, "n": len(lines)}
            )
        long = [
            str(number)
            for number, line in enumerate(text.splitlines(), start=1)
            if len(line.strip()) > LEGAL_BASIS_LINE_MAX
        ]
        if long:
            raise ValidationError(
                _("Baris %(lines)s lebih dari %(max)s huruf: satu baris untuk satu peraturan.")
                % {"lines": ", ".join(long), "max": LEGAL_BASIS_LINE_MAX}
            )
        # Stored as typed lines, one per regulation (numbering the official typed removed).
        return "\n".join(lines)


class ExecutiveSummaryForm(_PlanFieldsForm):
    """The executive summary (Ringkasan Eksekutif): the region's text, which starts as a draft
    generated from the plan; ticking "use the generated draft" empties it again, so the
    document prints the draft of the plan as it is then."""

    executive_summary = text_field(
        _label(Plan, "executive_summary"),
        rows=14,
        max_length=SECTION_MAX,
        help_text=_(
            "Satu sampai dua halaman: visi, angka utama, quick win dan total anggaran per "
            "sumber dana. Isian awal adalah draf yang dibuat dari masterplan; ubah sesuka Anda."
        ),
    )
    use_draft = forms.BooleanField(
        label=_("Pakai draf otomatis (dibuat ulang dari masterplan setiap dicetak)"),
        required=False,
    )

    def initial_values(self, plan) -> dict:
        from .document import executive_summary_draft
        from .snapshot import plan_snapshot

        text = plan.executive_summary or executive_summary_draft(plan_snapshot(plan))
        return {"executive_summary": text, "use_draft": not plan.executive_summary}

    def call_service(self, by):
        text = "" if self.cleaned_data["use_draft"] else self.cleaned_data["executive_summary"]
        return plan_update(plan=self.plan, by=by, executive_summary=text)


class ProfileForm(_PlanFieldsForm):
    """The regional profile's free text, beside the figures the portal fills in."""

    profile_economy = _text(Plan, "profile_economy", rows=6)
    profile_sectors = _text(Plan, "profile_sectors", rows=6)


class ClosingForm(_PlanFieldsForm):
    """The closing chapter (Penutup) and the glossary of agencies the programmes name."""

    closing = _text(Plan, "closing", rows=8)
    glossary = text_field(
        _("Daftar singkatan OPD"),
        rows=10,
        max_length=SECTION_MAX,
        help_text=_(
            "Satu OPD per baris: singkatan = kepanjangan, misalnya “Diskominfo = Dinas "
            "Komunikasi dan Informatika”. Daftar dibuat dari OPD yang disebut program; "
            "kepanjangan yang Anda tulis dipakai di dokumen."
        ),
    )

    def initial_values(self, plan) -> dict:
        agencies = plan.programmes.values_list("agency", flat=True)
        return {
            "closing": plan.closing,
            "glossary": glossary_text(glossary(agencies, plan.agency_names)),
        }

    def clean_glossary(self):
        try:
            return parse_glossary(self.cleaned_data["glossary"])
        except GlossaryError as exc:
            raise ValidationError(exc.problems) from exc

    def call_service(self, by):
        return plan_update(
            plan=self.plan,
            by=by,
            closing=self.cleaned_data["closing"],
            agency_names=self.cleaned_data["glossary"],
        )


QUICK_WIN_REQUIRED = ("quick_win_months", "quick_win_impact", "quick_win_service")


class ProgrammeForm(ServiceForm):
    """A programme with its budget per year: one `budget_<year>` field per year of the plan.

    Element choices are grouped by dimension and must belong to the chosen dimension; the
    quick-win fields are required only when the programme is a quick win.
    """

    name = forms.CharField(label=_label(Programme, "name"), max_length=200)
    description = _text(Programme, "description", rows=3, max_length=TEXT_MAX)
    dimension = forms.ChoiceField(label=_label(Programme, "dimension"))
    element = forms.ChoiceField(label=_label(Programme, "element"))
    start_year = year_field(_label(Programme, "start_year"))
    end_year = year_field(_label(Programme, "end_year"))
    funding_source = forms.ChoiceField(
        label=_label(Programme, "funding_source"), choices=Programme.Funding.choices
    )
    agency = forms.CharField(
        label=_label(Programme, "agency"),
        max_length=150,
        help_text=_("Organisasi perangkat daerah yang menjalankan program."),
    )
    kpi = forms.CharField(label=_label(Programme, "kpi"), max_length=200)
    kpi_unit = forms.CharField(label=_label(Programme, "kpi_unit"), max_length=50)
    kpi_baseline = forms.DecimalField(
        label=_label(Programme, "kpi_baseline"), max_digits=14, decimal_places=2, localize=True
    )
    kpi_target = forms.DecimalField(
        label=_label(Programme, "kpi_target"), max_digits=14, decimal_places=2, localize=True
    )
    is_quick_win = forms.BooleanField(
        label=_("Program ini quick win (selesai dalam 6–12 bulan)"), required=False
    )
    quick_win_months = forms.IntegerField(
        label=_label(Programme, "quick_win_months"), min_value=6, max_value=12, required=False
    )
    quick_win_start = date_field(
        _label(Programme, "quick_win_start"),
        required=False,
        help_text=_("Di dalam tahun pelaksanaan program."),
    )
    quick_win_impact = _text(Programme, "quick_win_impact", rows=2, max_length=NOTE_MAX)
    quick_win_service = forms.CharField(
        label=_label(Programme, "quick_win_service"), max_length=200, required=False
    )
    programme_type = forms.ChoiceField(label=_label(Programme, "programme_type"), required=False)
    rpjmd_reference = forms.CharField(
        label=_label(Programme, "rpjmd_reference"),
        max_length=200,
        required=False,
        help_text=_(
            "Misi, tujuan atau program RPJMD yang didukung, misalnya “Misi 2, Tujuan 2.1”."
        ),
    )
    renstra_reference = forms.CharField(
        label=_label(Programme, "renstra_reference"),
        max_length=200,
        required=False,
        help_text=_("Program atau kegiatan di Renstra OPD penanggung jawab."),
    )

    MAIN_FIELDS = ("name", "description", "dimension", "element", "start_year", "end_year")
    DETAIL_FIELDS = ("funding_source", "agency", "kpi", "kpi_unit", "kpi_baseline", "kpi_target")
    QUICK_WIN_FIELDS = ("is_quick_win", "quick_win_months", "quick_win_start", *QUICK_WIN_REQUIRED)
    LINK_FIELDS = ("programme_type", "rpjmd_reference", "renstra_reference")

    def __init__(
        self, *args, plan: Plan, programme: Programme | None = None, dimension=None, **kwargs
    ):
        self.plan, self.programme = plan, programme
        self.elements = {
            str(e.pk): e
            for e in Element.objects.select_related("dimension").order_by(
                "dimension__order", "order"
            )
        }
        self.dimensions = {str(d.pk): d for d in Dimension.objects.all()}
        self.types = {str(t.pk): t for t in ProgrammeType.objects.all()}
        budgets = {}
        if programme is not None:
            budgets = {b.year: b.amount for b in programme.budgets.all()}
        # Years the plan no longer covers keep a field, so such a budget is seen and fixed,
        # not silently dropped on the next save.
        self.years = sorted(set(plan.years) | set(budgets))
        kwargs.setdefault("initial", self._initial(programme, budgets, dimension))
        super().__init__(*args, **kwargs)
        # portal.js offers only the chosen dimension's elements (the server checks it anyway).
        self.fields["dimension"].widget.attrs["data-filters-elements"] = ""
        self.fields["dimension"].choices = [("", "—")] + [
            (pk, d.name) for pk, d in self.dimensions.items()
        ]
        grouped: dict[str, list] = {}
        for pk, e in self.elements.items():
            grouped.setdefault(e.dimension.name, []).append((pk, e.name))
        self.fields["element"].choices = [("", "—"), *grouped.items()]
        self.fields["programme_type"].choices = [("", "—")] + [
            (pk, t.name) for pk, t in self.types.items()
        ]
        for field in ("start_year", "end_year"):
            self.fields[field].widget.attrs.update(min=plan.start_year, max=plan.end_year)
        for year in self.years:
            self.fields[f"budget_{year}"] = RupiahField(label=str(year), required=False)

    def _initial(self, programme, budgets, dimension):
        if programme is None:
            return {
                "dimension": str(dimension.pk) if dimension else "",
                "start_year": self.plan.start_year,
                "end_year": self.plan.end_year,
            }
        initial = {
            name: getattr(programme, name)
            for name in (
                *self.MAIN_FIELDS,
                *self.DETAIL_FIELDS,
                *self.QUICK_WIN_FIELDS,
                *self.LINK_FIELDS,
            )
            if name not in ("dimension", "element", "programme_type")
        }
        initial["programme_type"] = str(programme.programme_type_id or "")
        initial["dimension"] = str(programme.dimension_id)
        initial["element"] = str(programme.element_id)
        initial.update({f"budget_{year}": amount for year, amount in budgets.items()})
        return initial

    def budget_fields(self):
        return [self[f"budget_{year}"] for year in self.years]

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def detail_fields(self):
        return [self[name] for name in self.DETAIL_FIELDS]

    def quick_win_fields(self):
        return [self[name] for name in self.QUICK_WIN_FIELDS]

    def clean_programme_type(self):
        value = self.cleaned_data["programme_type"]
        return self.types[value] if value else None

    def clean_dimension(self):
        return self.dimensions[self.cleaned_data["dimension"]]

    def clean_element(self):
        return self.elements[self.cleaned_data["element"]]

    def clean(self):
        data = super().clean()
        dimension, element = data.get("dimension"), data.get("element")
        if dimension and element and element.dimension_id != dimension.pk:
            self.add_error(
                "element",
                _("Elemen “%(element)s” bukan bagian dari %(dimension)s.")
                % {"element": element.name, "dimension": dimension.name},
            )
        start, end = data.get("start_year"), data.get("end_year")
        first, last = self.plan.start_year, self.plan.end_year
        outside = _("Harus di dalam jangka waktu masterplan (%(a)s–%(b)s).") % {
            "a": first,
            "b": last,
        }
        for name, year in (("start_year", start), ("end_year", end)):
            if year is not None and not first <= year <= last:
                self.add_error(name, outside)
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("Tahun selesai tidak boleh sebelum tahun mulai."))
        if start is not None and end is not None:
            for year in self.years:
                amount = data.get(f"budget_{year}")
                if amount is not None and not start <= year <= end:
                    self.add_error(
                        f"budget_{year}",
                        _("Di luar tahun pelaksanaan program (%(a)s–%(b)s); kosongkan.")
                        % {"a": start, "b": end},
                    )
        if data.get("is_quick_win"):
            for name in QUICK_WIN_REQUIRED:
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Wajib diisi untuk quick win."))
            quick_win_start = data.get("quick_win_start")
            if (
                quick_win_start
                and start is not None
                and end is not None
                and not is_within_years(quick_win_start, start, end)
            ):
                self.add_error("quick_win_start", quick_win_start_message(start, end))
        return data

    def values(self) -> dict:
        names = (*self.MAIN_FIELDS, *self.DETAIL_FIELDS, *self.QUICK_WIN_FIELDS, *self.LINK_FIELDS)
        values = {name: self.cleaned_data[name] for name in names}
        for name in (
            "quick_win_impact",
            "quick_win_service",
            "rpjmd_reference",
            "renstra_reference",
        ):
            values[name] = values[name] or ""
        return values

    def budgets(self) -> dict[int, int | None]:
        return {year: self.cleaned_data.get(f"budget_{year}") for year in self.years}

    def call_service(self, by):
        return programme_save(
            plan=self.plan,
            by=by,
            values=self.values(),
            budgets=self.budgets(),
            programme=self.programme,
        )


SECTION_FORMS = {
    "header": PlanHeaderForm,
    "readiness": ReadinessForm,
    "strategy": StrategiesForm,
    "foreword": ForewordsForm,
    "legal": LegalBasisForm,
    "summary": ExecutiveSummaryForm,
    "profile": ProfileForm,
    "closing": ClosingForm,
}


# --- decisions: the ministry's approval and the region's enactment -------------------------


class ApprovalForm(ServiceForm):
    """The ministry's approval letter. Checked here as the service checks it, so the
    confirmation step only ever shows a letter the service will accept."""

    letter_number = forms.CharField(
        label=_("Nomor surat pengesahan"),
        max_length=LETTER_NUMBER_MAX,
        help_text=_("Nomor surat Kominfo yang mengesahkan masterplan ini."),
        error_messages={"required": _("Isi nomor surat pengesahan.")},
    )
    letter_date = date_field(
        _("Tanggal surat pengesahan"),
        error_messages={
            "required": _("Isi tanggal surat pengesahan."),
            "invalid": _("Isi tanggal yang sah, misalnya 2026-12-07."),
        },
    )
    note = text_field(_("Catatan untuk daerah (opsional)"), max_length=NOTE_MAX, rows=2)
    # The version staff read when they opened the form: a resubmission meanwhile is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("initial", {"version": plan.version_count})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if "version" in data and data["version"] != self.plan.version_count:
            raise ValidationError(
                _("Masterplan telah berubah (kini versi %(n)s); periksa lalu isi lagi.")
                % {"n": self.plan.version_count}
            )
        if "letter_number" in data and "letter_date" in data:
            problems = approval_letter_problems(
                plan=self.plan, number=data["letter_number"], letter_date=data["letter_date"]
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data

    def call_service(self, by):
        return plan_approve(
            plan=self.plan,
            by=by,
            letter_number=self.cleaned_data["letter_number"],
            letter_date=self.cleaned_data["letter_date"],
            note=self.cleaned_data["note"],
        )


class EnactForm(ServiceForm):
    """The regulation (Perwal/Perbup/Perda) that enacts an approved plan, with its signed PDF."""

    regulation_type = forms.ChoiceField(
        label=_("Jenis regulasi"),
        choices=[("", "—"), *Plan.Regulation.choices],
        error_messages={"required": _("Pilih jenis regulasi.")},
    )
    number = forms.CharField(
        label=_("Nomor regulasi"),
        max_length=100,
        error_messages={"required": _("Isi nomor regulasi.")},
    )
    date = date_field(
        _("Tanggal regulasi"), error_messages={"required": _("Isi tanggal regulasi.")}
    )
    document = forms.FileField(
        label=_("Dokumen regulasi (PDF)"),
        help_text=_("PDF yang ditandatangani, paling besar 20 MB."),
        error_messages={"required": _("Unggah dokumen regulasi (PDF).")},
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def call_service(self, by):
        data = self.cleaned_data
        try:
            return plan_enact(
                plan=self.plan,
                by=by,
                regulation_type=data["regulation_type"],
                number=data["number"],
                date=data["date"],
                upload=data["document"],
            )
        except ValidationError as exc:
            # The upload check speaks about the file: show it under the file field.
            raise ValidationError({"document": exc.messages}) from exc
