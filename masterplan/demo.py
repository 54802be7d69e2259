"""Demo master plans: Kota Bandung approved and enacted (with quick-win progress), Kab. Sukoharjo
resubmitted after a revision (two versions, open review comments), and a handful of 2018 regions
in the other states. Every move goes through the workflow services, as a region, a mentor and
the ministry would make it; a plan that already exists is left alone, so running it again
changes nothing.

Bandung's dates are counted back from the day the demo is seeded (approved about five months
ago), so its quick wins are mid-course on the follow-up page: some on track, one late.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone

from candidates.models import Candidate, Region

from .models import (
    Dimension,
    DimensionStrategy,
    Element,
    Plan,
    PlanEvent,
    PlanVersion,
    Programme,
    ProgrammeBudget,
    QuickWinUpdate,
    ReviewComment,
)

S = Plan.Status
F = Programme.Funding
Section = ReviewComment.Section


@dataclass(frozen=True)
class Item:
    """One programme of the demo bank; `{kota}` becomes the region's name."""

    element: str
    name: str
    description: str
    agency: str
    kpi: str
    unit: str
    baseline: str
    target: str
    funding: str
    millions: int  # a typical yearly budget, in millions of Rupiah, before the region's scale
    quick_win: tuple[int, str, str] | None = None  # (months, impact, service)


