"""What each role gets from the questionnaire URLs (see tests/urlmatrix.py), and the builders
the questionnaire tests share: an invited Sukoharjo with its questionnaire, a panel seat, PDFs."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from assessment.models import Evidence, PanelMember, Questionnaire, Regulation
from assessment.services.questionnaire import evidence_add, questionnaire_save, regulation_add
from tests.factories import CandidateFactory
from tests.urlmatrix import NOT_ALLOWED, NOT_FOUND, OK, only

EXPECTATIONS = {
    # The region's officials fill it; staff and, once submitted, the assessors seated on the
    # panel read it (the URLs below are checked on a submitted questionnaire).
    "questionnaire": {**only(OK, "staff", "official", "assessor"), "other_official": NOT_FOUND},
    # Writes are POST-only and for the region's officials (another region's get 404 on POST).
    "questionnaire_regulation_add": only(NOT_ALLOWED, "official", "other_official"),
    "questionnaire_regulation_remove": only(NOT_ALLOWED, "official", "other_official"),
    "questionnaire_evidence_add": only(NOT_ALLOWED, "official", "other_official"),
    "evidence_remove": only(NOT_ALLOWED, "official", "other_official"),
    # Staff: the page that says what reopening changes, before its button does it.
    "questionnaire_reopen": only(OK, "staff"),
    # Any signed-in user may ask; whoever may not read the questionnaire gets 404, like a
    # file that does not exist (other regions, mentors, partners, assessors off the panel).
    "evidence_download": only(OK, "staff", "official", "assessor", others=NOT_FOUND),
}


def url_kwargs(name, world):
    """Sukoharjo invited in the world's cohort with its questionnaire (and the regulation or
    stored PDF the URL acts on), and the world's assessor seated on its panel."""
    if name not in EXPECTATIONS:
        return None
    candidate = invited_candidate(world)
    seat(world, candidate)
    questionnaire = questionnaire_of(candidate)
    if name == "questionnaire_regulation_remove":
        regulation = add_regulation(questionnaire, world.official)
        return {"candidate_id": candidate.pk, "pk": regulation.pk}
    if name in {"evidence_remove", "evidence_download"}:
        # Stored under the test private root (tests/settings.py); only these two need a file.
        evidence = add_evidence(questionnaire, world.official)
        if name == "evidence_download":
            _mark_submitted(questionnaire)
        return {"pk": evidence.pk}
    if name in {"questionnaire", "questionnaire_reopen"}:
        _mark_submitted(questionnaire)
    return {"candidate_id": candidate.pk}


def _mark_submitted(questionnaire) -> None:
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.SUBMITTED)


# --- builders -------------------------------------------------------------------------------

# Answers that make every section complete.
COMPLETE_ANSWERS = {
    "leader_name": "Etik Suryani",
    "leader_vision": "Sukoharjo Makmur: layanan publik terpadu berbasis data.",
    "leader_commitment": "Anggaran TIK naik 20 % tiap tahun.",
    "ict_staff": 42,
    "ict_trained_staff": 12,
    "ict_budget": 1_250_000_000,
    "governance_body": "Dewan Smart City (SK Bupati 2018).",
    "network_coverage": 85,
    "has_data_centre": True,
    "data_centre_notes": "Ruang server Diskominfo.",
    "applications": "SIMPEG\nLapor!",
    "institutions": "Forum OPD bulanan dipimpin Bappeda.",
}


def invited_candidate(world, region=None):
    """A region (Sukoharjo by default) invited to the world's cohort."""
    return CandidateFactory(cohort=world.cohort, region=region or world.region)


def questionnaire_of(candidate) -> Questionnaire:
    return Questionnaire.objects.get_or_create(candidate=candidate)[0]


def seat(world, candidate, assessor=None) -> PanelMember:
    """Seat an assessor (the world's by default) on the candidate's panel."""
    return PanelMember.objects.create(
        candidate=candidate, assessor=assessor or world.assessor, assigned_by=world.staff
    )


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "SK Dewan Smart City.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def add_regulation(questionnaire, by) -> Regulation:
    return regulation_add(
        questionnaire=questionnaire,
        kind=Regulation.Kind.PERKADA,
        number="12",
        year=2017,
        title="Penyelenggaraan Smart City",
        by=by,
    )


def add_evidence(questionnaire, by, section="struktur") -> Evidence:
    return evidence_add(
        questionnaire=questionnaire, section=section, upload=pdf_upload(), description="", by=by
    )


def complete(questionnaire, by) -> Questionnaire:
    return questionnaire_save(questionnaire=questionnaire, data=COMPLETE_ANSWERS, by=by)
