"""Master-plan PDF performance bar (master-plan issue, PDF part).

A realistic plan, like the demo Sukoharjo plan (42 programmes over the six dimensions, long
texts, both governance bodies), printed to a PDF of 30+ pages. Measured in one process, side by
side:

  (a) the project's full render, `masterplan.pdf.render_version_pdf` on a version loaded from
      the database (queries, context, templates, WeasyPrint);
  (b) WeasyPrint alone turning the same HTML string (rendered once beforehand) into a PDF, with
      the same URL fetcher and base URL.

The two alternate for several rounds and the best of each is kept. Bar: (a) / (b) <= 1.2, that
is the project adds at most a fifth to what WeasyPrint itself costs. Exits non-zero if missed or
if the document is shorter than 30 pages.

Run: .venv/bin/python bench/pdf_render.py [--rounds N] [--out plan.pdf]
"""

import argparse
import io
import sys
import time

from _django import scratch_database, setup

setup()

BAR = 1.2
MIN_PAGES = 30

PROGRAMMES = {
    "governance": [
        "Satu Data Sukoharjo",
        "Sistem Pemerintahan Berbasis Elektronik Terpadu",
        "Layanan Perizinan Daring Mal Pelayanan Publik",
        "Aplikasi Pengaduan Warga Terintegrasi",
        "Pusat Data dan Pemulihan Bencana Daerah",
        "Tanda Tangan Elektronik Aparatur",
        "Dasbor Kinerja Perangkat Daerah",
    ],
    "branding": [
        "Portal Pariwisata Sukoharjo Makmur",
        "Festival Jamu dan Gamelan Digital",
        "Katalog Daring Produk Unggulan Desa",
        "Wisata Virtual Situs Budaya",
        "Sistem Informasi Kalender Event Daerah",
        "Penataan Wajah Kota Berbasis Data",
        "Media Sosial Terpadu Pemerintah Daerah",
    ],
    "economy": [
        "Pasar Daring UMKM",
        "Inkubator Bisnis Digital Pemuda",
        "Pembayaran Nontunai Retribusi Pasar",
        "Sistem Informasi Harga Komoditas",
        "Pelatihan Kewirausahaan Digital Perempuan",
        "Kawasan Industri Pintar Nguter",
        "Koperasi Digital Petani",
    ],
    "living": [
        "Rekam Medis Elektronik Puskesmas",
        "Ambulans Siaga Terhubung 112",
        "Sistem Informasi Rumah Tidak Layak Huni",
        "Transportasi Umum Terjadwal Daring",
        "Penerangan Jalan Umum Cerdas",
        "Antrean Daring Rumah Sakit Daerah",
        "Pemantauan Gizi Balita Terpadu",
    ],
    "society": [
        "Sekolah Digital Sukoharjo",
        "Perpustakaan Daring Desa",
        "Literasi Digital Masyarakat",
        "Relawan TIK Kecamatan",
        "Ruang Kreatif Komunitas",
        "Beasiswa Talenta Digital",
        "Kanal Aspirasi Pemuda",
    ],
    "environment": [
        "Bank Sampah Digital",
        "Pemantauan Kualitas Air Sungai Bengawan Solo",
        "Peringatan Dini Banjir Berbasis Sensor",
        "Ruang Terbuka Hijau Tercatat",
        "Energi Surya Gedung Pemerintah",
        "Pengelolaan Limbah Industri Terpantau",
        "Pertanian Presisi Lahan Sawah",
    ],
}

SENTENCES = [
    "Program ini memperkuat pelayanan publik yang cepat, transparan dan dapat diukur.",
    "Perangkat daerah berbagi data melalui satu platform sehingga tidak ada input berulang.",
    "Masyarakat dapat memantau kemajuan layanan secara daring dari telepon genggam.",
    "Pelaksanaan dilakukan bertahap, dimulai dari kecamatan percontohan lalu diperluas.",
    "Keberhasilan diukur dengan indikator kinerja yang dilaporkan setiap triwulan.",
    "Kerja sama dengan perguruan tinggi dan pelaku usaha lokal memperkuat keberlanjutan.",
    "Anggaran disusun berdasarkan kebutuhan nyata dan kemampuan keuangan daerah.",
    "Risiko utama adalah kesiapan sumber daya manusia dan ketersediaan jaringan internet.",
    "Pelatihan aparatur dan pendampingan warga menjadi bagian tak terpisahkan dari program.",
    "Hasil evaluasi tahunan menjadi dasar penyesuaian rencana pada tahun berikutnya.",
]


def prose(seed: int, sentences: int, paragraphs: int = 1) -> str:
    out = []
    for p in range(paragraphs):
        out.append(
            " ".join(SENTENCES[(seed + p * 3 + i) % len(SENTENCES)] for i in range(sentences))
        )
    return "\n\n".join(out)