# The bank, per dimension in the order a plan picks them: a plan of n programmes takes the
# first ones of every dimension in turn, so even a small plan covers all six.
# fmt: off
BANK: dict[str, list[Item]] = {
    "governance": [
        Item("public-service", "Mal Pelayanan Publik Digital",
             "Satu pintu daring untuk perizinan dan nonperizinan, terhubung dengan OSS dan "
             "layanan vertikal di Mal Pelayanan Publik.",
             "DPMPTSP", "Jenis layanan terintegrasi daring", "layanan", "24", "180", F.APBD, 2500,
             (9, "Waktu terbit izin usaha turun dari 14 hari menjadi 3 hari kerja.",
              "Perizinan berusaha dan nonperizinan")),
        Item("bureaucracy", "E-Office dan Tanda Tangan Elektronik",
             "Naskah dinas, disposisi dan tanda tangan elektronik tersertifikasi BSrE di semua "
             "perangkat daerah.",
             "Diskominfo", "Perangkat daerah memakai naskah dinas elektronik", "OPD", "5", "45",
             F.APBD, 800),
        Item("public-policy", "Perencanaan dan Penganggaran Elektronik (e-Planning/e-Budgeting)",
             "RKPD, Renja dan RKA disusun dalam satu sistem yang terhubung dengan SIPD.",
             "Bappeda", "OPD menyusun RKA melalui e-budgeting", "%", "40", "100", F.APBD, 700),
        Item("public-service", "Aplikasi Pengaduan Warga Terpadu",
             "Kanal pengaduan tunggal (aplikasi, WhatsApp, SP4N-LAPOR!) dengan batas waktu "
             "tindak lanjut per OPD.",
             "Diskominfo", "Pengaduan ditindaklanjuti dalam 5 hari kerja", "%", "48", "90",
             F.APBD, 600),
        Item("bureaucracy", "Pusat Data Daerah dan Satu Data {kota}",
             "Pusat data daerah bersertifikat dan portal Satu Data dengan walidata di Diskominfo.",
             "Diskominfo", "Dataset OPD terbit di portal Satu Data", "dataset", "120", "1200",
             F.APBN, 1800),
        Item("public-policy", "Dasbor Kinerja Kepala Daerah",
             "Indikator RPJMD dan capaian OPD dipantau harian oleh kepala daerah dan Bappeda.",
             "Bappeda", "Indikator RPJMD terpantau daring", "indikator", "0", "120", F.APBD, 350),
        Item("public-service", "Layanan Kependudukan Daring (Dukcapil Online)",
             "Akta, KK dan KIA diajukan dan dicetak mandiri tanpa datang ke kantor Disdukcapil.",
             "Disdukcapil", "Dokumen kependudukan terbit daring", "%", "15", "85", F.APBN, 900),
        Item("bureaucracy", "Sistem Informasi Manajemen ASN Terintegrasi",
             "Data kepegawaian, e-kinerja dan presensi ASN dalam satu sistem.",
             "BKPSDM", "ASN dengan data kepegawaian digital mutakhir", "%", "60", "100",
             F.APBD, 450),
        Item("public-policy", "Musrenbang Daring dan Partisipasi Publik",
             "Usulan warga dari RT/RW hingga kecamatan masuk melalui e-Musrenbang.",
             "Bappeda", "Usulan warga masuk melalui e-Musrenbang", "usulan", "0", "5000",
             F.APBD, 300),
    ],
    "branding": [
        Item("tourism-branding", "Portal dan Aplikasi Pariwisata Visit {kota}",
             "Satu portal destinasi, kuliner, akomodasi dan agenda wisata dengan pemesanan daring.",
             "Disbudpar", "Kunjungan wisatawan per tahun", "ribu orang", "1200", "2000",
             F.APBD, 900),
        Item("business-branding", "Katalog Produk Unggulan Daerah Daring",
             "Etalase daring produk UMKM unggulan yang terhubung dengan marketplace nasional.",
             "Disperindag", "UMKM terdaftar di katalog daring", "UMKM", "150", "2500",
             F.APBD, 400),
        Item("city-appearance", "Penerangan Jalan Umum Cerdas (Smart PJU)",
             "Penggantian lampu PJU ke LED yang dapat dipantau dan diredupkan dari jarak jauh.",
             "Dinas Perhubungan", "Titik PJU LED terkendali jarak jauh", "titik", "0", "15000",
             F.KPBU, 6000),
        Item("tourism-branding", "Kalender Event Digital dan Festival Budaya",
             "Agenda festival budaya dan event kota dipromosikan bersama pelaku usaha.",
             "Disbudpar", "Event terpromosi daring", "event", "12", "60", F.CSR, 350),
        Item("business-branding", "Sertifikasi dan Branding Produk IKM",
             "Pendampingan sertifikasi halal, SNI dan merek bagi produk industri kecil menengah.",
             "Disperindag", "Produk IKM bersertifikat", "produk", "40", "400", F.APBN, 600),
        Item("city-appearance", "Taman Tematik dan Ruang Publik Kreatif ber-Wi-Fi",
             "Penataan taman kota sebagai ruang publik kreatif dengan Wi-Fi dan panggung warga.",
             "Dinas Perkim", "Taman dengan Wi-Fi publik", "taman", "4", "40", F.CSR, 1200),
        Item("tourism-branding", "Desa Wisata Digital",
             "Desa wisata dengan paket wisata, homestay dan pembayaran yang dipesan daring.",
             "Disbudpar", "Desa wisata dengan pemesanan daring", "desa", "2", "20", F.APBN, 500),
        Item("business-branding", "Pusat Promosi Investasi {kota}",
             "Profil peluang investasi, peta lahan dan pendampingan investor dalam satu layanan.",
             "DPMPTSP", "Realisasi investasi per tahun", "miliar Rp", "850", "2000", F.APBD, 500),
        Item("city-appearance", "Papan Informasi dan Penunjuk Arah Digital",
             "Papan informasi digital di simpul transportasi, pusat kota dan kawasan wisata.",
             "Dinas Perhubungan", "Papan informasi digital terpasang", "unit", "0", "60",
             F.APBD, 450),
    ],
    "economy": [
        Item("welfare", "Pasar Rakyat Digital dan Pembayaran Non-Tunai (QRIS)",
             "Pedagang pasar rakyat menerima QRIS; retribusi pasar ditarik non-tunai.",
             "Disperindag", "Pedagang pasar menerima pembayaran QRIS", "%", "3", "70",
             F.APBD, 500,
             (6, "Pedagang di lima pasar rakyat menerima pembayaran non-tunai; retribusi pasar "
                 "tercatat harian.", "Retribusi dan transaksi pasar rakyat")),
        Item("financial-transactions", "Pajak Daerah Online (e-PBB dan e-BPHTB)",
             "Pendaftaran, penetapan dan pembayaran PBB-P2 dan BPHTB melalui kanal daring "
             "dan bank.",
             "Bapenda", "Wajib pajak membayar secara daring", "%", "10", "75", F.APBD, 800,
             (9, "Wajib pajak membayar PBB dan BPHTB tanpa antre di kantor Bapenda.",
              "Pembayaran PBB-P2 dan BPHTB")),
        Item("industry-ecosystem", "Inkubator Bisnis dan Startup Digital",
             "Ruang kerja bersama, mentor dan akses pendanaan bagi startup lokal.",
             "Dinas Koperasi dan UMKM", "Startup terinkubasi", "startup", "5", "80", F.CSR, 700),
        Item("welfare", "Data Terpadu Kesejahteraan Sosial Online",
             "Pemutakhiran DTKS oleh kelurahan/desa dengan verifikasi lapangan berbasis aplikasi.",
             "Dinas Sosial", "Keluarga DTKS terverifikasi", "%", "55", "98", F.APBN, 450),
        Item("financial-transactions", "Elektronifikasi Transaksi Pemerintah Daerah (ETPD)",
             "Seluruh penerimaan dan belanja daerah melalui kanal non-tunai bersama Bank BPD.",
             "Bapenda", "Pendapatan asli daerah melalui kanal non-tunai", "%", "20", "90",
             F.APBD, 600),
        Item("industry-ecosystem", "Sistem Informasi Industri Kecil dan Menengah",
             "Basis data IKM, sentra industri dan rantai pasoknya untuk pembinaan terarah.",
             "Disperindag", "IKM terdata", "unit usaha", "300", "4000", F.APBD, 350),
        Item("welfare", "Pelatihan Kewirausahaan Digital bagi UMKM",
             "Pelatihan pemasaran digital, pembukuan dan pembayaran non-tunai bagi UMKM.",
             "Dinas Koperasi dan UMKM", "UMKM go digital", "UMKM", "200", "5000", F.APBD, 400),
        Item("financial-transactions", "Kartu Multiguna Warga (City Card)",
             "Satu kartu untuk transportasi, retribusi, parkir dan bantuan sosial non-tunai.",
             "Bapenda", "Kartu multiguna terbit", "kartu", "0", "150000", F.CSR, 900),
        Item("industry-ecosystem", "Kawasan Industri Kreatif Terpadu",
             "Kawasan bagi industri kreatif dan digital dengan konektivitas dan fasilitas bersama.",
             "Bappeda", "Tenant kawasan industri kreatif", "tenant", "0", "120", F.KPBU, 4500),
    ],
    "living": [
        Item("health", "Pendaftaran Online Puskesmas dan Antrean Digital",
             "Pendaftaran daring, antrean digital dan informasi jadwal dokter di semua puskesmas.",
             "Dinas Kesehatan", "Puskesmas dengan antrean daring", "puskesmas", "2", "30",
             F.APBD, 550,
             (6, "Waktu tunggu pendaftaran di puskesmas turun dari 60 menjadi 15 menit.",
              "Pendaftaran dan antrean puskesmas")),
        Item("mobility", "Area Traffic Control System (ATCS)",
             "Pengaturan lampu lalu lintas adaptif dan kamera pemantau simpang dari pusat kendali.",
             "Dinas Perhubungan", "Simpang terkendali ATCS", "simpang", "12", "60", F.APBN, 5000),
        Item("harmony", "Sistem Informasi Tata Ruang dan Persetujuan Bangunan Daring",
             "Peta rencana tata ruang yang terbuka bagi warga dan PBG yang diproses daring.",
             "Dinas PUPR", "Persetujuan bangunan diproses daring", "%", "0", "100", F.APBD, 900),
        Item("health", "Sistem Informasi Kesehatan Terpadu",
             "Rekam medis elektronik puskesmas dan RSUD yang saling terhubung dan dengan "
             "SATUSEHAT.",
             "Dinas Kesehatan", "Fasilitas kesehatan terhubung rekam medis elektronik", "%",
             "20", "100", F.APBN, 2200),
        Item("mobility", "Parkir Elektronik (e-Parking)",
             "Mesin parkir dan pembayaran non-tunai di ruas jalan utama.",
             "Dinas Perhubungan", "Titik parkir non-tunai", "titik", "0", "300", F.KPBU, 1800),
        Item("harmony", "Sensor Genangan dan Drainase Cerdas",
             "Sensor ketinggian air di saluran utama yang memberi peringatan ke pusat kendali.",
             "Dinas PUPR", "Titik rawan genangan terpantau", "titik", "0", "80", F.APBD, 1500),
        Item("health", "Layanan Gawat Darurat Terpadu (PSC 119) dan Telemedisin",
             "Ambulans terpantau GPS dan konsultasi jarak jauh puskesmas dengan dokter spesialis.",
             "Dinas Kesehatan", "Waktu respons ambulans", "menit", "45", "15", F.APBD, 1300),
        Item("mobility", "Aplikasi Transportasi Publik dan Halte Pintar",
             "Informasi rute dan kedatangan angkutan umum di aplikasi dan halte.",
             "Dinas Perhubungan", "Halte dengan informasi kedatangan", "halte", "0", "120",
             F.KPBU, 2500),
        Item("harmony", "Peta Digital Rumah Tidak Layak Huni",
             "Basis data dan peta RTLH untuk menargetkan bantuan perbaikan rumah.",
             "Dinas Perkim", "Rumah tidak layak huni terpetakan", "rumah", "2000", "12000",
             F.APBN, 350),
    ],
    "society": [
        Item("security", "Command Center dan Layanan Darurat 112",
             "Pusat kendali kota dan nomor tunggal 112 untuk kebakaran, ambulans dan keamanan.",
             "Diskominfo", "Panggilan darurat ditangani dalam 10 menit", "%", "0", "90",
             F.APBD, 3500,
             (12, "Satu nomor darurat 112 untuk kebakaran, ambulans dan keamanan, terhubung ke "
                  "seluruh OPD terkait.", "Layanan kegawatdaruratan 112")),
        Item("learning-ecosystem", "Penerimaan Peserta Didik Baru (PPDB) Online",
             "Pendaftaran, seleksi dan pengumuman PPDB SD dan SMP secara daring dan terbuka.",
             "Dinas Pendidikan", "Sekolah melaksanakan PPDB daring", "%", "40", "100",
             F.APBD, 350,
             (6, "Pendaftaran sekolah tanpa antre; hasil seleksi terbuka bagi orang tua.",
              "Penerimaan peserta didik baru")),
        Item("community", "Wi-Fi Publik di Ruang Publik dan Kelurahan",
             "Titik Wi-Fi gratis di taman, kantor kelurahan/desa, pasar dan sekolah.",
             "Diskominfo", "Titik Wi-Fi publik", "titik", "150", "1200", F.CSR, 1400),
        Item("security", "CCTV Terintegrasi di Titik Rawan",
             "Kamera di simpang, pasar dan titik rawan terhubung ke command center dan kepolisian.",
             "Satpol PP", "Kamera CCTV terhubung command center", "kamera", "60", "800",
             F.KPBU, 2800),
        Item("learning-ecosystem", "Sekolah Digital dan Rapor Elektronik",
             "Kelas digital, e-rapor dan pelatihan guru TIK di sekolah dasar dan menengah.",
             "Dinas Pendidikan", "Sekolah memakai rapor elektronik", "%", "30", "100",
             F.APBN, 1500),
        Item("community", "Kampung Digital dan Relawan TIK",
             "Relawan TIK mendampingi warga memakai layanan daring di tiap kelurahan/desa.",
             "Diskominfo", "Kelurahan/desa digital", "kelurahan/desa", "10", "150", F.APBD, 500),
        Item("security", "Sistem Peringatan Dini Bencana",
             "Sirine, sensor dan pesan berantai untuk banjir, longsor dan kebakaran.",
             "BPBD", "Kelurahan/desa rawan dengan peringatan dini", "kelurahan/desa", "0", "40",
             F.APBN, 1100),
        Item("learning-ecosystem", "Perpustakaan Digital Daerah",
             "Koleksi buku elektronik dan pojok baca digital di ruang publik.",
             "Dinas Perpustakaan dan Kearsipan", "Koleksi buku elektronik", "judul", "500",
             "20000", F.APBD, 400),
        Item("community", "Portal CSR dan Kolaborasi Warga",
             "Program tanggung jawab sosial perusahaan dan komunitas dicatat dan dipadankan.",
             "Bappeda", "Program CSR tercatat", "program", "20", "200", F.CSR, 200),
    ],
    "environment": [
        Item("waste", "Bank Sampah Digital",
             "Tabungan sampah terpilah warga dicatat di aplikasi dan ditukar dengan saldo atau "
             "pembayaran iuran.",
             "DLH", "Bank sampah terhubung aplikasi", "unit", "20", "250", F.CSR, 450,
             (9, "Warga menabung sampah terpilah lewat aplikasi; sampah ke TPA berkurang 5 persen.",
              "Pengelolaan sampah rumah tangga")),
        Item("protection", "Pemantauan Kualitas Udara dan Air Real Time",
             "Stasiun pemantau kualitas udara dan sungai dengan data terbuka bagi warga.",
             "DLH", "Stasiun pemantau aktif", "stasiun", "1", "15", F.APBN, 1600),
        Item("energy", "Panel Surya Atap Gedung Pemerintah",
             "Pembangkit listrik tenaga surya atap di kantor pemerintah, sekolah dan puskesmas.",
             "Dinas PUPR", "Kapasitas PLTS atap terpasang", "kWp", "0", "1500", F.KPBU, 3000),
        Item("waste", "Pemantauan Armada Angkutan Sampah",
             "GPS dan jadwal rute armada sampah, dipantau dari command center.",
             "DLH", "Armada angkutan sampah ber-GPS", "%", "0", "100", F.APBD, 600),
        Item("protection", "Ruang Terbuka Hijau Berbasis Data",
             "Inventarisasi dan penambahan RTH publik berbasis peta digital.",
             "DLH", "Luas RTH publik terhadap wilayah kota", "%", "12", "20", F.APBD, 2000),
        Item("energy", "Manajemen Energi Gedung Pemerintah",
             "Meteran pintar dan audit energi untuk menekan tagihan listrik gedung pemerintah.",
             "Bagian Umum Setda", "Penghematan listrik gedung pemerintah", "%", "0", "20",
             F.APBD, 400),
        Item("waste", "TPST dan Pengolahan Sampah Menjadi Energi",
             "Tempat pengolahan sampah terpadu dengan pengolahan sampah menjadi energi listrik.",
             "DLH", "Sampah terolah", "ton/hari", "50", "400", F.KPBU, 9000),
        Item("protection", "Sistem Informasi Izin Lingkungan",
             "Dokumen lingkungan (AMDAL, UKL-UPL, SPPL) diajukan dan diperiksa daring.",
             "DLH", "Dokumen lingkungan diproses daring", "%", "0", "100", F.APBD, 300),
        Item("energy", "Biogas Komunal dan Energi Terbarukan Desa",
             "Instalasi biogas komunal di sentra peternakan dan energi terbarukan skala desa.",
             "DLH", "Unit biogas komunal", "unit", "15", "150", F.APBN, 700),
    ],
}

