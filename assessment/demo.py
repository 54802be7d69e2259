"""Demo of the assessment stage for 2018: questionnaires, panels with asesor-1, scores, and a
selection of 50 that includes Kab. Sukoharjo. Deterministic; safe to run again."""

import hashlib
import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from candidates.models import Candidate, Cohort, ScreeningResult
from candidates.services.candidacy import candidates_move
from smartcity.models import Institution

from .models import (
    AssessmentSession,
    PanelMember,
    Questionnaire,
    Regulation,
    Score,
    ScoreSheet,
    Selection,
)
from .services.results import cohort_results
from .services.rubric import rubric_for_cohort
from .services.selection import selection_make

JAKARTA = ZoneInfo("Asia/Jakarta")
PANEL_SIZE = 3
# Sukoharjo, and the 2018 regions whose master plans the demo shows in the other states
# (masterplan/demo/content.py OTHERS): strong enough to be selected whatever the noise.
FEATURED = {"33.11": 0.95} | dict.fromkeys(("35.79", "64.71", "36.72", "52.71", "33.75"), 0.85)
ASSESSORS = 12  # asesor-1 … asesor-12
# (harshness in score points: an assessor who scores about a third of a point low or high)
BIAS = [0.0, -0.4, 0.3, 0.0, -0.2, 0.2, 0.4, -0.3, 0.1, -0.1, 0.0, 0.25]


def _rng(*parts) -> random.Random:
    key = ":".join(str(p) for p in parts).encode()
    return random.Random(int(hashlib.sha256(key).hexdigest()[:16], 16))


def _assessors():
    from smartcity.models import User

    institutions = list(Institution.objects.order_by("code"))
    password = make_password(settings.DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    people = []
    for n in range(1, ASSESSORS + 1):
        username = f"asesor-{n}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                role=User.Role.ASSESSOR,
                first_name="Asesor",
                last_name=str(n),
                email=f"{username}@demo.smartcity.invalid",
                institution=institutions[n % len(institutions)],
            )
            user.password = password
            user.save()
        people.append(user)
    return people


def _questionnaire_answers(candidate, strength: float) -> dict:
    rng = _rng("q", candidate.region.code)
    return {
        "leader_name": f"Kepala Daerah {candidate.region.short_name}",
        "leader_vision": (
            f"{candidate.region.short_name} sebagai daerah cerdas yang melayani warga dengan "
            "data terpadu, ekonomi kreatif dan lingkungan yang lestari."
        ),
        "leader_commitment": "Smart city menjadi prioritas RPJMD, dengan anggaran setiap tahun.",
        "ict_staff": int(10 + strength * 60 + rng.randint(0, 15)),
        "ict_trained_staff": int(3 + strength * 25 + rng.randint(0, 5)),
        "ict_budget": int((1 + strength * 9) * 1_000_000_000) // 1_000_000 * 1_000_000,
        "governance_body": "Tim smart city dibentuk dengan SK kepala daerah.",
        "network_coverage": min(100, int(40 + strength * 55 + rng.randint(-5, 5))),
        "has_data_centre": strength > 0.4,
        "data_centre_notes": "Ruang server Diskominfo" if strength > 0.4 else "",
        "applications": "SIMDA\nLAPOR!\nE-Kinerja\nSistem perizinan daring",
        "institutions": "Diskominfo, Bappeda, dan forum OPD smart city.",
    }