def build_plan():
    """The Sukoharjo-like plan and its first version (submitted), in a scratch database."""
    from datetime import date
    from decimal import Decimal

    from candidates.models import Candidate, Cohort, Region
    from masterplan.models import (
        Dimension,
        DimensionStrategy,
        Plan,
        PlanVersion,
        Programme,
        ProgrammeBudget,
    )
    from masterplan.snapshot import TEXT_KEYS, plan_snapshot, snapshot_sha256
    from partners.models import BodyMember, SmartCityBody
    from smartcity.models import User

    province = Region.objects.create(code="33", name="Jawa Tengah", kind=Region.Kind.PROVINCE)
    region = Region.objects.create(
        code="33.11", name="Kabupaten Sukoharjo", kind=Region.Kind.REGENCY, province=province
    )
    cohort = Cohort.objects.create(year=2018, name="Gerakan Menuju 100 Smart City 2018")
    candidate = Candidate.objects.create(
        cohort=cohort, region=region, status=Candidate.Status.PARTICIPANT
    )
    official = User.objects.create(username="pemda-3311", role=User.Role.OFFICIAL, region=region)
    sections = {key: prose(n, 6, 3) for n, key in enumerate(TEXT_KEYS)}
    sections["vision"] = "Terwujudnya Sukoharjo yang makmur, cerdas dan berdaya saing. " + prose(
        1, 3
    )
    sections["mission"] = "\n".join(f"{n}. {s}" for n, s in enumerate(SENTENCES[:6], 1))
    plan = Plan.objects.create(
        candidate=candidate,
        start_year=2019,
        horizon_years=5,
        title="Masterplan Smart City Kabupaten Sukoharjo 2019–2023",
        **sections,
    )
    funding = [value for value, _ in Programme.Funding.choices]
    n = 0
    for dimension in Dimension.objects.all():
        DimensionStrategy.objects.create(plan=plan, dimension=dimension, text=prose(n, 5, 2))
        element = dimension.elements.first()
        for order, name in enumerate(PROGRAMMES[dimension.code]):
            quick_win = order == 0
            start = 2019 + n % 3
            programme = Programme.objects.create(
                plan=plan,
                name=name,
                description=prose(n, 6),
                dimension=dimension,
                element=element,
                start_year=start,
                end_year=min(start + 1 + n % 3, 2023),
                funding_source=funding[n % len(funding)],
                agency="Dinas Komunikasi dan Informatika",
                kpi="Layanan yang dapat diakses daring",
                kpi_unit="layanan",
                kpi_baseline=Decimal(3 + n),
                kpi_target=Decimal(30 + n),
                is_quick_win=quick_win,
                quick_win_months=9 if quick_win else None,
                quick_win_start=date(2019, 7, 1) if quick_win else None,
                quick_win_impact=prose(n, 2) if quick_win else "",
                quick_win_service=name if quick_win else "",
                order=order,
            )
            ProgrammeBudget.objects.bulk_create(
                ProgrammeBudget(programme=programme, year=y, amount=250_000_000 + n * 12_500_000)
                for y in range(programme.start_year, programme.end_year + 1)
            )
            n += 1
    for kind, members in ((SmartCityBody.Kind.COUNCIL, 9), (SmartCityBody.Kind.TEAM, 24)):
        body = SmartCityBody.objects.create(
            region=region,
            kind=kind,
            decree_number=f"050/{members}/2019",
            decree_date=date(2019, 3, 1),
        )
        BodyMember.objects.bulk_create(
            BodyMember(
                body=body,
                name=f"Anggota {kind} {i + 1}",
                position="Kepala Bidang",
                agency="Bappeda",
                role="Anggota",
                order=i,
            )
            for i in range(members)
        )
    plan = Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)
    data = plan_snapshot(plan)
    version = PlanVersion.objects.create(
        plan=plan, number=1, data=data, sha256=snapshot_sha256(data), created_by=official
    )
    Plan.objects.filter(pk=plan.pk).update(version_count=1, status=Plan.Status.SUBMITTED)
    return version.pk, n


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--out", help="also write the rendered PDF here")
    args = parser.parse_args()

    from pypdf import PdfReader

    from masterplan import pdf
    from masterplan.models import PlanVersion

    with scratch_database():
        version_pk, programmes = build_plan()

        def full():
            version = PlanVersion.objects.select_related("plan").get(pk=version_pk)
            return pdf.render_version_pdf(version, approved=pdf.is_approved_print(version))

        version = PlanVersion.objects.get(pk=version_pk)
        html = pdf.render_version_html(version, approved=False)

        def weasyprint_only():
            import weasyprint

            return weasyprint.HTML(
                string=html, base_url=pdf.static_base_url(), url_fetcher=pdf.pdf_fetcher()
            ).write_pdf()

        content = full()  # warm up: imports, fonts, template loading
        weasyprint_only()
        pages = len(PdfReader(io.BytesIO(content)).pages)
        if args.out:
            with open(args.out, "wb") as f:
                f.write(content)

        full_times, alone_times = [], []
        for round_ in range(args.rounds):
            # Alternate which goes first, so neither always runs on a warmer machine.
            order = (full, weasyprint_only) if round_ % 2 == 0 else (weasyprint_only, full)
            for fn in order:
                seconds, _ = timed(fn)
                (full_times if fn is full else alone_times).append(seconds)
        best_full, best_alone = min(full_times), min(alone_times)
        ratio = best_full / best_alone
        ok_pages = pages >= MIN_PAGES
        ok_ratio = ratio <= BAR
        print(f"plan: {programmes} programmes, {len(html):,} characters of HTML")
        print(
            f"pages:                               {pages:7d}  (at least {MIN_PAGES}) "
            f"{'OK' if ok_pages else 'FAIL'}"
        )
        print(
            f"(a) render_version_pdf, best of {args.rounds}:   {best_full:7.2f} s "
            f"({pages / best_full:.1f} pages/s)"
        )
        print(
            f"(b) WeasyPrint alone, best of {args.rounds}:     {best_alone:7.2f} s "
            f"({pages / best_alone:.1f} pages/s)"
        )
        print(
            f"ratio (a) / (b):                     {ratio:7.2f}  (bar: <= {BAR:.2f}) "
            f"{'OK' if ok_ratio else 'FAIL'}"
        )
        if not (ok_pages and ok_ratio):
            sys.exit(1)


if __name__ == "__main__":
    main()