# Added by Sukoharjo in its revision (the difference between its versions shows them).
SUKOHARJO_ADDED = [
    Item("tourism-branding", "Branding Sentra Jamu Nguter dan Gamelan Wirun",
         "Promosi digital dua sentra unggulan kabupaten dengan katalog daring dan paket wisata "
         "edukasi.", "Disbudpar", "Kunjungan wisata edukasi ke sentra", "ribu orang", "15", "60",
         F.APBD, 450),
    Item("public-service", "Sistem Informasi Desa Terintegrasi",
         "Layanan administrasi desa dan profil desa daring di 150 desa, terhubung dengan "
         "Disdukcapil.", "Dinas PMD", "Desa memakai sistem informasi desa", "desa", "20", "150",
         F.APBN, 800),
    Item("welfare", "Pasar Lelang Komoditas Pertanian Daring",
         "Lelang gabah dan hortikultura secara daring agar petani mendapat harga yang adil.",
         "Dinas Pertanian", "Transaksi lelang komoditas daring", "transaksi", "0", "1200",
         F.APBD, 350),
]
# fmt: on

CITY_SCALE = {"32.73": 1.6, "33.11": 1.0}

TEXT_DEFAULTS = {
    "vision": "Terwujudnya {kota} yang cerdas, melayani dan berdaya saing, dengan data yang "
    "terpadu dan warga yang terlibat.",
    "mission": "1. Mempercepat pelayanan publik berbasis elektronik yang mudah dan terbuka.\n"
    "2. Membangun ekonomi daerah yang inklusif melalui UMKM dan transaksi digital.\n"
    "3. Menghadirkan lingkungan hidup yang sehat, aman dan lestari.\n"
    "4. Menguatkan kapasitas aparatur dan partisipasi warga dalam pembangunan.",
    "readiness_structure": "Diskominfo menjadi koordinator; Dewan Smart City dan Tim Pelaksana "
    "dibentuk dengan SK kepala daerah. Belum semua OPD memiliki pejabat fungsional pranata "
    "komputer, dan tugas walidata belum diatur.",
    "readiness_infrastructure": "Jaringan serat optik menghubungkan kantor pusat pemerintahan; "
    "ruang server Diskominfo belum bersertifikat. Cakupan 4G baik di pusat kota, terbatas di "
    "wilayah pinggiran.",
    "readiness_superstructure": "Smart city tercantum dalam RPJMD. Peraturan kepala daerah tentang "
    "SPBE dan Satu Data telah ada; regulasi KPBU dan pemanfaatan data bersama masih disusun.",
    "strengths": "Komitmen kepala daerah kuat; aplikasi layanan dasar sudah berjalan; komunitas "
    "TIK dan perguruan tinggi aktif.",
    "weaknesses": "Aplikasi OPD berjalan sendiri-sendiri; SDM TIK terbatas; data belum terstandar.",
    "opportunities": "Dukungan Kementerian Kominfo, DAK, skema KPBU dan CSR; pertumbuhan UMKM "
    "digital.",
    "threats": "Serangan siber, ketergantungan pada vendor, perubahan prioritas anggaran.",
    "gaps": "Integrasi data antar-OPD, kapasitas pusat data, literasi digital warga dan "
    "keberlanjutan anggaran pemeliharaan.",
}
TEXTS = {
    "32.73": {
        "vision": "Terwujudnya Kota Bandung yang unggul, nyaman, sejahtera dan agamis melalui "
        "tata kelola kota yang cerdas, terbuka dan partisipatif.",
        "readiness_structure": "Dewan Smart City diketuai Wali Kota; Tim Pelaksana dipimpin "
        "Kepala Diskominfo dengan koordinator per dimensi di setiap OPD. Bandung Command Center "
        "telah beroperasi sejak 2015.",
        "readiness_infrastructure": "Lebih dari 400 aplikasi OPD, jaringan serat optik ke seluruh "
        "kecamatan, pusat data daerah dan Wi-Fi publik di ruang terbuka kota.",
        "strengths": "Ekosistem kreatif dan perguruan tinggi yang kuat, pengalaman Bandung "
        "Command Center, warga yang aktif di media sosial.",
    },
    "33.11": {
        "vision": "Terwujudnya Kabupaten Sukoharjo yang lebih maju, sejahtera dan berkelanjutan "
        "dengan pelayanan publik yang cerdas dan merata hingga ke desa.",
        "strengths": "Sentra jamu Nguter dan gamelan Wirun, kawasan industri yang tumbuh, "
        "kedekatan dengan Kota Surakarta dan komitmen Bupati.",
        "weaknesses": "Kesenjangan jaringan di desa-desa selatan, SDM TIK terbatas di kecamatan, "
        "aplikasi OPD belum terintegrasi.",
    },
}
STRATEGIES = {
    "governance": "Satu pintu layanan daring dan satu data: aplikasi OPD dihubungkan ke pusat "
    "data daerah dan dinilai dengan indeks SPBE.",
    "branding": "Memperkuat citra {kota} lewat pariwisata, produk unggulan dan wajah kota yang "
    "tertata, dipromosikan bersama pelaku usaha.",
    "economy": "Transaksi non-tunai dan UMKM digital sebagai penggerak ekonomi lokal, didukung "
    "inkubator dan data industri.",
    "living": "Layanan kesehatan dan mobilitas yang cepat dan terukur, dengan tata ruang terbuka "
    "bagi warga.",
    "society": "Warga terhubung dan aman: Wi-Fi publik, literasi digital, layanan darurat dan "
    "sekolah digital.",
    "environment": "Sampah dikelola dari sumbernya, lingkungan dipantau terus-menerus dan energi "
    "gedung pemerintah dihemat.",
}
TEAM = [
    ("governance", "Diskominfo"),
    ("branding", "Disbudpar"),
    ("economy", "Disperindag"),
    ("living", "Dinas Kesehatan"),
    ("society", "Dinas Sosial"),
    ("environment", "DLH"),
]

