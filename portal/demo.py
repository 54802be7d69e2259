"""The demo programme for `make run` and the browser tests: accounts, cohorts and indicators,
then each stage's own demo (`<app>/demo.py`) in the order the programme runs (`SEEDERS`).

It lives in the top app because it composes every stage. Everything here is deterministic and
idempotent; demo indicator data is clearly marked as such (`IndicatorImport.is_demo`), it is not
official data.
"""

import hashlib
import random
from base64 import b32decode
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessment.demo import seed_assessment, seed_assessment_2019
from candidates.demo import seed_screening, seed_screening_2019
from candidates.models import Candidate, Cohort, IndicatorImport, IndicatorSet
from evaluation.demo import seed_evaluation
from evaluation.demo_review import seed_evaluation_review
from industry.demo import seed_partner_inputs, seed_solutions
from masterplan.demo import seed_masterplans
from partners.demo import seed_partners
from smartcity.accounts import recovery_codes_issue
from smartcity.models import Institution, PartnerOrganisation, Region, User
from smartcity.regions import regions_load

JAKARTA = ZoneInfo("Asia/Jakarta")

INSTITUTIONS = [
    ("ui", "Universitas Indonesia", Institution.Kind.UNIVERSITY, "32"),
    ("itb", "Institut Teknologi Bandung", Institution.Kind.UNIVERSITY, "32"),
    ("perbanas", "Perbanas Institute", Institution.Kind.UNIVERSITY, "31"),
    ("umn", "Universitas Multimedia Nusantara", Institution.Kind.UNIVERSITY, "36"),
    ("bppt", "Badan Pengkajian dan Penerapan Teknologi", Institution.Kind.AGENCY, "31"),
    ("insw", "Lembaga National Single Window", Institution.Kind.AGENCY, "31"),
    ("iktii", "Ikatan Konsultan Teknologi Informasi Indonesia", Institution.Kind.ASSOCIATION, "31"),
    ("citiasia", "Citiasia Inc.", Institution.Kind.CONSULTANCY, "31"),
]

PARTNERS = [
    ("indosat", "Indosat Ooredoo Business", "Telekomunikasi", "https://indosatooredoo.com"),
    ("lintasarta", "Lintasarta", "Telekomunikasi dan pusat data", "https://www.lintasarta.net"),
    ("jasnita", "Jasnita", "Telekomunikasi", "https://www.jasnita.co.id"),
    ("philips", "Philips", "Pencahayaan dan kesehatan", "https://www.philips.co.id"),
    ("pertamina", "Pertamina", "Energi", "https://www.pertamina.com"),
    ("bni", "BNI", "Perbankan", "https://www.bni.co.id"),
    ("sewatama", "Sewatama", "Energi", "https://www.sewatama.com"),
    ("smartcomputerindo", "smartcomputerindo.com", "Teknologi informasi", ""),
    ("inp", "Integrasi Network Perkasa", "Jaringan", ""),
    ("smi", "SMI", "Pembiayaan infrastruktur", ""),
]

# The real 2017 cohort (MoU 22 May 2017, Makassar), with today's Kemendagri codes.
COHORT_2017 = [
    "15.71",
    "14.05",
    "14.08",
    "16.07",
    "36.71",
    "36.74",
    "32.14",
    "32.73",
    "32.75",
    "32.71",
    "32.74",
    "32.72",
    "34.04",
    "33.74",
    "35.10",
    "35.22",
    "35.25",
    "35.15",
    "51.03",
    "61.72",
    "64.02",
    "64.72",
    "73.71",
    "71.73",
    "94.04",
]
# Regions known to join later; the demo gives them strong indicators so screening finds them.
LATER_PARTICIPANTS = [
    "33.11",
    "11.71",
    "36.72",
    "34.03",
    "36.03",
    "35.79",
    "64.74",
    "64.71",
    "33.07",
]

