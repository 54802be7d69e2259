"""MoU pages: staff record a signing with its PDF; the region reads it and downloads the copy."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from partners.models import MoU
from partners.services.mou import MOU_MAX_BYTES, mou_for_candidate, mou_withdraw
from tests.factories import CandidateFactory, RegionFactory
from tests.partners.url_expectations_mou import make_pdf, selected_candidate, signed_mou


@pytest.fixture
def candidate(world):
    return selected_candidate(world)


def form_data(content: bytes, name="mou-sukoharjo.pdf", **changes):
    data = {
        "signing_date": "2018-05-08",
        "venue": "Jakarta",
        "head_name": "Wardoyo Wijaya",
        "head_title": "bupati",
        "document": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    data.update(changes)
    return data


def sign_url(candidate):
    return reverse("mou_sign", args=[candidate.pk])


def stored_files(settings) -> set:
    folder = settings.PRIVATE_MEDIA_ROOT / "mou"
    return set(folder.iterdir()) if folder.exists() else set()


# --- recording a signing --------------------------------------------------------------------


def test_staff_record_a_signing_with_its_pdf(client, world, candidate):
    content = make_pdf()
    client.force_login(world.staff)

    response = client.post(sign_url(candidate), form_data(content))

    assert response.status_code == 302
    assert response.url == reverse("mou_detail", args=[candidate.pk])
    mou = MoU.objects.get(candidate=candidate)
    assert mou.status == MoU.Status.SIGNED
    assert mou.sha256 == hashlib.sha256(content).hexdigest()
    assert mou.updated_by == world.staff


@pytest.mark.parametrize("role", ["official", "other_official", "mentor", "assessor", "partner"])
def test_no_one_but_staff_may_record_a_signing(client, world, candidate, role):
    client.force_login(world.user(role))

    response = client.post(sign_url(candidate), form_data(make_pdf()))

    assert response.status_code == 403
    assert not MoU.objects.filter(status=MoU.Status.SIGNED).exists()


@pytest.mark.parametrize("role", ["official", "mentor", "partner"])
def test_no_one_but_staff_may_withdraw(client, world, candidate, role):
    client.force_login(world.user(role))

    response = client.post(reverse("mou_withdraw", args=[candidate.pk]), {"reason": "Tidak jadi"})

    assert response.status_code == 403
    assert not MoU.objects.filter(status=MoU.Status.WITHDRAWN).exists()


def test_a_candidate_that_was_not_selected_has_no_mou_page(client, world):
    other = CandidateFactory(cohort=world.cohort, region=world.region, status="not_selected")
    client.force_login(world.staff)

    assert client.get(reverse("mou_detail", args=[other.pk])).status_code == 404
    assert client.post(sign_url(other), form_data(make_pdf())).status_code == 404


def test_signing_twice_explains_that_the_mou_is_already_signed(client, world, candidate):
    signed_mou(world, candidate=candidate)
    client.force_login(world.staff)

    response = client.post(sign_url(candidate), form_data(make_pdf()), follow=True)

    assert "tidak dapat diubah lagi" in response.text
    assert "Catat penandatanganan" not in response.text  # the form is gone once signed


def test_a_missing_field_is_shown_and_nothing_is_stored(client, world, candidate, settings):
    client.force_login(world.staff)
    before = stored_files(settings)

    response = client.post(sign_url(candidate), form_data(make_pdf(), head_name=""))

    assert response.status_code == 400
    assert "Nama kepala daerah" in response.text and "invalid-feedback" in response.text
    assert stored_files(settings) == before


# The corpus: each is refused through the view with a clear message, and nothing is stored.


def encrypted(writer):
    writer.encrypt("rahasia")


def with_javascript(writer):
    """A script run when the document opens: /OpenAction << /S /JavaScript /JS (...) >>."""
    script = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('halo');"),
        }
    )
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(script)


CORPUS = {
    "renamed executable": (b"MZ\x90\x00\x03" + b"\x00" * 200, "Berkas bukan PDF yang sah"),
    "html behind a pdf header": (
        b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
        "Berkas bukan PDF yang sah",
    ),
    "encrypted pdf": (make_pdf(encrypted), "PDF terenkripsi"),
    "pdf with javascript": (make_pdf(with_javascript), "PDF berisi JavaScript"),
    "empty file": (b"", "kosong"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_a_bad_document_is_refused_with_a_reason_and_nothing_is_stored(
    client, world, candidate, settings, case
):
    content, message = CORPUS[case]
    client.force_login(world.staff)
    before = stored_files(settings)

    response = client.post(sign_url(candidate), form_data(content, name="mou.pdf"))

    assert response.status_code == 400
    assert message in response.text
    assert stored_files(settings) == before
    assert not MoU.objects.filter(status=MoU.Status.SIGNED).exists()


def test_an_oversized_document_is_refused(client, world, candidate, settings):
    big = make_pdf()
    content = big[:-6] + b" " * (MOU_MAX_BYTES - len(big) + 1) + big[-6:]
    client.force_login(world.staff)
    before = stored_files(settings)

    response = client.post(sign_url(candidate), form_data(content))

    assert response.status_code == 400
    assert "terlalu besar (maks. 15 MB)" in response.text
    assert stored_files(settings) == before


# --- withdrawing ----------------------------------------------------------------------------


def test_staff_withdraw_with_a_reason(client, world, candidate):
    client.force_login(world.staff)

    response = client.post(
        reverse("mou_withdraw", args=[candidate.pk]), {"reason": "Daerah mengundurkan diri."}
    )

    assert response.status_code == 302
    mou = MoU.objects.get(candidate=candidate)
    assert mou.status == MoU.Status.WITHDRAWN
    assert mou.withdrawn_reason == "Daerah mengundurkan diri."


def test_withdrawing_without_a_reason_is_refused(client, world, candidate):
    client.force_login(world.staff)

    response = client.post(reverse("mou_withdraw", args=[candidate.pk]), {"reason": ""})

    assert response.status_code == 400
    assert not MoU.objects.filter(status=MoU.Status.WITHDRAWN).exists()


# --- reading and downloading ----------------------------------------------------------------


def test_the_regions_official_reads_the_signed_mou_with_its_full_fingerprint(
    client, world, candidate
):
    mou = signed_mou(world, candidate=candidate)
    client.force_login(world.official)

    response = client.get(reverse("mou_detail", args=[candidate.pk]))

    assert response.status_code == 200
    assert "Ditandatangani" in response.text
    assert mou.sha256 in response.text and len(mou.sha256) == 64
    assert "sha256sum berkas.pdf" in response.text
    assert "Wardoyo Wijaya" in response.text and "8 Mei 2018" in response.text
    assert reverse("mou_download", args=[candidate.pk]) in response.text
    assert "Catat penandatanganan" not in response.text  # read-only for the region


def test_the_regions_official_sees_a_pending_mou_without_forms(client, world, candidate):
    client.force_login(world.official)

    response = client.get(reverse("mou_detail", args=[candidate.pk]))

    assert "Menunggu tanda tangan" in response.text
    assert "Catat penandatanganan" not in response.text and "Batalkan MoU" not in response.text
    assert not MoU.objects.exists()  # reading creates nothing


def test_staff_see_the_forms_on_a_pending_mou(client, world, candidate):
    client.force_login(world.staff)

    response = client.get(reverse("mou_detail", args=[candidate.pk]))

    assert "Catat penandatanganan" in response.text and "Batalkan MoU" in response.text


def test_the_download_is_the_uploaded_file_as_an_attachment(client, world, candidate):
    content = make_pdf()
    signed_mou(world, candidate=candidate, content=content)

    for user in (world.staff, world.official):
        client.force_login(user)
        response = client.get(reverse("mou_download", args=[candidate.pk]))
        body = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert body == content
        assert hashlib.sha256(body).hexdigest() == MoU.objects.get().sha256
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "role", ["other_official", "mentor", "other_mentor", "assessor", "partner"]
)
def test_the_download_is_refused_to_everyone_else(client, world, candidate, role):
    signed_mou(world, candidate=candidate)
    client.force_login(world.user(role))

    assert client.get(reverse("mou_download", args=[candidate.pk])).status_code == 404


def test_the_public_is_sent_to_log_in_for_the_download(client, world, candidate):
    signed_mou(world, candidate=candidate)

    response = client.get(reverse("mou_download", args=[candidate.pk]))

    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_pending_mou_has_nothing_to_download(client, world, candidate):
    mou_for_candidate(candidate=candidate)
    client.force_login(world.staff)

    assert client.get(reverse("mou_download", args=[candidate.pk])).status_code == 404


# --- the cohort's progress ------------------------------------------------------------------


def test_the_progress_page_counts_signed_mous_and_filters_by_status(client, world, candidate):
    signed_mou(world, candidate=candidate)
    bandung = CandidateFactory(cohort=world.cohort, region=world.other_region, status="selected")
    withdrawn = CandidateFactory(cohort=world.cohort, status="selected")
    mou_withdraw(
        mou=mou_for_candidate(candidate=withdrawn), reason="Mengundurkan diri", by=world.staff
    )
    CandidateFactory(cohort=world.cohort, status="not_selected")  # not listed
    client.force_login(world.staff)
    url = reverse("mou_progress", args=[world.cohort.year])

    response = client.get(url)
    assert "1 dari 3 ditandatangani" in response.text
    assert "Kabupaten Sukoharjo" in response.text and "Kota Bandung" in response.text

    pending = client.get(url, {"status": "pending"})
    assert "1 dari 3 ditandatangani" in pending.text  # the counts ignore the filter
    assert "Kota Bandung" in pending.text and "Kabupaten Sukoharjo" not in pending.text
    assert reverse("mou_detail", args=[bandung.pk]) in pending.text


def test_the_progress_page_takes_the_same_queries_for_few_or_many_regions(
    client, world, candidate, django_assert_num_queries
):
    client.force_login(world.staff)
    url = reverse("mou_progress", args=[world.cohort.year])
    with django_assert_num_queries(5):
        # 1-2 the session and the user  3 the cohort
        # 4 the cohort's selected candidacies with region, province and MoU (one join)
        # 5 the second-factor device of the staff session (django-otp)
        client.get(url)
    signed_mou(world, candidate=candidate)
    for n in range(5):
        CandidateFactory(
            cohort=world.cohort, region=RegionFactory(code=f"35.{n + 1:02d}"), status="selected"
        )

    with django_assert_num_queries(5):
        response = client.get(url)
    assert "1 dari 6 ditandatangani" in response.text


def test_the_mou_index_shows_each_cohorts_progress(client, world, candidate):
    signed_mou(world, candidate=candidate)
    CandidateFactory(cohort=world.cohort, region=world.other_region, status="selected")
    client.force_login(world.staff)

    response = client.get(reverse("mou_index"))

    assert "1 dari 2 ditandatangani" in response.text
    assert reverse("mou_progress", args=[world.cohort.year]) in response.text


# --- the official's home page ---------------------------------------------------------------


def test_the_officials_home_shows_the_mou_status_with_a_link(client, world, candidate):
    signed_mou(world, candidate=candidate)
    client.force_login(world.official)

    response = client.get(reverse("official_home"))

    assert "Nota kesepahaman (MoU)" in response.text and "Ditandatangani" in response.text
    assert reverse("mou_detail", args=[candidate.pk]) in response.text