# Other 2018 regions: (code, state, programmes). The first existing ones are used.
OTHERS = [
    ("35.79", S.ENDORSED, 18),
    ("64.71", S.APPROVED, 16),
    ("36.72", S.SUBMITTED, 14),
    ("52.71", S.REVISION, 13),
    ("33.75", S.DRAFT, 12),
]


# --- small helpers ---------------------------------------------------------------------------


def _rng(*parts) -> random.Random:
    return random.Random(
        int(hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:16], 16)
    )


def _kota(region: Region) -> str:
    return region.name.removeprefix("Kabupaten ").removeprefix("Kota ")


def regulation_pdf(title: str) -> bytes:
    """A tiny valid one-page PDF with a title line (pypdf is already a dependency)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 14 Tf 60 780 Td (" + text + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _official(region: Region, password_hash: list):
    """The region's demo official (`pemda-3273`…), created for regions without one."""
    from smartcity.models import User

    username = "pemda-" + region.code.replace(".", "")
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password_hash:
            password_hash.append(make_password(settings.DEMO_PASSWORD))
        user = User.objects.create(
            username=username,
            password=password_hash[0],
            role=User.Role.OFFICIAL,
            region=region,
            first_name="Diskominfo",
            last_name=region.short_name,
            email=f"{username}@demo.smartcity.invalid",
        )
    return user