# username, role, region code / institution code / partner slug, first name, last name
ACCOUNTS = [
    ("kominfo", User.Role.STAFF, None, "Staf", "Kominfo"),
    ("pemda-3273", User.Role.OFFICIAL, "32.73", "Diskominfo", "Kota Bandung"),
    ("pemda-3311", User.Role.OFFICIAL, "33.11", "Diskominfo", "Kabupaten Sukoharjo"),
    ("mentor-itb", User.Role.MENTOR, "itb", "Mentor", "ITB"),
    ("mentor-ui", User.Role.MENTOR, "ui", "Mentor", "UI"),
    ("asesor-1", User.Role.ASSESSOR, "bppt", "Asesor", "Satu"),
    ("mitra-indosat", User.Role.PARTNER, "indosat", "Mitra", "Indosat"),
    # Invited by the 2019 screening (after not being selected in 2018), questionnaire half done.
    ("pemda-6474", User.Role.OFFICIAL, "64.74", "Diskominfo", "Kota Bontang"),
]

# The second factor of the demo's ministry staff: a fixed, published authenticator secret
# (base32, for `oathtool --totp -b` or any authenticator app) and recovery codes, so anyone
# trying the demo can sign in as `kominfo`. Demo only: real staff set up their own.
DEMO_TOTP_SECRET = "SMARTCITYDEMOKOMINFOSTAFF2345672"
DEMO_RECOVERY_CODES = ["demo-pulih-1", "demo-pulih-2", "demo-pulih-3", "demo-pulih-4"]

MINISTRY_GROUP = "Staf Kominfo"
MINISTRY_APPS = [
    "smartcity",
    "candidates",
    "assessment",
    "partners",
    "masterplan",
    "industry",
    "evaluation",
]


def seed_institutions_and_partners() -> None:
    provinces = {r.code: r for r in Region.objects.provinces()}
    for code, name, kind, province in INSTITUTIONS:
        Institution.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "home_province": provinces[province]}
        )
    for slug, name, sector, website in PARTNERS:
        PartnerOrganisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "sector": sector, "website": website}
        )


def seed_ministry_group() -> Group:
    """Ministry staff may manage everything of the programme in the admin, but are no superusers."""
    group, _ = Group.objects.get_or_create(name=MINISTRY_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=MINISTRY_APPS))
    return group


class DemoPassword:
    """One hash of the demo password shared by every demo account.

    Password hashing is slow on purpose (about a second here); hashing once and checking each
    distinct stored hash once keeps `seed_demo` quick, on the first run and every later one.
    """

    def __init__(self, password: str):
        self.password = password
        self._hash = None
        self._checked = {}

    @property
    def hash(self) -> str:
        if self._hash is None:
            self._hash = make_password(self.password)
        return self._hash

    def matches(self, stored: str) -> bool:
        if stored not in self._checked:
            self._checked[stored] = check_password(self.password, stored)
        return self._checked[stored]


def seed_accounts(password: str) -> list[User]:
    """The demo accounts of DESIGN.md; the password is (re)set only when it differs."""
    demo_password = DemoPassword(password)
    users = []
    group = seed_ministry_group()
    for username, role, binding, first, last in ACCOUNTS:
        defaults = {
            "role": role,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.smartcity.invalid",
            "is_staff": role == User.Role.STAFF,
            "is_active": True,
            "region": None,
            "institution": None,
            "partner_organisation": None,
        }
        if role == User.Role.OFFICIAL:
            defaults["region"] = Region.objects.get(code=binding)
        elif role in (User.Role.MENTOR, User.Role.ASSESSOR):
            defaults["institution"] = Institution.objects.get(code=binding)
        elif role == User.Role.PARTNER:
            defaults["partner_organisation"] = PartnerOrganisation.objects.get(slug=binding)
        user, _ = User.objects.update_or_create(username=username, defaults=defaults)
        if not demo_password.matches(user.password):
            user.password = demo_password.hash
            user.save(update_fields=["password"])
        if role == User.Role.STAFF:
            user.groups.add(group)
            seed_second_factor(user)
        users.append(user)
    return users


