"""The cohort's rubric, created from a documented default the first time it is needed."""

from decimal import Decimal

from django.db import transaction

from candidates.models import Cohort

from ..models import Criterion, Rubric, Section

# The programme never published its rubric; this default follows Kominfo's readiness framework
# (vision, struktur, infrastruktur, suprastruktur) and the 2019 questions. Staff change it per
# cohort in the admin. (code, section, title, weight, levels 1–5)
DEFAULT_CRITERIA = [
    (
        "V1",
        Section.VISION,
        "Visi smart city selaras dengan visi-misi daerah (RPJMD)",
        2,
        [
            "Tidak ada",
            "Disebut sekilas",
            "Ada, belum terukur",
            "Jelas dan terukur",
            "Jelas, terukur, dan sudah dijabarkan ke program",
        ],
    ),
    (
        "V2",
        Section.VISION,
        "Komitmen kepala daerah (kebijakan, anggaran, kehadiran)",
        2,
        [
            "Tidak tampak",
            "Lisan saja",
            "Ada kebijakan awal",
            "Kebijakan dan anggaran",
            "Kebijakan, anggaran, dan pemantauan rutin",
        ],
    ),
    (
        "V3",
        Section.VISION,
        "Kualitas paparan dan pemahaman konsep smart city",
        1,
        ["Sangat lemah", "Lemah", "Cukup", "Baik", "Sangat baik"],
    ),
    (
        "S1",
        Section.STRUKTUR,
        "SDM TIK: jumlah dan kompetensi",
        1.5,
        [
            "Tidak ada",
            "Sangat terbatas",
            "Memadai sebagian",
            "Memadai",
            "Memadai dan bersertifikat",
        ],
    ),
    (
        "S2",
        Section.STRUKTUR,
        "Anggaran TIK dan keberlanjutannya",
        1.5,
        ["Tidak ada", "Sangat kecil", "Ada, tidak rutin", "Rutin", "Rutin dan meningkat"],
    ),
    (
        "S3",
        Section.STRUKTUR,
        "Tata kelola: dewan/tim smart city",
        1,
        ["Tidak ada", "Direncanakan", "Ada tanpa SK", "Ada dengan SK", "Ada dengan SK dan aktif"],
    ),
    (
        "I1",
        Section.INFRASTRUKTUR,
        "Jaringan dan konektivitas",
        1.5,
        ["< 20 %", "20–40 %", "40–60 %", "60–80 %", "> 80 % wilayah"],
    ),
    (
        "I2",
        Section.INFRASTRUKTUR,
        "Pusat data dan keamanan informasi",
        1,
        ["Tidak ada", "Server terpisah-pisah", "Ruang server", "Pusat data", "Pusat data dan DRC"],
    ),
    (
        "I3",
        Section.INFRASTRUKTUR,
        "Aplikasi layanan publik dan integrasinya",
        1.5,
        [
            "Tidak ada",
            "Sedikit, terpisah",
            "Beberapa",
            "Banyak, sebagian terintegrasi",
            "Terintegrasi",
        ],
    ),
    (
        "P1",
        Section.SUPRASTRUKTUR,
        "Regulasi e-government dan smart city",
        1.5,
        ["Tidak ada", "Rancangan", "Satu regulasi", "Beberapa regulasi", "Lengkap dan diterapkan"],
    ),
    (
        "P2",
        Section.SUPRASTRUKTUR,
        "Kelembagaan dan koordinasi antar-OPD",
        1,
        ["Tidak ada", "Ad hoc", "Ada forum", "Forum rutin", "Forum rutin dengan keluaran"],
    ),
    (
        "P3",
        Section.SUPRASTRUKTUR,
        "Kesiapan masyarakat dan perencanaan",
        1,
        ["Sangat rendah", "Rendah", "Sedang", "Tinggi", "Sangat tinggi"],
    ),
]


@transaction.atomic
def rubric_for_cohort(*, cohort: Cohort) -> Rubric:
    """The cohort's rubric; the first call creates it with the default criteria."""
    rubric, created = Rubric.objects.get_or_create(cohort=cohort)
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                rubric=rubric,
                code=code,
                section=section,
                title=title,
                weight=Decimal(str(weight)),
                level_1=levels[0],
                level_2=levels[1],
                level_3=levels[2],
                level_4=levels[3],
                level_5=levels[4],
                order=order,
            )
            for order, (code, section, title, weight, levels) in enumerate(DEFAULT_CRITERIA)
        )
    return rubric