def _mentor(candidate: Candidate):
    from partners.models import MentorAssignment

    assignment = (
        MentorAssignment.objects.filter(candidate=candidate, ended_at__isnull=True)
        .select_related("mentor")
        .order_by("assigned_at", "pk")
        .first()
    )
    return assignment.mentor if assignment else None


def _bodies(region: Region, official, *, head: str, decree: str, decree_date: date) -> None:
    """The region's Dewan Smart City and Tim Pelaksana, unless it has recorded them already."""
    from partners.models import SmartCityBody
    from partners.services.bodies import body_member_add, body_save

    if SmartCityBody.objects.filter(region=region).exists():
        return
    council = body_save(
        region=region,
        kind=SmartCityBody.Kind.COUNCIL,
        decree_number=f"{decree}/01",
        decree_date=decree_date,
        by=official,
    )
    team = body_save(
        region=region,
        kind=SmartCityBody.Kind.TEAM,
        decree_number=f"{decree}/02",
        decree_date=decree_date,
        by=official,
    )
    for name, position, role in [
        (f"{head} {_kota(region)}", head, "Ketua"),
        ("Sekretaris Daerah", "Sekda", "Wakil Ketua"),
        ("Kepala Bappeda", "Kepala Badan", "Anggota"),
    ]:
        body_member_add(
            body=council,
            name=name,
            position=position,
            agency="Pemerintah Daerah",
            role=role,
            by=official,
        )
    for dimension, agency in TEAM:
        body_member_add(
            body=team,
            name=f"Kepala {agency}",
            position="Kepala Dinas",
            agency=agency,
            role="Koordinator dimensi",
            dimension=dimension,
            by=official,
        )


# --- building a plan -------------------------------------------------------------------------


def pick(n: int) -> list[Item]:
    """The first `n` items of the bank, taking one of each dimension in turn."""
    lists = list(BANK.values())
    items = []
    for rank in range(max(len(items) for items in lists)):
        for dimension_items in lists:
            if rank < len(dimension_items):
                items.append(dimension_items[rank])
    return items[:n]


def _budgets(item: Item, region: Region, start: int, end: int) -> dict:
    """Whole-Rupiah amounts per year: heavier while building, lighter while running."""
    rng = _rng("budget", region.code, item.name)
    scale = CITY_SCALE.get(region.code, 0.7)
    budgets = {}
    for i, year in enumerate(range(start, end + 1)):
        phase = 1.0 if i == 0 else 0.65 + 0.1 * min(i, 3)
        millions = item.millions * scale * phase * rng.uniform(0.8, 1.2)
        # Round to 5 million: budgets in a plan are estimates, not invoices.
        budgets[year] = max(5, round(millions / 5) * 5) * 1_000_000
    return budgets


def _programme(plan: Plan, item: Item, order: int, elements: dict, *, quick_win: bool, **kw):
    region = plan.candidate.region
    rng = _rng("years", region.code, item.name)
    horizon = plan.horizon_years
    if quick_win:
        start, end = plan.start_year, plan.start_year + 1
    else:
        offset = rng.choice([0, 0, 1, 1, 2])
        start = plan.start_year + offset
        end = min(plan.end_year, start + rng.randint(1, horizon - 1))
    element = elements[item.element]
    values = {
        "name": item.name.format(kota=_kota(region)),
        "description": item.description.format(kota=_kota(region)),
        "dimension_id": element.dimension_id,
        "element": element,
        "start_year": start,
        "end_year": end,
        "funding_source": item.funding,
        "agency": item.agency,
        "kpi": item.kpi,
        "kpi_unit": item.unit,
        "kpi_baseline": Decimal(item.baseline),
        "kpi_target": Decimal(item.target),
        "order": order,
    }
    if quick_win:
        months, impact, service = item.quick_win
        values.update(
            is_quick_win=True,
            quick_win_months=months,
            quick_win_impact=impact,
            quick_win_service=service,
        )
    values.update(kw)
    return Programme(plan=plan, **values), _budgets(item, region, start, end)