def seed_second_factor(user: User) -> None:
    """The demo authenticator (DEMO_TOTP_SECRET) and recovery codes; used codes come back."""
    key = b32decode(DEMO_TOTP_SECRET).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        TOTPDevice.objects.create(user=user, name="Demo", key=key, confirmed=True)
    elif device.key != key:
        device.key = key
        device.save(update_fields=["key"])
    recovery_codes_issue(user=user, codes=DEMO_RECOVERY_CODES)


# The 2019 cohort is the one in the middle of its assessment on the day the demo is seeded:
# screened a month before, questionnaires due in two weeks, the panels at Pustiknas a week later.
# (days from the seeding day; set once, when the cohort is created)
COHORT_2019_DAYS = {
    "screening": -30,
    "questionnaire_deadline": 14,
    "assessment_start": 21,
    "assessment_end": 23,
}


def seed_cohorts() -> tuple[Cohort, Cohort, Cohort]:
    """2017 as history (the real 25 participants), 2018 (the cohort the demo runs through) and
    2019, in the middle of its readiness assessment (its dates count from the seeding day)."""
    c2017, _ = Cohort.objects.update_or_create(
        year=2017,
        defaults={
            "name": "Gerakan Menuju 100 Smart City 2017",
            "status": Cohort.Status.CLOSED,
            "quota_invited": 80,
            "quota_assessed": 80,
            "quota_selected": 25,
            # Demo dates of the assessment (only the MoU's day and venue are on record).
            "questionnaire_deadline": datetime(2017, 4, 14, 23, 59, tzinfo=JAKARTA),
            "assessment_start": date(2017, 4, 18),
            "assessment_end": date(2017, 4, 19),
            "selection_date": date(2017, 5, 2),
            "mou_date": date(2017, 5, 22),
            "mou_venue": "Makassar",
            "notes": "Angkatan pertama; 24 dari 25 daerah menyelesaikan masterplan.",
        },
    )
    regions = Region.objects.filter(code__in=COHORT_2017)
    for region in regions:
        Candidate.objects.update_or_create(
            cohort=c2017, region=region, defaults={"status": Candidate.Status.PARTICIPANT}
        )
    c2018, _ = Cohort.objects.update_or_create(
        year=2018,
        defaults={
            "name": "Gerakan Menuju 100 Smart City 2018",
            "quota_invited": 120,
            "quota_assessed": 120,
            "quota_selected": 50,
            "screening_date": date(2018, 1, 15),
            "questionnaire_deadline": datetime(2018, 2, 28, 23, 59, tzinfo=JAKARTA),
            "assessment_start": date(2018, 3, 5),
            "assessment_end": date(2018, 3, 7),
            "selection_date": date(2018, 4, 2),
            "mou_date": date(2018, 5, 8),
            "mou_venue": "Jakarta",
            "mentoring_start": date(2018, 5, 21),
            "mentoring_end": date(2018, 9, 28),
        },
    )
    today = timezone.localdate()
    day = {key: today + timedelta(days=n) for key, n in COHORT_2019_DAYS.items()}
    c2019, _ = Cohort.objects.get_or_create(
        year=2019,
        defaults={
            "name": "Gerakan Menuju 100 Smart City 2019",
            "status": Cohort.Status.SCREENING,
            # About 107 regions invited, 25 to be selected (DOMAIN.md).
            "quota_invited": 107,
            "quota_assessed": 107,
            "quota_selected": 25,
            "screening_date": day["screening"],
            "questionnaire_deadline": datetime.combine(
                day["questionnaire_deadline"], time(23, 59), tzinfo=JAKARTA
            ),
            "assessment_start": day["assessment_start"],
            "assessment_end": day["assessment_end"],
            "notes": "Angkatan yang sedang diases: kuesioner dibuka, panel sudah disusun.",
        },
    )
    return c2017, c2018, c2019


