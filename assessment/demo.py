"""Demo of the assessment stage: 2017's submitted questionnaires and selection (history); 2018's
questionnaires, panels with asesor-1, scores, and a selection of 50 that includes Kab.
Sukoharjo; and 2019 in the middle of its assessment: questionnaires open (submitted, half done
or not started) and panels seated, asesor-1's sheets still to score. Deterministic; safe to run
again."""

import hashlib
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

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
    Section,
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
# Kota Bontang (pemda-6474) is not selected in 2018 whatever the noise: it is the 2019
# candidate the demo's official login works on.
HELD_BACK = {"64.74": 0.35}
ASSESSORS = 12  # asesor-1 … asesor-12
# (harshness in score points: an assessor who scores about a third of a point low or high)
BIAS = [0.0, -0.4, 0.3, 0.0, -0.2, 0.2, 0.4, -0.3, 0.1, -0.1, 0.0, 0.25]


def _rng(*parts) -> random.Random:
    key = ":".join(str(p) for p in parts).encode()
    return random.Random(int(hashlib.sha256(key).hexdigest()[:16], 16))


def _assessors():
    from smartcity.models import User

    institutions = list(Institution.objects.order_by("code"))
    password = None  # hashed once, and only to create someone: hashing is slow on purpose
    people = []
    for n in range(1, ASSESSORS + 1):
        username = f"asesor-{n}"
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(settings.DEMO_PASSWORD)
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

    seed_assessment_2017()
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
        if candidate.region.code in HELD_BACK:
            strength[candidate.pk] = min(strength[candidate.pk], HELD_BACK[candidate.region.code])

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

    from .models import Evidence
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


# --- 2017: history ----------------------------------------------------------------------------

# The 2017 Dirjen letter (demo data: the number is made up, like 2018's).
LETTER_2017 = ("B-173/DJAI/AI.01.04/05/2017", date(2017, 5, 2))


@transaction.atomic
def seed_assessment_2017() -> None:
    """2017 as it happened: the 25 participants' submitted questionnaires, their panels (three
    of asesor-2 … asesor-12 each, every sheet submitted) and the Dirjen's selection letter.

    Its regions' pages tell it as it was: questionnaire submitted, scored, selected by a letter,
    never "Belum diisi" beside an enacted plan. asesor-1 has no 2017 seat (its home shows the
    2018 and 2019 panels); the letter is marked sent, so no e-mail goes out for it. Each part is
    added only when missing.
    """
    from smartcity.models import User

    cohort = Cohort.objects.filter(year=2017).first()
    staff = User.objects.filter(username="kominfo").first()
    if cohort is None or staff is None:
        return
    candidates = list(
        Candidate.objects.filter(cohort=cohort).select_related("region").order_by("region__code")
    )
    strength = {c.pk: 0.75 + 0.2 * _rng("strength2017", c.region.code).random() for c in candidates}
    _questionnaires_2017(cohort, candidates, strength)
    if not PanelMember.objects.filter(candidate__cohort=cohort).exists():
        _panels_2017(cohort, candidates, strength, staff)
    if not Selection.objects.filter(cohort=cohort).exists():
        number, on = LETTER_2017
        decided_at = datetime.combine(on, time(14), tzinfo=JAKARTA)
        ranked = [row.candidate.pk for row in cohort_results(cohort=cohort, normalise=False)]
        selection = Selection.objects.create(
            cohort=cohort,
            letter_number=number,
            letter_date=on,
            decided_by=staff,
            ranking=ranked,
            letters_sent_at=decided_at,
        )
        Selection.objects.filter(pk=selection.pk).update(decided_at=decided_at)


def _questionnaires_2017(cohort, candidates, strength) -> None:
    answered = set(
        Questionnaire.objects.filter(candidate__cohort=cohort).values_list(
            "candidate_id", flat=True
        )
    )
    submitted_at = datetime(2017, 4, 10, 10, 0, tzinfo=JAKARTA)
    questionnaires = Questionnaire.objects.bulk_create(
        Questionnaire(
            candidate=candidate,
            status=Questionnaire.Status.SUBMITTED,
            submitted_at=submitted_at,
            **_questionnaire_answers(candidate, strength[candidate.pk]),
        )
        for candidate in candidates
        if candidate.pk not in answered
    )
    Regulation.objects.bulk_create(
        Regulation(
            questionnaire=questionnaire,
            kind=Regulation.Kind.PERKADA,
            number=f"{10 + int(questionnaire.candidate.region.code.replace('.', '')) % 40}",
            year=2016,
            title="Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
        )
        for questionnaire in questionnaires
    )


