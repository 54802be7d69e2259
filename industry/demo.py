"""Demo data of industry partners: Indosat's profile and solutions, and its input on Kab.
Sukoharjo's submitted plan. Generated and marked as demo data; safe to run again."""

from django.db import transaction

from masterplan.models import Plan, Programme
from masterplan.services.workflow import latest_version
from smartcity.models import PartnerOrganisation, User

from .models import PartnerInput, Solution
from .services.inputs import partner_input_add


@transaction.atomic
def seed_solutions() -> None:
    """Indosat's profile and three solutions (the organisation itself is made with the demo
    accounts)."""
    # Indosat's profile and solutions.
    indosat = PartnerOrganisation.objects.get(slug="indosat")
    if not indosat.description:
        indosat.description = (
            "Penyedia solusi konektivitas, IoT dan pusat data untuk pemerintah daerah."
        )
        indosat.save(update_fields=["description"])
    for title, dims, elements in [
        ("Smart Parking berbasis IoT", ["living"], "mobilitas"),
        ("Command Center terpadu", ["governance", "society"], "pelayanan publik, keamanan"),
        ("Wi-Fi publik kota", ["society", "economy"], "ekosistem pembelajaran"),
    ]:
        Solution.objects.get_or_create(
            organisation=indosat,
            title=title,
            defaults={
                "description": f"{title} untuk kabupaten/kota.",
                "dimensions": dims,
                "elements": elements,
            },
        )


# Indosat's demo input on Sukoharjo's plan: (dimension of the programme or None, solution, text).
INDOSAT_INPUTS = [
    (
        None,
        None,
        "Kami menyambut baik masterplan ini. Analisis infrastruktur sebaiknya memuat peta "
        "jangkauan jaringan serat optik dan BTS per kecamatan, agar program layanan digital di "
        "desa yang belum terjangkau internet dapat dijadwalkan bersama operator.",
    ),
    (
        "governance",
        "Command Center terpadu",
        "Program ini dapat didukung Command Center terpadu kami: integrasi CCTV, call center 112 "
        "dan dasbor kinerja OPD. Kami bersedia menyiapkan uji coba tiga bulan di Diskominfo "
        "tanpa biaya lisensi.",
    ),
    (
        "living",
        None,
        "Target KPI sebaiknya dipecah per tahun supaya kemajuannya dapat dipantau. Sensor IoT "
        "dapat menyediakan data baseline secara otomatis sejak tahun pertama.",
    ),
]


@transaction.atomic
def seed_partner_inputs() -> None:
    """Indosat's input on Sukoharjo's submitted 2018 plan: one on the whole plan and two on
    programmes, one pointing at an Indosat solution. Nothing without a submitted plan; safe to
    run again (nothing is added once Indosat has input on the plan)."""
    plan = Plan.objects.filter(
        candidate__region__code="33.11", candidate__cohort__year=2018, version_count__gt=0
    ).first()
    partner = User.objects.filter(username="mitra-indosat").first()
    if plan is None or partner is None:
        return
    if PartnerInput.objects.filter(
        plan=plan, organisation_id=partner.partner_organisation_id
    ).exists():
        return
    programmes = latest_version(plan).data["programmes"]
    for dimension, solution_title, body in INDOSAT_INPUTS:
        programme = None
        if dimension:
            ids = [p["id"] for p in programmes if p["dimension"] == dimension]
            programme = Programme.objects.filter(plan=plan, pk__in=ids[:1]).first()
            if programme is None:
                continue
        solution = Solution.objects.filter(
            organisation_id=partner.partner_organisation_id, title=solution_title
        ).first()
        partner_input_add(plan=plan, by=partner, body=body, programme=programme, solution=solution)