def _demo_rng(year: int, code: str) -> random.Random:
    # Seeded from a stable hash, so every machine and run produces the same demo data.
    return random.Random(int(hashlib.sha256(f"{year}:{code}".encode()).hexdigest()[:16], 16))


def demo_indicator_values(region: Region, year: int) -> dict:
    """Plausible, deterministic indicator values for one kab/kota (demo data, not official)."""
    rng = _demo_rng(year, region.code)
    strong = region.code in COHORT_2017 or region.code in LATER_PARTICIPANTS
    city = region.kind == Region.Kind.CITY
    fiscal = rng.lognormvariate(0.15 if city else -0.1, 0.55) * (1.6 if strong else 1.0)
    fiscal = min(max(fiscal, 0.08), 7.5)
    ekppd = min(max(rng.gauss(3.05 if strong else 2.75, 0.35), 1.1), 3.85)
    green = min(max(rng.gauss(72 if strong else 52, 14), 5), 98)
    values = {
        "fiscal_capacity_index": Decimal(f"{fiscal:.4f}"),
        "fiscal_capacity_category": (
            "sangat_rendah"
            if fiscal < 0.5
            else "rendah"
            if fiscal < 0.8
            else "sedang"
            if fiscal < 1.2
            else "tinggi"
            if fiscal < 2
            else "sangat_tinggi"
        ),
        "ekppd_score": Decimal(f"{ekppd:.4f}"),
        "ekppd_status": "sangat_tinggi" if ekppd >= 3 else "tinggi" if ekppd >= 2 else "sedang",
        "green_city_index": Decimal(f"{green:.2f}"),
        "sustainable_city_index": Decimal(f"{rng.uniform(40, 85):.2f}") if city else None,
    }
    # About 4 % of regions lack one indicator: the screening lists them as incomplete.
    if not strong and rng.random() < 0.04:
        values[rng.choice(["fiscal_capacity_index", "ekppd_score", "green_city_index"])] = None
    return values


@transaction.atomic
def seed_indicators(year: int) -> IndicatorImport:
    """Demo indicators for every kab/kota; EKPPD ranks follow the scores as in the real decree."""
    existing = IndicatorImport.objects.filter(year=year, superseded_at__isnull=True).first()
    if existing:
        return existing
    regions = list(Region.objects.kab_kota())
    dataset = IndicatorImport.objects.create(
        year=year,
        file_name=f"data-contoh-indikator-{year}.csv",
        checksum=hashlib.sha256(f"demo-{year}".encode()).hexdigest(),
        row_count=len(regions),
        fiscal_regulation="DATA CONTOH (bukan PMK resmi)",
        ekppd_regulation="DATA CONTOH (bukan Kepmendagri resmi)",
        green_source="DATA CONTOH",
        is_demo=True,
    )
    rows = [
        IndicatorSet(
            region=region, year=year, dataset=dataset, **demo_indicator_values(region, year)
        )
        for region in regions
    ]
    scored = sorted((r for r in rows if r.ekppd_score is not None), key=lambda r: -r.ekppd_score)
    for rank, row in enumerate(scored, start=1):
        row.ekppd_rank = rank
    IndicatorSet.objects.bulk_create(rows)
    return dataset


def seed_foundation(stdout=None) -> None:
    regions_load()
    seed_institutions_and_partners()
    seed_accounts(settings.DEMO_PASSWORD)
    seed_cohorts()
    seed_indicators(2018)
    seed_indicators(2019)


def seed_industry() -> None:
    seed_solutions()
    seed_partner_inputs()


# Each stage's seeder, in the order the programme runs; `seed_demo` runs them in this order.
# The 2019 screening comes after the 2018 selection: regions selected earlier leave its pool.
SEEDERS = [
    seed_foundation,
    seed_screening,
    seed_assessment,
    seed_partners,
    seed_masterplans,
    seed_industry,
    seed_screening_2019,
    seed_assessment_2019,
    seed_evaluation,
    seed_evaluation_review,
]
