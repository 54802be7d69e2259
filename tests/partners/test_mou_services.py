"""MoU services: a selected region's MoU is signed or withdrawn once, by staff, with history."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import Candidate
from partners.models import MoU
from partners.services.mou import MoUError, mou_for_candidate, mou_sign, mou_withdraw
from smartcity.storage import open_private
from tests.factories import CandidateFactory
from tests.partners.url_expectations_mou import make_pdf, selected_candidate, signed_mou


def sign(mou, world, content=None):
    return mou_sign(
        mou=mou,
        signing_date=datetime.date(2018, 5, 8),
        venue="Jakarta",
        head_name="Wardoyo Wijaya",
        head_title="bupati",
        upload=SimpleUploadedFile("mou.pdf", content or make_pdf()),
        by=world.staff,
    )


def test_a_selected_candidate_gets_one_pending_mou(world):
    candidate = selected_candidate(world)

    first = mou_for_candidate(candidate=candidate)
    again = mou_for_candidate(candidate=candidate)

    assert first.pk == again.pk
    assert first.status == MoU.Status.PENDING


@pytest.mark.parametrize("status", ["invited", "assessed", "not_selected"])
def test_a_candidate_not_in_the_programme_gets_no_mou(world, status):
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status=status)

    with pytest.raises(MoUError):
        mou_for_candidate(candidate=candidate)
    assert not MoU.objects.exists()


def test_a_participant_signs_too(world):
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status="participant")

    assert mou_for_candidate(candidate=candidate).status == MoU.Status.PENDING


def test_signing_records_the_event_the_document_and_its_fingerprint(world):
    content = make_pdf()

    mou = signed_mou(world, content=content)

    assert mou.status == MoU.Status.SIGNED
    assert mou.signing_date == datetime.date(2018, 5, 8)
    assert (mou.venue, mou.head_name, mou.head_title) == ("Jakarta", "Wardoyo Wijaya", "bupati")
    assert mou.document_name == "mou-sukoharjo.pdf"
    assert mou.document_size == len(content)
    assert mou.sha256 == hashlib.sha256(content).hexdigest()
    assert mou.updated_by == world.staff
    assert mou.document.startswith("mou/") and "sukoharjo" not in mou.document
    with open_private(mou.document) as stored:
        assert stored.read() == content


def test_signing_leaves_a_history_row_naming_who_signed(world):
    mou = signed_mou(world)

    latest = mou.history.first()
    assert latest.status == MoU.Status.SIGNED
    assert latest.history_user == world.staff


def test_signing_makes_the_selected_region_a_participant_with_a_history_row(world):
    mou = signed_mou(world)

    candidate = Candidate.objects.get(pk=mou.candidate_id)
    assert candidate.status == Candidate.Status.PARTICIPANT
    latest = candidate.history.first()
    assert (latest.status, latest.history_user) == ("participant", world.staff)
    assert latest.history_change_reason == "MoU ditandatangani"


def test_a_withdrawn_mou_leaves_the_region_selected(world):
    mou = mou_withdraw(
        mou=mou_for_candidate(candidate=selected_candidate(world)),
        reason="Mengundurkan diri",
        by=world.staff,
    )

    assert Candidate.objects.get(pk=mou.candidate_id).status == Candidate.Status.SELECTED


def test_a_signed_mou_cannot_be_signed_again_nor_withdrawn(world):
    mou = signed_mou(world)

    with pytest.raises(MoUError):
        sign(mou, world)
    with pytest.raises(MoUError):
        mou_withdraw(mou=mou, reason="Berubah pikiran", by=world.staff)
    mou.refresh_from_db()
    assert mou.status == MoU.Status.SIGNED


def test_of_two_racing_signings_exactly_one_wins(world, settings):
    candidate = selected_candidate(world)
    first = mou_for_candidate(candidate=candidate)
    second = MoU.objects.get(pk=first.pk)  # read by another staff member, also still pending
    stored_before = _stored_files(settings)

    sign(first, world, content=make_pdf())
    with pytest.raises(MoUError, match="diubah oleh orang lain"):
        sign(second, world, content=make_pdf(lambda w: w.add_blank_page(100, 100)))

    first.refresh_from_db()
    assert first.status == MoU.Status.SIGNED
    assert len(_stored_files(settings) - stored_before) == 1  # the loser's file is removed


def test_a_refused_document_stores_nothing_and_keeps_the_mou_pending(world, settings):
    mou = mou_for_candidate(candidate=selected_candidate(world))
    stored_before = _stored_files(settings)

    with pytest.raises(ValidationError):
        sign(mou, world, content=b"<html>not a pdf</html>")

    mou.refresh_from_db()
    assert mou.status == MoU.Status.PENDING and not mou.document
    assert _stored_files(settings) == stored_before


def test_withdrawing_needs_a_reason_and_keeps_it(world):
    mou = mou_for_candidate(candidate=selected_candidate(world))

    with pytest.raises(MoUError):
        mou_withdraw(mou=mou, reason="   ", by=world.staff)
    mou_withdraw(mou=mou, reason="Kepala daerah berhalangan hingga batas waktu.", by=world.staff)

    mou.refresh_from_db()
    assert mou.status == MoU.Status.WITHDRAWN
    assert mou.withdrawn_reason == "Kepala daerah berhalangan hingga batas waktu."
    assert mou.history.first().history_user == world.staff


def test_a_withdrawn_mou_cannot_be_signed(world):
    mou = mou_for_candidate(candidate=selected_candidate(world))
    mou_withdraw(mou=mou, reason="Mengundurkan diri", by=world.staff)

    with pytest.raises(MoUError):
        sign(mou, world)


def _stored_files(settings) -> set:
    folder = settings.PRIVATE_MEDIA_ROOT / "mou"
    return set(folder.iterdir()) if folder.exists() else set()
