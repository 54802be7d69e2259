"""The demo's words and numbers: the programme bank, plan texts, teams, other regions' states."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import (
    Plan,
    Programme,
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
             "Disbudpar", "Kunjungan wisatawan per tahun", "orang", "1200000", "2000000",
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
         "edukasi.", "Disbudpar", "Kunjungan wisata edukasi ke sentra", "orang", "15000",
         "60000", F.APBD, 450),
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


# --- the plan as the region's document (issue #18) ----------------------------------------

# A demo programme's type, by words in its name (first match wins); the rest are applications.
TYPE_WORDS = [
    (
        "policy",
        (
            "Perencanaan dan Penganggaran",
            "Musrenbang",
            "Dasbor Kinerja",
            "Izin Lingkungan",
            "Tata Ruang",
            "Sertifikasi",
        ),
    ),
    (
        "infrastructure",
        (
            "Pusat Data",
            "Wi-Fi",
            "CCTV",
            "PJU",
            "ATCS",
            "Sensor",
            "Command Center",
            "Panel Surya",
            "TPST",
            "Biogas",
            "Halte",
            "Papan Informasi",
            "Taman",
            "Kawasan Industri",
            "Peringatan Dini",
            "Pemantauan Kualitas",
        ),
    ),
    ("people", ("Pelatihan", "Relawan TIK", "Inkubator", "Sekolah Digital", "Perpustakaan")),
    ("partnerships", ("CSR", "Kolaborasi", "Investasi", "Lelang Komoditas", "Bank Sampah")),
]


def demo_type_code(name: str) -> str:
    """The programme type code of a demo programme, by its name."""
    for code, words in TYPE_WORDS:
        if any(word in name for word in words):
            return code
    return "applications"


# Kab. Sukoharjo's front and back matter, as its Bappeda would write them.
SUKOHARJO_DOCUMENT = {
    "foreword_head": (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Masterplan "
        "Smart City Kabupaten Sukoharjo. Dokumen ini menjadi arah bersama perangkat daerah, "
        "dunia usaha, perguruan tinggi dan masyarakat untuk mewujudkan Sukoharjo yang makmur, "
        "maju dan berdaya saing melalui pemanfaatan teknologi informasi.\n\n"
        "Kami berterima kasih kepada Kementerian Komunikasi dan Informatika serta para mentor "
        "Gerakan Menuju 100 Smart City yang telah mendampingi penyusunan masterplan ini."
    ),
    "foreword_team": (
        "Masterplan ini disusun Tim Pelaksana Smart City melalui empat tahap bimbingan teknis: "
        "analisis kesiapan daerah, perumusan strategi dan quick win, penyusunan program dan "
        "peta jalan, serta penelaahan bab demi bab bersama mentor.\n\n"
        "Setiap program terhubung dengan misi RPJMD dan Renstra perangkat daerah penanggung "
        "jawabnya, agar dapat dianggarkan melalui RKPD setiap tahun."
    ),
    "legal_basis_local": [
        "Peraturan Daerah Kabupaten Sukoharjo Nomor 5 Tahun 2016 tentang Rencana Pembangunan "
        "Jangka Menengah Daerah Kabupaten Sukoharjo Tahun 2016–2021",
        "Keputusan Bupati Sukoharjo Nomor 050/214/2018 tentang Dewan Smart City dan Tim "
        "Pelaksana Smart City Kabupaten Sukoharjo",
    ],
    "profile_economy": (
        "Perekonomian Sukoharjo ditopang industri pengolahan (tekstil dan garmen, mebel, jamu), "
        "perdagangan dan pertanian padi. Letaknya di koridor Solo Raya menjadikan Sukoharjo "
        "kawasan penyangga Kota Surakarta bagi permukiman, pendidikan tinggi dan industri."
    ),
    "profile_sectors": (
        "Sentra jamu Nguter, gamelan Wirun, industri tekstil Grogol dan Nguter, mebel rotan, "
        "serta lumbung padi di Kecamatan Weru, Bulu dan Tawangsari."
    ),
    "closing": (
        "Masterplan Smart City ini adalah dokumen hidup: Tim Pelaksana meninjaunya setiap tahun "
        "bersama Dewan Smart City, menyesuaikannya dengan RKPD, dan melaporkan capaian quick win "
        "kepada Bupati dan Kementerian Komunikasi dan Informatika."
    ),
}