def build_plan(
    candidate: Candidate,
    official,
    *,
    items: list[Item],
    quick_wins: int,
    start_year: int | None = None,
    title: str = "",
) -> Plan:
    """A complete draft: texts, strategies for all six dimensions, programmes and budgets."""
    from .services.workflow import plan_for_candidate

    region = candidate.region
    kota = _kota(region)
    plan = plan_for_candidate(candidate=candidate, by=official)
    texts = {
        key: value.format(kota=region.name)
        for key, value in {**TEXT_DEFAULTS, **TEXTS.get(region.code, {})}.items()
    }
    Plan.objects.filter(pk=plan.pk).update(
        title=title or f"Masterplan Smart City {region.short_name}",
        start_year=start_year or plan.start_year,
        horizon_years=5,
        updated_by=official,
        **texts,
    )
    plan = Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)
    dimensions = list(Dimension.objects.all())
    DimensionStrategy.objects.bulk_create(
        DimensionStrategy(plan=plan, dimension=d, text=STRATEGIES[d.code].format(kota=kota))
        for d in dimensions
    )
    elements = {e.code: e for e in Element.objects.all()}
    made = []
    for order, item in enumerate(items):
        is_quick_win = item.quick_win is not None and quick_wins > 0
        quick_wins -= is_quick_win
        made.append(_programme(plan, item, order, elements, quick_win=is_quick_win))
    programmes = Programme.objects.bulk_create(p for p, _ in made)
    ProgrammeBudget.objects.bulk_create(
        ProgrammeBudget(programme=p, year=year, amount=amount)
        for p, (_, budgets) in zip(programmes, made, strict=True)
        for year, amount in budgets.items()
    )
    return plan


def _values(programme: Programme, **changes) -> dict:
    """A programme's fields as the authoring service takes them, with `changes` applied."""
    from .services.authoring import PROGRAMME_FIELDS

    return {key: getattr(programme, key) for key in PROGRAMME_FIELDS} | changes


def _mark_notified(plan: Plan) -> None:
    # Seeded moves are history, not news: no e-mail goes out for them.
    PlanEvent.objects.filter(plan=plan, notified_at__isnull=True).update(notified_at=models.F("at"))


def _versions(plan: Plan):
    return list(PlanVersion.objects.filter(plan=plan).order_by("number"))


# --- the plans -------------------------------------------------------------------------------


