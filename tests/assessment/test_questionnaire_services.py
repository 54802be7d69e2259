"""The questionnaire's rules, through its services: when it may change, submit, reopen."""

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from assessment.models import Evidence, Questionnaire, QuestionnaireEvent, Regulation
from assessment.services.questionnaire import (
    EVIDENCE_PER_SECTION,
    QuestionnaireError,
    QuestionnaireIncomplete,
    evidence_add,
    evidence_remove,
    questionnaire_may_reopen,
    questionnaire_missing,
    questionnaire_progress,
    questionnaire_reopen,
    questionnaire_save,
    questionnaire_submit,
    regulation_add,
    regulation_remove,
)
from candidates.models import Candidate
from smartcity.storage import private_storage
from tests.assessment.url_expectations_questionnaire import (
    add_evidence,
    add_regulation,
    complete,
    invited_candidate,
    pdf_upload,
    questionnaire_of,
)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Each test stores its uploads in its own private root."""
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    return root


@pytest.fixture
def questionnaire(world):
    return questionnaire_of(invited_candidate(world))


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submitted(questionnaire, world):
    complete(questionnaire, world.official)
    return questionnaire_submit(questionnaire=questionnaire, by=world.official)


def set_deadline(questionnaire, delta):
    cohort = questionnaire.candidate.cohort
    cohort.questionnaire_deadline = timezone.now() + delta
    cohort.save()


# --- saving ---------------------------------------------------------------------------------


def test_a_draft_saves_incomplete_answers(questionnaire, world):
    questionnaire_save(questionnaire=questionnaire, data={"leader_name": "Etik"}, by=world.official)

    questionnaire.refresh_from_db()
    assert questionnaire.leader_name == "Etik"
    assert questionnaire.status == Questionnaire.Status.DRAFT


def test_saving_keeps_the_answers_it_was_not_given(questionnaire, world):
    complete(questionnaire, world.official)

    questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 50}, by=world.official)

    questionnaire.refresh_from_db()
    assert (questionnaire.ict_staff, questionnaire.network_coverage) == (50, 85)


def test_saving_an_emptied_text_answer_stores_an_empty_string(questionnaire, world):
    complete(questionnaire, world.official)

    questionnaire_save(questionnaire=questionnaire, data={"leader_vision": None}, by=world.official)

    questionnaire.refresh_from_db()
    assert questionnaire.leader_vision == ""


def test_every_save_is_kept_in_the_history_with_its_author(questionnaire, world):
    questionnaire_save(questionnaire=questionnaire, data={"leader_name": "A"}, by=world.official)
    questionnaire_save(questionnaire=questionnaire, data={"leader_name": "B"}, by=world.official)

    names = [h.leader_name for h in questionnaire.history.order_by("history_date")]
    assert names[-2:] == ["A", "B"]
    assert questionnaire.history.latest().history_user == world.official


def test_saving_something_that_is_not_an_answer_is_a_programming_error(questionnaire, world):
    with pytest.raises(ValueError):
        questionnaire_save(
            questionnaire=questionnaire, data={"status": "submitted"}, by=world.official
        )


def test_a_draft_can_be_saved_before_the_deadline(questionnaire, world):
    set_deadline(questionnaire, timedelta(hours=1))

    questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 3}, by=world.official)

    questionnaire.refresh_from_db()
    assert questionnaire.ict_staff == 3


def test_a_draft_cannot_change_after_the_deadline(questionnaire, world):
    complete(questionnaire, world.official)
    set_deadline(questionnaire, timedelta(seconds=-1))

    with pytest.raises(QuestionnaireError, match="Batas pengisian kuesioner .* sudah lewat"):
        questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 3}, by=world.official)
    with pytest.raises(QuestionnaireError, match="sudah lewat"):
        add_regulation(questionnaire, world.official)
    with pytest.raises(QuestionnaireError, match="sudah lewat"):
        add_evidence(questionnaire, world.official)
    with pytest.raises(QuestionnaireError, match="sudah lewat"):
        questionnaire_submit(questionnaire=questionnaire, by=world.official)
    questionnaire.refresh_from_db()
    assert questionnaire.ict_staff == 42
    assert questionnaire.status == Questionnaire.Status.DRAFT


def test_a_reopened_questionnaire_can_change_and_be_submitted_after_the_deadline(
    questionnaire, world
):
    submitted(questionnaire, world)
    set_deadline(questionnaire, timedelta(days=-3))
    questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason="Lampirkan SK.")

    questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 43}, by=world.official)
    add_evidence(questionnaire, world.official)
    questionnaire_submit(questionnaire=questionnaire, by=world.official)

    questionnaire.refresh_from_db()
    assert (questionnaire.ict_staff, questionnaire.status) == (43, Questionnaire.Status.SUBMITTED)


def test_a_region_no_longer_invited_cannot_change_its_draft(questionnaire, world):
    Candidate.objects.filter(pk=questionnaire.candidate_id).update(status=Candidate.Status.ASSESSED)
    questionnaire.refresh_from_db()

    with pytest.raises(QuestionnaireError, match="sudah berlalu"):
        questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 3}, by=world.official)


# --- read-only after submitting -------------------------------------------------------------


def test_a_submitted_questionnaire_is_read_only(questionnaire, world):
    regulation = add_regulation(questionnaire, world.official)
    evidence = add_evidence(questionnaire, world.official)
    submitted(questionnaire, world)
    frozen = "sudah diajukan dan tidak dapat diubah"

    with pytest.raises(QuestionnaireError, match=frozen):
        questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 1}, by=world.official)
    with pytest.raises(QuestionnaireError, match=frozen):
        add_regulation(questionnaire, world.official)
    with pytest.raises(QuestionnaireError, match=frozen):
        regulation_remove(questionnaire=questionnaire, regulation=regulation, by=world.official)
    with pytest.raises(QuestionnaireError, match=frozen):
        add_evidence(questionnaire, world.official)
    with pytest.raises(QuestionnaireError, match=frozen):
        evidence_remove(evidence=evidence, by=world.official)

    questionnaire.refresh_from_db()
    assert questionnaire.ict_staff == 42
    assert questionnaire.regulations.count() == 1 and questionnaire.evidence.count() == 1


def test_submitting_twice_is_refused(questionnaire, world):
    submitted(questionnaire, world)

    with pytest.raises(QuestionnaireError, match="sudah diajukan"):
        questionnaire_submit(questionnaire=questionnaire, by=world.official)
    assert QuestionnaireEvent.objects.count() == 1


# --- submitting -----------------------------------------------------------------------------


def test_submitting_an_empty_questionnaire_lists_every_missing_answer(questionnaire, world):
    with pytest.raises(QuestionnaireIncomplete) as caught:
        questionnaire_submit(questionnaire=questionnaire, by=world.official)

    assert caught.value.missing == [
        "visi smart city kepala daerah",
        "jumlah SDM TIK",
        "cakupan jaringan internet",
        "minimal satu regulasi, atau penjelasan kelembagaan pendukung",
    ]
    assert "jumlah SDM TIK" in str(caught.value)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert not QuestionnaireEvent.objects.exists()


def test_zero_staff_and_zero_coverage_are_answers(questionnaire, world):
    questionnaire_save(
        questionnaire=questionnaire,
        data={"leader_vision": "Visi", "ict_staff": 0, "network_coverage": 0, "institutions": "X"},
        by=world.official,
    )

    assert questionnaire_missing(questionnaire) == []


def test_a_regulation_stands_in_for_the_institutions_explanation(questionnaire, world):
    questionnaire_save(
        questionnaire=questionnaire,
        data={"leader_vision": "Visi", "ict_staff": 3, "network_coverage": 40},
        by=world.official,
    )
    assert questionnaire_missing(questionnaire) == [
        "minimal satu regulasi, atau penjelasan kelembagaan pendukung"
    ]

    add_regulation(questionnaire, world.official)

    assert questionnaire_missing(questionnaire) == []


def test_progress_counts_the_complete_sections(questionnaire, world):
    questionnaire_save(
        questionnaire=questionnaire,
        data={"leader_vision": "Visi", "ict_staff": 3},
        by=world.official,
    )

    progress = questionnaire_progress(questionnaire)

    assert [p.complete for p in progress] == [True, True, False, False]
    assert [p.label for p in progress][0] == "Visi dan komitmen kepala daerah"


def test_submitting_freezes_it_and_records_who_and_when(questionnaire, world):
    submitted(questionnaire, world)

    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED
    assert questionnaire.submitted_by == world.official
    assert timezone.now() - questionnaire.submitted_at < timedelta(seconds=10)
    event = QuestionnaireEvent.objects.get()
    assert (event.old, event.new, event.by) == ("draft", "submitted", world.official)


def test_of_two_submits_from_the_same_state_the_second_fails(questionnaire, world):
    complete(questionnaire, world.official)
    first = Questionnaire.objects.get(pk=questionnaire.pk)
    second = Questionnaire.objects.get(pk=questionnaire.pk)  # the same draft, seen twice

    questionnaire_submit(questionnaire=first, by=world.official)
    with pytest.raises(QuestionnaireError, match="baru saja berubah"):
        questionnaire_submit(questionnaire=second, by=world.other_official)

    assert QuestionnaireEvent.objects.count() == 1
    assert Questionnaire.objects.get().submitted_by == world.official


def test_an_edit_cannot_slip_in_after_a_submit_from_a_stale_copy(questionnaire, world):
    complete(questionnaire, world.official)
    stale = Questionnaire.objects.get(pk=questionnaire.pk)
    questionnaire_submit(questionnaire=questionnaire, by=world.official)

    with pytest.raises(QuestionnaireError, match="sudah diajukan"):
        questionnaire_save(questionnaire=stale, data={"ict_staff": 1}, by=world.official)


@pytest.mark.django_db(transaction=True)
def test_two_submits_racing_in_parallel_end_with_exactly_one_winner(world):
    questionnaire = questionnaire_of(invited_candidate(world))
    complete(questionnaire, world.official)
    copies = [Questionnaire.objects.get(pk=questionnaire.pk) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes = []

    def submit(copy):
        try:
            start.wait()
            questionnaire_submit(questionnaire=copy, by=world.official)
            outcomes.append("won")
        except QuestionnaireError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert sorted(outcomes)[-1] == "won" and outcomes.count("won") == 1
    assert QuestionnaireEvent.objects.filter(questionnaire=questionnaire).count() == 1


# --- reopening ------------------------------------------------------------------------------


def test_staff_reopen_a_submitted_questionnaire_with_a_reason(questionnaire, world):
    submitted(questionnaire, world)

    questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason=" Lampirkan SK. ")

    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.REOPENED
    event = QuestionnaireEvent.objects.latest("at")
    assert (event.old, event.new, event.by, event.reason) == (
        "submitted",
        "reopened",
        world.staff,
        "Lampirkan SK.",
    )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reopening_needs_a_reason(questionnaire, world, reason):
    submitted(questionnaire, world)

    with pytest.raises(QuestionnaireError, match="Alasan .* wajib diisi"):
        questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason=reason)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


@pytest.mark.parametrize("role", ["official", "other_official", "assessor", "mentor", "partner"])
def test_only_staff_may_reopen(questionnaire, world, role):
    submitted(questionnaire, world)

    with pytest.raises(QuestionnaireError, match="Hanya staf Kominfo"):
        questionnaire_reopen(questionnaire=questionnaire, by=world.user(role), reason="Perbaiki.")
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


def test_the_reopen_rule_answers_with_the_reason_the_service_gives(questionnaire, world):
    draft = (False, "Kuesioner berstatus Draf tidak dapat menjadi Dibuka kembali.")
    assert questionnaire_may_reopen(questionnaire, user=world.staff) == draft
    submitted(questionnaire, world)
    assert questionnaire_may_reopen(questionnaire, user=world.staff) == (True, "")
    assert questionnaire_may_reopen(questionnaire, user=world.official) == (
        False,
        "Hanya staf Kominfo yang dapat membuka kembali kuesioner.",
    )


def test_a_draft_cannot_be_reopened(questionnaire, world):
    with pytest.raises(QuestionnaireError, match="Draf tidak dapat menjadi Dibuka kembali"):
        questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason="Perbaiki.")


def test_a_resubmitted_questionnaire_is_frozen_again(questionnaire, world):
    submitted(questionnaire, world)
    questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason="Perbaiki.")
    questionnaire_submit(questionnaire=questionnaire, by=world.official)

    with pytest.raises(QuestionnaireError, match="sudah diajukan"):
        questionnaire_save(questionnaire=questionnaire, data={"ict_staff": 1}, by=world.official)
    moves = list(QuestionnaireEvent.objects.values_list("old", "new"))
    assert moves == [("draft", "submitted"), ("submitted", "reopened"), ("reopened", "submitted")]


# --- regulations and evidence ---------------------------------------------------------------


def test_regulations_are_added_and_removed(questionnaire, world):
    regulation = add_regulation(questionnaire, world.official)
    assert str(regulation) == "Peraturan Kepala Daerah (Perwal/Perbup) 12/2017"

    regulation_remove(questionnaire=questionnaire, regulation=regulation, by=world.official)

    assert not Regulation.objects.exists()


def test_a_regulation_of_another_questionnaire_cannot_be_removed_through_this_one(
    questionnaire, world
):
    other = questionnaire_of(invited_candidate(world, region=world.other_region))
    regulation = add_regulation(other, world.other_official)

    with pytest.raises(QuestionnaireError, match="bukan bagian"):
        regulation_remove(questionnaire=questionnaire, regulation=regulation, by=world.official)
    assert Regulation.objects.count() == 1


def test_an_invalid_regulation_is_explained(questionnaire, world):
    with pytest.raises(QuestionnaireError):
        regulation_add(
            questionnaire=questionnaire,
            kind="perda",
            number="",
            year=1800,
            title="Judul",
            by=world.official,
        )
    assert not Regulation.objects.exists()


def test_evidence_is_stored_privately_under_a_random_name(questionnaire, world, private_root):
    evidence = evidence_add(
        questionnaire=questionnaire,
        section="vision",
        upload=pdf_upload("../../Visi Bupati.pdf"),
        description=" Paparan visi ",
        by=world.official,
    )

    path = Path(private_storage().path(evidence.file))
    assert path.is_relative_to(private_root) and path.is_file()
    assert evidence.file.startswith("evidence/") and evidence.file.endswith(".pdf")
    assert "Visi" not in evidence.file
    assert (evidence.original_name, evidence.description) == ("Visi Bupati.pdf", "Paparan visi")
    assert (evidence.content_type, evidence.uploaded_by) == ("application/pdf", world.official)
    assert evidence.size == path.stat().st_size and len(evidence.sha256) == 64


def test_a_refused_upload_stores_nothing(questionnaire, world, private_root):
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 this is a program")

    with pytest.raises(ValidationError):
        evidence_add(questionnaire=questionnaire, section="vision", upload=fake, by=world.official)
    assert not Evidence.objects.exists() and stored_files(private_root) == []


def test_an_unknown_section_is_refused(questionnaire, world):
    with pytest.raises(QuestionnaireError, match="tidak dikenal"):
        add_evidence(questionnaire, world.official, section="finance")


def test_a_section_holds_a_bounded_number_of_files(questionnaire, world, private_root):
    for _ in range(EVIDENCE_PER_SECTION):
        add_evidence(questionnaire, world.official)

    with pytest.raises(QuestionnaireError, match=f"Paling banyak {EVIDENCE_PER_SECTION}"):
        add_evidence(questionnaire, world.official)
    assert len(stored_files(private_root)) == EVIDENCE_PER_SECTION
    add_evidence(questionnaire, world.official, section="vision")  # other sections still take


def test_removing_evidence_deletes_its_file_once_committed(
    questionnaire, world, private_root, django_capture_on_commit_callbacks
):
    evidence = add_evidence(questionnaire, world.official)
    assert len(stored_files(private_root)) == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        evidence_remove(evidence=evidence, by=world.official)
    assert len(stored_files(private_root)) == 1  # a rollback would still find its file
    for callback in callbacks:
        callback()

    assert not Evidence.objects.exists()
    assert stored_files(private_root) == []
