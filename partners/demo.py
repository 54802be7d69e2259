"""Demo of the partners stage: the 25 MoUs of 2017 (signed in Makassar); for 2018 the MoUs
(most signed, a few pending), mentors with their profiles and teams (mentor-itb on Kab.
Sukoharjo, mentor-ui elsewhere), the Bimtek log, the region's Dewan and Tim Pelaksana, and
Indosat's profile and solutions. Safe to run again."""

import hashlib
import random
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from candidates.models import Candidate, Cohort
from smartcity.models import Region

from .models import MentorAssignment, MentorProfile, MoU, SmartCityBody
from .services.assignments import assignment_add, assignment_confirm, assignment_suggest
from .services.bimtek import bimtek_record
from .services.bodies import body_member_add, body_save
from .services.mou import mou_for_candidate, mou_sign

ALL = ["governance", "branding", "economy", "living", "society", "environment"]
# Extra demo mentors: (username, institution code, home province, expertise)
MENTORS = [
    ("mentor-itb", "itb", "32", ["governance", "living", "environment"]),
    ("mentor-ui", "ui", "31", ["governance", "society", "economy"]),
    ("mentor-itb-2", "itb", "32", ["economy", "branding"]),
    ("mentor-ui-2", "ui", "31", ["living", "environment"]),
    ("mentor-perbanas", "perbanas", "31", ["economy", "branding"]),
    ("mentor-umn", "umn", "36", ["branding", "society"]),
    ("mentor-bppt", "bppt", "31", ["governance", "environment"]),
    ("mentor-insw", "insw", "31", ["economy", "governance"]),
    ("mentor-iktii", "iktii", "31", ["governance", "living"]),
    ("mentor-citiasia", "citiasia", "31", ["branding", "economy", "society"]),
    ("mentor-citiasia-2", "citiasia", "31", ["living", "environment"]),
    ("mentor-perbanas-2", "perbanas", "31", ["society", "governance"]),
]
PENDING_MOUS = 3  # a few regions have not signed yet


def _rng(*parts) -> random.Random:
    return random.Random(
        int(hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:16], 16)
    )


def _mou_pdf(year: int = 2018) -> bytes:
    """A small real PDF of the MoU, made with WeasyPrint (a dependency already)."""
    from weasyprint import HTML

    return HTML(
        string=f"<h1>Nota Kesepahaman</h1><p>Gerakan Menuju 100 Smart City {year} (contoh).</p>"
    ).write_pdf()


def _sign(mou, cohort, pdf: bytes, staff) -> None:
    """Record a signing on the cohort's MoU day and venue, as staff record it."""
    region = mou.candidate.region
    mou_sign(
        mou=mou,
        signing_date=cohort.mou_date,
        venue=cohort.mou_venue,
        head_name=f"Kepala Daerah {region.short_name}",
        head_title=MoU.HeadTitle.MAYOR if region.kind == Region.Kind.CITY else MoU.HeadTitle.REGENT,
        upload=SimpleUploadedFile("mou.pdf", pdf, "application/pdf"),
        by=staff,
    )


def seed_mous_2017(staff) -> None:
    """The 25 MoUs of 2017, signed on 22 May 2017 in Makassar: every 2017 participant's page
    shows its MoU signed, never "Menunggu tanda tangan". Only pending ones are signed."""
    cohort = Cohort.objects.filter(year=2017).first()
    if cohort is None or cohort.mou_date is None:
        return
    candidates = Candidate.objects.filter(
        cohort=cohort, status__in=Candidate.IN_PROGRAMME
    ).select_related("region")
    signed = set(
        MoU.objects.filter(candidate__cohort=cohort, status=MoU.Status.SIGNED).values_list(
            "candidate_id", flat=True
        )
    )
    pdf = None
    for candidate in candidates.order_by("region__code"):
        if candidate.pk in signed:
            continue
        pdf = pdf or _mou_pdf(2017)
        _sign(mou_for_candidate(candidate=candidate), cohort, pdf, staff)


def _mentors(staff):
    from smartcity.models import Institution, User

    password = None
    people = []
    provinces = {r.code: r for r in Region.objects.provinces()}
    for username, institution, province, expertise in MENTORS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(settings.DEMO_PASSWORD)
            user = User.objects.create(
                username=username,
                password=password,
                role=User.Role.MENTOR,
                first_name="Mentor",
                last_name=username.removeprefix("mentor-").upper(),
                email=f"{username}@demo.smartcity.invalid",
                institution=Institution.objects.get(code=institution),
            )
        MentorProfile.objects.update_or_create(
            user=user,
            defaults={"capacity": 9, "expertise": expertise, "home_province": provinces[province]},
        )
        people.append(user)
    return people


