"""The default instrument (results-based, after the 2021 revision of the Buku Pedoman Evaluasi
Smart City): one indicator per part and dimension, plus the user survey under Impact. Staff
edit it in the admin until a cycle using it opens; the texts are a documented default, not the
ministry's own wording (which was never published in full)."""

from django.db import migrations

CODE = "pedoman-2021"

DIMENSIONS = {
    "governance": "tata kelola pemerintahan (layanan publik, birokrasi, kebijakan publik)",
    "branding": "branding daerah (pariwisata, bisnis, wajah kota)",
    "economy": "ekonomi (ekosistem industri, kesejahteraan, transaksi keuangan)",
    "living": "kualitas hidup (harmoni tata ruang, kesehatan, mobilitas)",
    "society": "masyarakat (komunitas, ekosistem belajar, keamanan)",
    "environment": "lingkungan (proteksi, pengelolaan sampah, energi)",
}
PARTS = {
    "baseline": (
        "B",
        "Kondisi awal {d} tercatat dengan data yang dapat diverifikasi.",
        [
            "Tidak ada data kondisi awal.",
            "Data kondisi awal ada sebagian, tanpa sumber.",
            "Data kondisi awal ada, sumber sebagian.",
            "Data kondisi awal lengkap dengan sumber resmi.",
            "Data lengkap, bersumber resmi dan diperbarui tiap tahun.",
            "Data lengkap, resmi, diperbarui dan dipakai dalam perencanaan.",
        ],
    ),
    "output": (
        "O",
        "Program masterplan untuk {d} telah dilaksanakan sesuai rencana tahunan.",
        [
            "Belum ada program yang dilaksanakan.",
            "Kurang dari 25% program tahun berjalan dilaksanakan.",
            "25–49% program tahun berjalan dilaksanakan.",
            "50–74% program dilaksanakan, dengan bukti.",
            "75–99% program dilaksanakan, dengan bukti.",
            "Seluruh program tahun berjalan dilaksanakan, dengan bukti.",
        ],
    ),
    "outcome": (
        "C",
        "Program {d} menghasilkan perubahan layanan yang terukur pada indikator kinerja.",
        [
            "Tidak ada indikator kinerja yang diukur.",
            "Indikator diukur, belum ada perubahan.",
            "Perubahan kecil pada sebagian indikator.",
            "Sebagian besar indikator mencapai target tahunan.",
            "Seluruh indikator mencapai target tahunan.",
            "Seluruh indikator melampaui target dan berkelanjutan.",
        ],
    ),
    "impact": (
        "I",
        "Masyarakat merasakan manfaat program {d}.",
        [
            "Tidak ada bukti manfaat.",
            "Manfaat dirasakan segelintir pengguna.",
            "Manfaat dirasakan sebagian pengguna.",
            "Manfaat dirasakan mayoritas pengguna, terdokumentasi.",
            "Manfaat luas, terdokumentasi dan diakui pihak luar.",
            "Manfaat luas, berkelanjutan dan direplikasi daerah lain.",
        ],
    ),
    "quick_win": (
        "Q",
        "Quick win {d} berjalan dan memberi hasil dalam 6–12 bulan.",
        [
            "Tidak ada quick win.",
            "Quick win direncanakan, belum berjalan.",
            "Quick win berjalan, hasil belum terukur.",
            "Quick win berjalan dengan hasil terukur.",
            "Quick win mencapai target dan dipakai luas.",
            "Quick win mencapai target, dilembagakan dan dikembangkan.",
        ],
    ),
}
SURVEY_LEVELS = [
    "Indeks kepuasan di bawah 1.",
    "Indeks kepuasan 1–1,99.",
    "Indeks kepuasan 2–2,99.",
    "Indeks kepuasan 3–3,49.",
    "Indeks kepuasan 3,5–4,49.",
    "Indeks kepuasan 4,5 atau lebih.",
]


def seed(apps, schema_editor):
    Instrument = apps.get_model("evaluation", "Instrument")
    Indicator = apps.get_model("evaluation", "Indicator")
    instrument, created = Instrument.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "Instrumen evaluasi bawaan (berbasis hasil, pedoman 2021)",
            "description": (
                "Satu indikator untuk tiap bagian dan dimensi, ditambah survei pengguna layanan "
                "untuk Impact. Bawaan yang terdokumentasi; staf dapat mengubahnya sebelum "
                "siklus yang memakainya dibuka."
            ),
        },
    )
    if not created:
        return
    order = 0
    rows = []
    for part, (letter, text, levels) in PARTS.items():
        for n, (dimension, label) in enumerate(DIMENSIONS.items(), start=1):
            order += 1
            rows.append(
                Indicator(
                    instrument=instrument,
                    code=f"{letter}{n}",
                    part=part,
                    dimension=dimension,
                    text=text.format(d=label),
                    source="self_assessment",
                    order=order,
                    **{f"level_{i}": level for i, level in enumerate(levels)},
                )
            )
        if part == "impact":
            order += 1
            rows.append(
                Indicator(
                    instrument=instrument,
                    code="I7",
                    part="impact",
                    dimension="governance",
                    text="Kepuasan pengguna layanan publik digital (survei, mis. 50 responden).",
                    source="survey",
                    order=order,
                    **{f"level_{i}": level for i, level in enumerate(SURVEY_LEVELS)},
                )
            )
    Indicator.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    Instrument = apps.get_model("evaluation", "Instrument")
    Instrument.objects.filter(code=CODE, cycles__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