def _panels_2017(cohort, candidates, strength, staff) -> None:
    """Three assessors per participant in the cohort's two days at Pustiknas, every sheet
    submitted on the last day."""
    criteria = list(rubric_for_cohort(cohort=cohort).criteria.all())
    assessors = _assessors()[1:]  # asesor-1 joined in 2018
    sessions = []
    day = cohort.assessment_start
    while day and day <= cohort.assessment_end:
        for hour in (8, 10, 13, 15):
            session, _ = AssessmentSession.objects.get_or_create(
                cohort=cohort,
                date=day,
                start=time(hour),
                end=time(hour + 2),
                room="Ruang Garuda, Pustiknas",
            )
            sessions.append(session)
        day += timedelta(days=1)
    seats = PanelMember.objects.bulk_create(
        PanelMember(
            candidate=candidate,
            assessor=assessor,
            session=sessions[index % len(sessions)] if sessions else None,
            assigned_by=staff,
        )
        for index, candidate in enumerate(candidates)
        for assessor in _rng("panel2017", candidate.region.code).sample(assessors, PANEL_SIZE)
    )
    submitted_at = datetime.combine(
        cohort.assessment_end or date(2017, 4, 19), time(17), tzinfo=JAKARTA
    )
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(seat=seat, status=ScoreSheet.Status.SUBMITTED, submitted_at=submitted_at)
        for seat in seats
    )
    scores = []
    for sheet in sheets:
        seat = sheet.seat
        code, username = seat.candidate.region.code, seat.assessor.username
        for criterion in criteria:
            noise = _rng("score2017", code, username, criterion.code).gauss(0, 0.5)
            value = round(1 + 4 * strength[seat.candidate_id] + noise)
            scores.append(Score(sheet=sheet, criterion=criterion, value=min(5, max(1, value))))
    Score.objects.bulk_create(scores)


# --- 2019: in the middle of its assessment --------------------------------------------------

# The 2019 candidate the demo's official login (pemda-6474) works on: a questionnaire half done.
HALF_DONE_2019 = "64.74"
ASESOR_1_SEATS_2019 = 8  # asesor-1 sits on this many 2019 panels, none scored yet but one begun


def _state_2019(code: str) -> str:
    """About two in five submitted, three in ten half done, the rest not started."""
    if code == HALF_DONE_2019:
        return "draft"
    draw = _rng("q2019", code).random()
    return "submitted" if draw < 0.4 else "draft" if draw < 0.7 else "none"


def _half_done(answers: dict, code: str) -> dict:
    """The first sections of a questionnaire (vision, then struktur, then infrastruktur); the
    suprastruktur and anything after the sections reached are still empty."""
    sections = 2 if code == HALF_DONE_2019 else _rng("q2019-sections", code).randint(1, 3)
    keep = [
        ("leader_name", "leader_vision", "leader_commitment"),
        ("ict_staff", "ict_trained_staff", "ict_budget", "governance_body"),
        ("network_coverage", "has_data_centre", "data_centre_notes", "applications"),
    ][:sections]
    kept = {name for names in keep for name in names}
    partial = {name: value for name, value in answers.items() if name in kept}
    if code == HALF_DONE_2019:
        # Begun on the infrastructure too: the applications listed, the coverage still unknown.
        partial["applications"] = answers["applications"]
    return partial