def seed_bandung(staff) -> None:
    """Kota Bandung (2017): submitted, revised once, endorsed, approved and enacted by Perwal."""
    from partners.models import MentorAssignment
    from smartcity.models import User

    from .services.authoring import programme_save
    from .services.workflow import plan_enact, plan_move, plan_submit

    candidate = (
        Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2017, region__code="32.73")
        .first()
    )
    official = User.objects.filter(username="pemda-3273").first()
    mentor = User.objects.filter(username="mentor-ui").first()
    if candidate is None or official is None or mentor is None:
        return
    if Plan.objects.filter(candidate=candidate).exists():
        return
    if candidate.status not in Candidate.IN_PROGRAMME:
        Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.PARTICIPANT)
        candidate.refresh_from_db()
    if not MentorAssignment.objects.filter(
        candidate=candidate, mentor=mentor, ended_at__isnull=True
    ).exists():
        MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)

    today = timezone.localdate()
    approved_on = today - timedelta(days=150)
    enacted_on = approved_on + timedelta(days=21)
    _bodies(
        candidate.region,
        official,
        head="Wali Kota",
        decree="Keputusan Wali Kota Bandung Nomor 050/Kep.1187-Diskominfo/2017",
        decree_date=date(2017, 9, 18),
    )
    plan = build_plan(
        candidate,
        official,
        items=pick(45),
        quick_wins=4,
        start_year=approved_on.year,
        title="Masterplan Smart City Kota Bandung",
    )
    # Quick wins start a fortnight to two months after approval, so the follow-up is mid-course.
    quick_wins = list(plan.programmes.filter(is_quick_win=True).order_by("order"))
    for i, programme in enumerate(quick_wins):
        programme.quick_win_start = approved_on + timedelta(days=14 + 15 * i)
    Programme.objects.bulk_update(quick_wins, ["quick_win_start"])

    plan = plan_submit(plan=plan, by=official, note="Draf final hasil Bimtek tahap IV.")
    general = ReviewComment.objects.create(
        plan=plan,
        version=_versions(plan)[-1],
        section=Section.PROGRAMMES,
        author=mentor,
        body="Anggaran ATCS tahun pertama terlalu besar untuk satu tahun anggaran; mohon "
        "dibagi bertahap.",
        blocking=True,
    )
    plan = plan_move(
        plan=plan,
        to=S.REVISION,
        by=mentor,
        note="Mohon tahapkan anggaran ATCS; selebihnya sudah baik.",
    )
    atcs = plan.programmes.filter(name__startswith="Area Traffic").first()
    if atcs:
        budgets = {b.year: b.amount for b in atcs.budgets.all()}
        first = min(budgets)
        if first + 1 in budgets:
            budgets[first + 1] += budgets[first] // 2
        budgets[first] -= budgets[first] // 2
        programme_save(
            plan=plan, by=official, programme=atcs, values=_values(atcs), budgets=budgets
        )
    ReviewComment.objects.create(
        plan=plan,
        parent=general,
        author=official,
        body="Sudah kami bagi: separuh anggaran tahun pertama dipindah ke tahun berikutnya.",
    )
    plan = plan_submit(plan=plan, by=official, note="Anggaran ATCS sudah ditahapkan.")
    ReviewComment.objects.filter(pk=general.pk).update(
        status=ReviewComment.Status.RESOLVED, resolved_by=mentor, resolved_at=timezone.now()
    )
    plan = plan_move(plan=plan, to=S.ENDORSED, by=mentor, note="Layak disahkan.")
    plan = plan_move(plan=plan, to=S.APPROVED, by=staff, note="Disahkan Kominfo.")
    number = f"{30 + enacted_on.month} Tahun {enacted_on.year}"
    pdf = regulation_pdf(
        f"Peraturan Wali Kota Bandung Nomor {number} tentang Masterplan Smart City Kota Bandung"
    )
    plan = plan_enact(
        plan=plan,
        by=official,
        regulation_type=Plan.Regulation.PERWAL,
        number=number,
        date=enacted_on,
        upload=SimpleUploadedFile("perwal-masterplan-smart-city.pdf", pdf, "application/pdf"),
    )

    # Progress reports: most on track, one late (its procurement had to be tendered again).
    late_index = 2
    rows = []
    for i, programme in enumerate(quick_wins):
        start = programme.quick_win_start
        end = start + timedelta(days=round(30.44 * programme.quick_win_months))
        for days_ago in (40, 8) if i != 3 else (8,):
            on = today - timedelta(days=days_ago)
            expected = max(0, min(100, 100 * (on - start).days // (end - start).days))
            if i == late_index:
                percent, status = max(5, expected // 3 // 5 * 5), QuickWinUpdate.Status.LATE
                note = "Pengadaan perangkat mundur karena lelang ulang; jadwal disusun kembali."
            else:
                percent = min(100, (expected + 9) // 5 * 5)
                status = QuickWinUpdate.Status.ON_TRACK
                note = "Berjalan sesuai rencana kerja; uji coba bersama warga."
            rows.append(
                (
                    on,
                    QuickWinUpdate(
                        programme=programme,
                        percent=percent,
                        status=status,
                        note=note,
                        created_by=official,
                    ),
                )
            )
    QuickWinUpdate.objects.bulk_create(update for _, update in rows)
    for on, update in rows:
        QuickWinUpdate.objects.filter(pk=update.pk).update(created_at=_at(on, 10))

    _date_history(
        plan,
        [
            approved_on - timedelta(days=75),  # submitted
            approved_on - timedelta(days=60),  # revision
            approved_on - timedelta(days=40),  # resubmitted
            approved_on - timedelta(days=20),  # endorsed
            approved_on,  # approved
            enacted_on,  # enacted
        ],
    )
    ReviewComment.objects.filter(plan=plan).update(
        created_at=_at(approved_on - timedelta(days=62), 9)
    )
    ReviewComment.objects.filter(plan=plan, resolved_at__isnull=False).update(
        resolved_at=_at(approved_on - timedelta(days=22), 14)
    )
    Plan.objects.filter(pk=plan.pk).update(
        created_at=_at(approved_on - timedelta(days=120), 8),
        approved_at=_at(approved_on, 11),
        status_changed_at=_at(enacted_on, 11),
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _date_history(plan: Plan, days: list[date]) -> None:
    """Put the plan's seeded moves (and the versions they froze) on the given days."""
    events = list(PlanEvent.objects.filter(plan=plan).order_by("at", "pk"))
    for event, day in zip(events, days, strict=True):
        at = _at(day, 10)
        PlanEvent.objects.filter(pk=event.pk).update(at=at, notified_at=at)
        if event.version_id:
            # Only the creation time of a demo version moves, never its frozen content; the
            # plain QuerySet is used because the model's own refuses every update.
            models.QuerySet(PlanVersion).filter(pk=event.version_id).update(created_at=at)


def seed_sukoharjo(staff) -> None:
    """Kab. Sukoharjo (2018): submitted, sent back by mentor-itb, resubmitted with changes."""
    from smartcity.models import User

    from .services.authoring import plan_update, programme_delete, programme_save, strategies_save
    from .services.workflow import plan_move, plan_submit

    candidate = (
        Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2018, region__code="33.11", status__in=Candidate.IN_PROGRAMME)
        .first()
    )
    official = User.objects.filter(username="pemda-3311").first()
    mentor = User.objects.filter(username="mentor-itb").first()
    if candidate is None or official is None or mentor is None:
        return
    if Plan.objects.filter(candidate=candidate).exists():
        return
    _bodies(
        candidate.region,
        official,
        head="Bupati",
        decree="Keputusan Bupati Sukoharjo Nomor 050/214/2018",
        decree_date=date(2018, 6, 4),
    )
    plan = build_plan(candidate, official, items=pick(38), quick_wins=3)
    plan = plan_submit(plan=plan, by=official, note="Versi pertama setelah Bimtek tahap III.")
    v1 = _versions(plan)[-1]
    programmes = {p.name: p for p in plan.programmes.all()}
    atcs = programmes["Area Traffic Control System (ATCS)"]
    parking = programmes.get("Parkir Elektronik (e-Parking)")
    blocking = ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.READINESS,
        author=mentor,
        blocking=True,
        body="Analisis kesiapan infrastruktur belum menyebut kapasitas ruang server dan "
        "rencana pusat data; ini perlu sebelum pengesahan.",
    )
    ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.PROGRAMMES,
        programme=atcs,
        programme_name=atcs.name,
        author=mentor,
        body="ATCS untuk 60 simpang terlalu besar bagi kabupaten; mulai dari simpang di jalur "
        "Solo–Wonogiri dan ajukan DAK.",
    )
    ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.GENERAL,
        author=mentor,
        mentor_only=True,
        body="Catatan internal: Bappeda sangat responsif; Diskominfo perlu didampingi soal "
        "skema KPBU untuk PJU cerdas.",
    )
    if parking:
        on_parking = ReviewComment.objects.create(
            plan=plan,
            version=v1,
            section=Section.PROGRAMMES,
            programme=parking,
            programme_name=parking.name,
            author=mentor,
            body="Parkir elektronik belum mendesak bagi kabupaten dan belum ada kajian "
            "potensi retribusinya; pertimbangkan untuk ditunda.",
        )
    plan = plan_move(
        plan=plan,
        to=S.REVISION,
        by=mentor,
        note="Lengkapi analisis kesiapan infrastruktur, tahapkan ATCS, dan tambahkan program "
        "unggulan daerah (jamu, gamelan, desa).",
    )

    # The revision, through the authoring services as the region's official makes it.
    plan_update(
        plan=plan,
        by=official,
        readiness_infrastructure=plan.readiness_infrastructure
        + " Ruang server Diskominfo berkapasitas 12 rak akan ditingkatkan menjadi pusat data "
        "daerah Tier II pada tahun kedua; desa-desa selatan dijangkau jaringan serat optik "
        "bertahap bersama BAKTI.",
        gaps=plan.gaps + " Pusat data bersertifikat dan jaringan desa menjadi prioritas.",
    )
    dimensions = {d.code: d for d in Dimension.objects.all()}
    strategies_save(
        plan=plan,
        by=official,
        texts={
            dimensions["branding"].pk: STRATEGIES["branding"].format(kota="Sukoharjo")
            + " Sentra jamu Nguter dan gamelan Wirun menjadi ikon promosi."
        },
    )
    elements = {e.code: e for e in Element.objects.all()}
    for item in SUKOHARJO_ADDED:
        programme, budgets = _programme(plan, item, 0, elements, quick_win=False)
        programme.dimension = elements[item.element].dimension
        programme_save(plan=plan, by=official, values=_values(programme), budgets=budgets)
    atcs_budgets = {b.year: b.amount // 3 for b in atcs.budgets.all()}
    programme_save(
        plan=plan,
        by=official,
        programme=atcs,
        values=_values(
            atcs,
            name="Area Traffic Control System (ATCS) Koridor Solo–Wonogiri",
            kpi_target=Decimal("16"),
            funding_source=F.APBN,
        ),
        budgets=atcs_budgets,
    )
    ppdb = plan.programmes.filter(name__startswith="Penerimaan Peserta Didik").first()
    changed = [
        ("Bank Sampah Digital", {"kpi_target": Decimal("300")}),
        ("Wi-Fi Publik di Ruang Publik dan Kelurahan", {"agency": "Diskominfo dan Dinas PMD"}),
    ]
    for name, values in changed:
        programme = plan.programmes.filter(name=name).first()
        if programme:
            budgets = {b.year: b.amount for b in programme.budgets.all()}
            programme_save(
                plan=plan,
                by=official,
                programme=programme,
                values=_values(programme, **values),
                budgets=budgets,
            )
    if ppdb:
        ppdb_item = BANK["society"][1]
        months, impact, service = ppdb_item.quick_win
        programme_save(
            plan=plan,
            by=official,
            programme=ppdb,
            values=_values(
                ppdb,
                is_quick_win=True,
                quick_win_months=months,
                quick_win_impact=impact,
                quick_win_service=service,
                start_year=plan.start_year,
                end_year=plan.start_year + 1,
            ),
            budgets={
                y: 175_000_000 + 25_000_000 * (y - plan.start_year)
                for y in (plan.start_year, plan.start_year + 1)
            },
        )
    if parking:
        ReviewComment.objects.create(
            plan=plan,
            parent=on_parking,
            author=official,
            body="Setuju, program ini kami tunda ke RPJMD berikutnya.",
        )
        ReviewComment.objects.filter(pk=on_parking.pk).update(
            status=ReviewComment.Status.RESOLVED, resolved_by=mentor, resolved_at=timezone.now()
        )
        programme_delete(plan=plan, by=official, programme=parking)
    ReviewComment.objects.create(
        plan=plan,
        parent=blocking,
        author=official,
        body="Sudah kami lengkapi di analisis kesiapan infrastruktur dan kesenjangan (versi 2).",
    )
    plan_submit(plan=plan, by=official, note="Revisi sesuai catatan mentor.")
    _mark_notified(plan)


def _assign_fallback_mentor(candidate: Candidate, staff):
    from partners.models import MentorAssignment
    from smartcity.models import User

    mentor = User.objects.filter(username="mentor-ui").first()
    if mentor is None or staff is None:
        return None
    MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)
    return mentor


def seed_others(staff) -> None:
    """A few more 2018 regions, smaller plans, each in another state of the workflow."""

    from .services.workflow import plan_move, plan_submit

    in_programme = {
        c.region.code: c
        for c in Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2018, status__in=Candidate.IN_PROGRAMME)
        .exclude(region__code="33.11")
        .order_by("region__code")
    }
    # A region of OTHERS that the selection left out (the demo's scores follow row ids, which
    # differ in a test database) is replaced by the next selected region, so every state is
    # seeded; on a fresh database these are the regions the README names.
    spare = [code for code in in_programme if code not in {code for code, *_ in OTHERS}]
    password_hash: list = []
    for code, state, size in OTHERS:
        candidate = in_programme.get(code) or (in_programme[spare.pop(0)] if spare else None)
        if candidate is None or Plan.objects.filter(candidate=candidate).exists():
            continue
        mentor = _mentor(candidate)
        if mentor is None and state != S.DRAFT:
            # The suggested teams depend on the partners demo; a region it left without a
            # mentor gets mentor-ui (home province DKI Jakarta, none of these regions).
            mentor = _assign_fallback_mentor(candidate, staff)
            if mentor is None:
                continue
        region = candidate.region
        official = _official(region, password_hash)
        head = "Wali Kota" if region.kind == Region.Kind.CITY else "Bupati"
        _bodies(
            region,
            official,
            head=head,
            decree=f"Keputusan {head} {_kota(region)} Nomor 050/{300 + size}/2018",
            decree_date=date(2018, 6, 11),
        )
        plan = build_plan(candidate, official, items=pick(size), quick_wins=3)
        if state == S.DRAFT:
            continue
        plan = plan_submit(plan=plan, by=official, note="Mohon reviu mentor.")
        if state == S.REVISION:
            ReviewComment.objects.create(
                plan=plan,
                version=_versions(plan)[-1],
                section=Section.QUICK_WINS,
                author=mentor,
                blocking=True,
                body="Target quick win belum terukur; tuliskan layanan dan dampaknya dalam angka.",
            )
            plan_move(
                plan=plan,
                to=S.REVISION,
                by=mentor,
                note="Perjelas target quick win dan tahapan anggaran.",
            )
        elif state in (S.ENDORSED, S.APPROVED):
            plan = plan_move(plan=plan, to=S.ENDORSED, by=mentor, note="Layak disahkan.")
            if state == S.APPROVED:
                plan_move(plan=plan, to=S.APPROVED, by=staff, note="Disahkan Kominfo.")
        _mark_notified(plan)


@transaction.atomic
def seed_masterplans() -> None:
    """Bandung approved and enacted, Sukoharjo under review, others in other states."""
    from smartcity.models import User

    staff = User.objects.filter(username="kominfo").first()
    if staff is None:
        return
    seed_bandung(staff)
    seed_sukoharjo(staff)
    seed_others(staff)
