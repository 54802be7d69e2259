"""The Bimtek log: four workshops in order, stage IV's three quick wins, documents, progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from partners.models import BimtekDocument, BimtekSession, MentorAssignment
from partners.services.bimtek import BimtekError, bimtek_record
from tests.factories import CandidateFactory, RegionFactory
from tests.partners.url_expectations_mou import make_pdf
from tests.partners.url_expectations_regional import assign, record_stage, selected_candidate

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.fixture
def candidate(world):
    candidate = selected_candidate(world)
    assign(world, candidate)
    return candidate


def form(stage, **extra):
    return {
        "action": "record",
        "stage": stage,
        "date": "2018-06-01",
        "place": "Solo",
        "attendance": 25,
        "minutes": "Analisis kesiapan.",
        **extra,
    }


def test_assigned_mentor_records_bimtek_one_with_mentors_present(client, world, candidate):
    client.force_login(world.mentor)
    response = client.post(
        reverse("bimtek_log", args=[candidate.pk]), form(1, mentors=[world.mentor.pk])
    )
    assert response.status_code == 302
    session = BimtekSession.objects.get()
    assert (session.stage, session.recorded_by) == (1, world.mentor)
    assert list(session.mentors.all()) == [world.mentor]


def test_only_assigned_mentors_can_be_listed_as_present(client, world, candidate):
    client.force_login(world.staff)
    response = client.post(
        reverse("bimtek_log", args=[candidate.pk]), form(1, mentors=[world.other_mentor.pk])
    )
    assert response.status_code == 400
    assert not BimtekSession.objects.exists()


def test_a_stage_needs_the_one_before(world, candidate):
    with pytest.raises(BimtekError, match="Bimtek I lebih dahulu"):
        record_stage(world, candidate, 2)
    record_stage(world, candidate, 1)
    record_stage(world, candidate, 2)
    with pytest.raises(BimtekError, match="Bimtek III"):
        record_stage(world, candidate, 4)


def test_a_stage_is_recorded_only_once(world, candidate):
    record_stage(world, candidate, 1)
    with pytest.raises(BimtekError, match="sudah dicatat"):
        record_stage(world, candidate, 1)
    assert BimtekSession.objects.count() == 1


def test_a_racing_second_record_meets_the_constraint_as_a_clear_error(
    world, candidate, monkeypatch
):
    record_stage(world, candidate, 1)
    # Simulate the race: the pre-check read nothing, the INSERT then meets the constraint.
    monkeypatch.setattr(BimtekSession.objects, "filter", lambda **kw: BimtekSession.objects.none())
    with pytest.raises(BimtekError, match="baru saja dicatat"):
        record_stage(world, candidate, 1)


@pytest.mark.parametrize("lines", ["Satu\nDua", "Satu\nDua\nTiga\nEmpat", ""])
def test_bimtek_four_needs_exactly_three_final_quick_wins(world, candidate, lines):
    for stage in (1, 2, 3):
        record_stage(world, candidate, stage)
    with pytest.raises(BimtekError, match="tepat tiga"):
        record_stage(world, candidate, 4, final_quick_wins=lines)


def test_bimtek_four_keeps_the_three_quick_wins_and_the_signed_sheet(world, candidate):
    for stage in (1, 2, 3):
        record_stage(world, candidate, stage)
    session = record_stage(world, candidate, 4, final_quick_wins="A\n\n B \nC\n")
    assert session.final_quick_wins == "A\nB\nC" and session.commitment_signed


def test_quick_wins_belong_to_bimtek_four_only(world, candidate):
    with pytest.raises(BimtekError, match="Bimtek IV"):
        record_stage(world, candidate, 1, final_quick_wins="A\nB\nC")


def test_documents_upload_and_download_for_the_right_people(client, world, candidate):
    record_stage(world, candidate, 1)
    client.force_login(world.mentor)
    response = client.post(
        reverse("bimtek_log", args=[candidate.pk]),
        {"action": "document", "stage": 1, "document": SimpleUploadedFile("a.pdf", make_pdf())},
    )
    assert response.status_code == 302
    document = BimtekDocument.objects.get()
    assert document.file.startswith("bimtek/")
    url = reverse("bimtek_document_download", args=[document.pk])
    for user, status in [
        (world.official, 200),
        (world.staff, 200),
        (world.mentor, 200),
        (world.other_official, 404),
        (world.other_mentor, 404),
        (world.partner, 404),
        (world.assessor, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_a_renamed_executable_is_refused_as_bimtek_document(client, world, candidate):
    record_stage(world, candidate, 1)
    client.force_login(world.staff)
    response = client.post(
        reverse("bimtek_log", args=[candidate.pk]),
        {"action": "document", "stage": 1, "document": SimpleUploadedFile("foto.jpg", EXE)},
    )
    assert response.status_code == 400
    assert not BimtekDocument.objects.exists()


def test_officials_read_their_log_but_cannot_record(client, world, candidate):
    record_stage(world, candidate, 1, minutes="Notulen rapat pertama")
    client.force_login(world.official)
    response = client.get(reverse("bimtek_log", args=[candidate.pk]))
    assert "Notulen rapat pertama" in response.content.decode()
    assert 'name="action"' not in response.content.decode()
    assert client.post(reverse("bimtek_log", args=[candidate.pk]), form(2)).status_code == 404
    assert BimtekSession.objects.count() == 1


def test_a_mentor_whose_assignment_ended_loses_the_log(client, world, candidate):
    MentorAssignment.objects.update(ended_at="2018-09-01T00:00:00Z")
    client.force_login(world.mentor)
    assert client.get(reverse("bimtek_log", args=[candidate.pk])).status_code == 404
    assert client.post(reverse("bimtek_log", args=[candidate.pk]), form(1)).status_code == 404


@pytest.mark.parametrize("role", ["partner", "assessor"])
def test_partners_and_assessors_are_refused_the_log(client, world, candidate, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("bimtek_log", args=[candidate.pk])).status_code == 403
    assert client.get(reverse("bimtek_progress", args=[2018])).status_code == 403


def test_anonymous_goes_to_login(client, world, candidate):
    response = client.get(reverse("bimtek_log", args=[candidate.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_progress_shows_the_highest_stage_with_constant_queries(
    client, world, candidate, django_assert_num_queries
):
    for stage in (1, 2):
        record_stage(world, candidate, stage)
    for n in range(5):
        region = RegionFactory(code=f"35.{10 + n}")
        other = CandidateFactory(cohort=world.cohort, region=region, status="selected")
        record_stage(world, other, 1)
    CandidateFactory(cohort=world.cohort, region=world.other_region, status="not_selected")
    client.force_login(world.staff)
    with django_assert_num_queries(5):
        # 1. the session, 2. the user, 3. the cohort,
        # 4. the selected regions with their highest stage (one aggregate),
        # 5. the second-factor device of the staff session (django-otp)
        response = client.get(reverse("bimtek_progress", args=[2018]))
    counts = {s["stage"]: s["count"] for s in response.context["stages"]}
    assert counts == {1: 6, 2: 1, 3: 0, 4: 0}
    assert len(response.context["candidates"]) == 6


def test_the_constraint_backs_the_service(world, candidate):
    record_stage(world, candidate, 1)
    with pytest.raises(IntegrityError):
        BimtekSession.objects.create(
            candidate=candidate, stage=1, date="2018-06-01", place="X", recorded_by=world.staff
        )


def test_record_refuses_an_unknown_stage(world, candidate):
    with pytest.raises(BimtekError):
        bimtek_record(candidate=candidate, stage=5, data={}, mentors=[], by=world.staff)