@transaction.atomic
def seed_assessment_2019() -> None:
    """2019 in the middle of its assessment, on the days counted from the seeding day.

    Of the 107 invited, about two in five have submitted their questionnaire, three in ten have
    a half-done draft (Kota Bontang among them) and the rest have not started; the deadline
    is two weeks ahead. Panels of three are seated for every candidate, in sessions at
    Pustiknas after the deadline; asesor-1 sits on eight panels of submitted questionnaires
    and has begun one sheet. No sheet is submitted: every candidate is still *invited*.
    """
    from smartcity.models import User

    cohort = Cohort.objects.filter(year=2019).select_related("screening").first()
    staff = User.objects.filter(username="kominfo").first()
    round_ = getattr(cohort, "screening", None)
    if round_ is None or round_.confirmed_run_id is None or staff is None:
        return
    if PanelMember.objects.filter(candidate__cohort=cohort).exists():
        return
    criteria = list(rubric_for_cohort(cohort=cohort).criteria.order_by("order", "code"))
    assessors = _assessors()
    candidates = list(
        Candidate.objects.filter(cohort=cohort).select_related("region").order_by("region__code")
    )
    screening = dict(
        ScreeningResult.objects.filter(run_id=round_.confirmed_run_id).values_list(
            "region_id", "composite_score"
        )
    )
    strength = {c.pk: min(1.0, (screening.get(c.region_id) or 30) / 80) for c in candidates}

    today = timezone.localdate()
    questionnaires, submitted = [], []
    for candidate in candidates:
        state = _state_2019(candidate.region.code)
        if state == "none":
            continue
        answers = _questionnaire_answers(candidate, strength[candidate.pk])
        if state == "submitted":
            rng = _rng("q2019-at", candidate.region.code)
            on = max(
                cohort.screening_date + timedelta(days=3), today - timedelta(rng.randint(1, 24))
            )
            at = datetime.combine(on, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))))
            questionnaires.append(
                Questionnaire(
                    candidate=candidate,
                    status=Questionnaire.Status.SUBMITTED,
                    submitted_at=timezone.make_aware(at),
                    **answers,
                )
            )
            submitted.append(candidate)
        else:
            questionnaires.append(
                Questionnaire(candidate=candidate, **_half_done(answers, candidate.region.code))
            )
    questionnaires = Questionnaire.objects.bulk_create(questionnaires)
    Regulation.objects.bulk_create(
        Regulation(
            questionnaire=q,
            kind=Regulation.Kind.PERKADA,
            number=f"{10 + int(q.candidate.region.code.replace('.', '')) % 40}",
            year=2018,
            title="Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
        )
        for q in questionnaires
        if q.status == Questionnaire.Status.SUBMITTED
    )

    sessions = []
    day = cohort.assessment_start
    while day <= cohort.assessment_end:
        for hour in (8, 10, 13, 15):
            for room in ("Ruang Garuda, Pustiknas", "Ruang Rajawali, Pustiknas"):
                session, _ = AssessmentSession.objects.get_or_create(
                    cohort=cohort, date=day, start=time(hour), end=time(hour + 2), room=room
                )
                sessions.append(session)
        day += timedelta(days=1)

    # asesor-1 sits on every fifth submitted questionnaire's panel, eight in all.
    asesor_1 = assessors[0]
    with_asesor_1 = {c.pk for c in submitted[::5][:ASESOR_1_SEATS_2019]}
    seats = []
    for index, candidate in enumerate(candidates):
        panel = _rng("panel2019", candidate.region.code).sample(assessors[1:], PANEL_SIZE)
        if candidate.pk in with_asesor_1:
            panel = [asesor_1, *panel[:2]]
        seats += [
            PanelMember(
                candidate=candidate,
                assessor=assessor,
                session=sessions[index % len(sessions)],
                assigned_by=staff,
            )
            for assessor in panel
        ]
    PanelMember.objects.bulk_create(seats)

    # asesor-1 has read the first questionnaire and scored what it shows (struktur and
    # infrastruktur); the vision waits for the head of region's presentation.
    first = next(s for s in seats if s.assessor_id == asesor_1.pk)
    sheet = ScoreSheet.objects.create(seat=first)
    begun = [c for c in criteria if c.section in (Section.STRUKTUR, Section.INFRASTRUKTUR)]
    Score.objects.bulk_create(
        Score(
            sheet=sheet,
            criterion=criterion,
            value=min(5, max(1, round(1 + 4 * strength[first.candidate_id]))),
            comment="Dari kuesioner dan bukti; dikonfirmasi saat paparan." if n == 0 else "",
        )
        for n, criterion in enumerate(begun)
    )