@transaction.atomic
def seed_partners() -> None:
    from smartcity.models import User

    staff = User.objects.get(username="kominfo")
    seed_mous_2017(staff)
    cohort = Cohort.objects.get(year=2018)
    selected = list(
        Candidate.objects.filter(cohort=cohort, status=Candidate.Status.SELECTED)
        .select_related("region")
        .order_by("region__code")
    )
    if not selected or MoU.objects.filter(candidate__cohort=cohort).exists():
        return
    sukoharjo = next(c for c in selected if c.region.code == "33.11")

    # MoUs: signed on 8 May 2018 in Jakarta, except a few still pending.
    pdf = _mou_pdf()
    pending = {c.pk for c in selected if c is not sukoharjo}
    pending = set(sorted(pending)[-PENDING_MOUS:])
    for candidate in selected:
        mou = mou_for_candidate(candidate=candidate)
        if candidate.pk in pending:
            continue
        _sign(mou, cohort, pdf, staff)

    # Mentors: mentor-itb leads Sukoharjo's team, then the suggestion fills the others.
    mentors = _mentors(staff)
    mentor_itb, mentor_ui = mentors[0], mentors[1]
    if not MentorAssignment.objects.active().filter(candidate=sukoharjo).exists():
        assignment_add(candidate=sukoharjo, mentor=mentor_itb, by=staff)
        assignment_add(candidate=sukoharjo, mentor=mentors[5], by=staff)  # UMN
    # mentor-ui (home province DKI Jakarta) mentors two regions elsewhere, never Sukoharjo.
    ui_regions = [c for c in selected if c is not sukoharjo and c.region.province.code != "31"][:2]
    for candidate in ui_regions:
        assignment_add(candidate=candidate, mentor=mentor_ui, by=staff)
    ui_ids = {c.pk for c in ui_regions}
    suggestion, _ = assignment_suggest(cohort=cohort, team_size=2)
    # Suggested teams are keyed by candidate id; mentor-ui keeps to the two regions above.
    teams = {
        candidate_id: [m for m in team if m != mentor_ui.pk or candidate_id in ui_ids]
        for candidate_id, team in suggestion.teams.items()
    }
    assignment_confirm(cohort=cohort, teams=teams, by=staff)

    # Bimtek: Sukoharjo has had three workshops; other regions between one and four.
    start = date(2018, 5, 21)
    for index, candidate in enumerate(selected):
        team = list(
            User.objects.filter(
                pk__in=MentorAssignment.objects.active()
                .filter(candidate=candidate)
                .values("mentor")
            )
        )
        stages = 3 if candidate is sukoharjo else 1 + _rng("bimtek", candidate.pk).randint(0, 3)
        for stage in range(1, stages + 1):
            data = {
                "date": start + timedelta(days=28 * (stage - 1) + index % 5),
                "place": f"Kantor Bappeda {candidate.region.short_name}",
                "attendance": 20 + stage * 5,
                "minutes": f"Bimtek {stage}: pembahasan bersama OPD dan mentor.",
                "outputs": "Draf bab masterplan dan daftar program.",
            }
            if stage == 4:
                data |= {
                    "commitment_signed": True,
                    "final_quick_wins": "Layanan perizinan daring\nCall center 112\n"
                    "Dasbor data kota",
                }
            bimtek_record(candidate=candidate, stage=stage, data=data, mentors=team, by=staff)

    # Sukoharjo's Dewan Smart City and Tim Pelaksana.
    region = sukoharjo.region
    if not SmartCityBody.objects.filter(region=region).exists():
        official = User.objects.get(username="pemda-3311")
        council = body_save(
            region=region,
            kind=SmartCityBody.Kind.COUNCIL,
            decree_number="SK Bupati 050/214/2018",
            decree_date=date(2018, 6, 4),
            by=official,
        )
        team = body_save(
            region=region,
            kind=SmartCityBody.Kind.TEAM,
            decree_number="SK Bupati 050/215/2018",
            decree_date=date(2018, 6, 4),
            by=official,
        )
        body_member_add(
            body=council,
            name="Bupati Sukoharjo",
            position="Bupati",
            agency="Pemerintah Kabupaten",
            role="Ketua",
            by=official,
        )
        body_member_add(
            body=council,
            name="Sekretaris Daerah",
            position="Sekda",
            agency="Setda",
            role="Wakil Ketua",
            by=official,
        )
        for dimension, agency in zip(
            ALL,
            [
                "Diskominfo",
                "Disbudpar",
                "Disperindag",
                "Dinas Kesehatan",
                "Dinas Sosial",
                "Dinas Lingkungan Hidup",
            ],
            strict=True,
        ):
            body_member_add(
                body=team,
                name=f"Kepala {agency}",
                position="Kepala Dinas",
                agency=agency,
                role="Anggota",
                dimension=dimension,
                by=official,
            )