@transaction.atomic
def seed_assessment() -> None:
    from smartcity.models import User

    cohort = Cohort.objects.get(year=2018)
    if Selection.objects.filter(cohort=cohort).exists():
        return
    staff = User.objects.get(username="kominfo")
    rubric = rubric_for_cohort(cohort=cohort)
    criteria = list(rubric.criteria.all())
    assessors = _assessors()
    candidates = list(
        Candidate.objects.filter(cohort=cohort).select_related("region").order_by("region__code")
    )
    screening = dict(
        ScreeningResult.objects.filter(run=cohort.screening.confirmed_run).values_list(
            "region_id", "composite_score"
        )
    )
    # Stronger screening results make stronger questionnaires and scores, with noise.
    strength = {c.pk: min(1.0, (screening.get(c.region_id) or 30) / 80) for c in candidates}
    # The regions whose officials are demo logins (README) are always among the 50 selected.
    for candidate in candidates:
        if candidate.region.code in FEATURED:
            strength[candidate.pk] = max(strength[candidate.pk], FEATURED[candidate.region.code])

    submitted_at = datetime(2018, 2, 26, 10, 0, tzinfo=JAKARTA)
    for candidate in candidates:
        answers = _questionnaire_answers(candidate, strength[candidate.pk])
        questionnaire, _ = Questionnaire.objects.update_or_create(
            candidate=candidate,
            defaults={
                **answers,
                "status": Questionnaire.Status.SUBMITTED,
                "submitted_at": submitted_at,
            },
        )
        if not questionnaire.regulations.exists():
            Regulation.objects.create(
                questionnaire=questionnaire,
                kind=Regulation.Kind.PERKADA,
                number=f"{10 + int(candidate.region.code.replace('.', '')) % 40}",
                year=2017,
                title="Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
            )

    _sukoharjo_evidence(next(c for c in candidates if c.region.code == "33.11"))

    sessions = []
    for day in (5, 6, 7):
        for hour in (8, 10, 13, 15):
            for room in ("Ruang Garuda, Pustiknas", "Ruang Rajawali, Pustiknas"):
                session, _ = AssessmentSession.objects.get_or_create(
                    cohort=cohort,
                    date=date(2018, 3, day),
                    start=time(hour),
                    end=time(hour + 2),
                    room=room,
                )
                sessions.append(session)

    asesor_1 = assessors[0]
    for index, candidate in enumerate(candidates):
        rng = _rng("panel", candidate.region.code)
        others = rng.sample(assessors[1:], PANEL_SIZE)
        panel = (
            [asesor_1, *others[:2]]
            if index % 4 == 0 or candidate.region.code == "33.11"
            else others
        )
        for assessor in panel:
            seat, _ = PanelMember.objects.get_or_create(
                candidate=candidate,
                assessor=assessor,
                defaults={"session": sessions[index % len(sessions)], "assigned_by": staff},
            )
            sheet, _ = ScoreSheet.objects.get_or_create(seat=seat)
            bias = BIAS[assessors.index(assessor)]
            scores = []
            for criterion in criteria:
                # Keyed by codes and names, not row ids: the same demo on every database.
                noise = _rng("score", candidate.region.code, assessor.username, criterion.code)
                noise = noise.gauss(0, 0.5)
                value = round(1 + 4 * strength[candidate.pk] + bias + noise)
                scores.append(Score(sheet=sheet, criterion=criterion, value=min(5, max(1, value))))
            Score.objects.bulk_create(scores, ignore_conflicts=True)
            ScoreSheet.objects.filter(pk=sheet.pk).update(
                status=ScoreSheet.Status.SUBMITTED,
                submitted_at=datetime(2018, 3, 7, 17, 0, tzinfo=JAKARTA),
            )
    # Every panel's sheets are in: each candidate is assessed (through the one candidate service).
    candidates_move(
        candidates=Candidate.objects.filter(cohort=cohort, status=Candidate.Status.INVITED),
        to=Candidate.Status.ASSESSED,
        by=staff,
        reason="Demo: semua lembar nilai panel diajukan",
    )

    ranked = [row for row in cohort_results(cohort=cohort, normalise=False) if row.rank]
    top = {row.candidate.pk for row in ranked[: cohort.quota_selected]}
    selection_make(
        cohort=cohort,
        selected_ids=top,
        letter_number="B-248/DJAI/AI.01.04/04/2018",
        letter_date=date(2018, 4, 2),
        reasons={},
        by=staff,
    )
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.MENTORING)


def _sukoharjo_evidence(candidate) -> None:
    """One evidence PDF on Sukoharjo's questionnaire, so asesor-1 and pemda-3311 see how
    evidence looks. Rendered with WeasyPrint, checked and stored like any upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from weasyprint import HTML

    from smartcity.models import User
    from smartcity.storage import save_private
    from smartcity.uploads import validate_document

    from .models import Evidence, Section
    from .services.questionnaire import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES

    questionnaire = candidate.questionnaire
    if questionnaire.evidence.exists():
        return
    pdf = HTML(
        string="<h1>Keputusan Bupati Sukoharjo</h1>"
        "<p>tentang Pembentukan Dewan Smart City Kabupaten Sukoharjo (DATA DEMO).</p>"
    ).write_pdf()
    upload = SimpleUploadedFile("SK Dewan Smart City.pdf", pdf, content_type="application/pdf")
    validated = validate_document(upload, max_bytes=EVIDENCE_MAX_BYTES, kinds=EVIDENCE_KINDS)
    Evidence.objects.create(
        questionnaire=questionnaire,
        section=Section.STRUKTUR,
        file=save_private(validated, folder="evidence"),
        original_name=validated.original_name,
        content_type=validated.content_type,
        size=validated.size,
        sha256=validated.sha256,
        description="SK Bupati tentang Dewan Smart City (demo)",
        uploaded_by=User.objects.filter(region=candidate.region).first()
        or User.objects.get(username="kominfo"),
    )
