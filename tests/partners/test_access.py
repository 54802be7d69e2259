"""The partners stage's permission-aware reads, called directly: each role's rule, and the same
404 for "missing" and "not yours". Also that they all live in `partners.access`, not in the
services (which hold the writes)."""

import datetime
import inspect
import pkgutil
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

import partners.services
from partners import access
from partners.models import MentorAssignment
from partners.services.bodies import body_save
from tests.factories import CandidateFactory
from tests.partners.url_expectations_mou import make_pdf, selected_candidate, signed_mou
from tests.partners.url_expectations_regional import assign

MISSING = 999_999

# Everyone in the world but staff and the region's own people.
OUTSIDERS = ("other_official", "other_mentor", "assessor", "partner")


def assert_404(read, *args, **kwargs):
    with pytest.raises(Http404):
        read(*args, **kwargs)


# --- where the reads live -------------------------------------------------------------------

PERMISSION_AWARE = ("_for_user", "_visible_to", "_for_partner", "_for_author")


def test_the_services_define_no_permission_aware_reads():
    found = []
    for module_info in pkgutil.iter_modules(partners.services.__path__):
        module = import_module(f"partners.services.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue  # imported, not defined here
            if name.endswith(PERMISSION_AWARE) or "may_" in name:
                found.append(f"{module.__name__}.{name}")
    assert found == []


# --- MoU ------------------------------------------------------------------------------------


def test_a_mou_is_seen_by_staff_and_its_own_region_only(world):
    candidate = selected_candidate(world)
    for role in ("staff", "official"):
        assert list(access.mou_candidates_visible_to(world.user(role))) == [candidate], role
    for role in (*OUTSIDERS, "mentor"):
        assert not access.mou_candidates_visible_to(world.user(role)).exists(), role


def test_a_missing_and_another_regions_mou_are_the_same_404(world):
    candidate = selected_candidate(world)
    assert access.mou_candidate_for_user(world.official, candidate.pk) == candidate
    assert_404(access.mou_candidate_for_user, world.other_official, candidate.pk)
    assert_404(access.mou_candidate_for_user, world.official, MISSING)


def test_the_mou_document_is_a_404_until_signed_and_for_outsiders(world):
    candidate = selected_candidate(world)
    assert_404(access.mou_document_for_user, world.official, candidate.pk)
    mou = signed_mou(world, candidate)
    assert access.mou_document_for_user(world.official, candidate.pk) == mou
    for role in (*OUTSIDERS, "mentor"):
        assert_404(access.mou_document_for_user, world.user(role), candidate.pk)


def test_only_staff_may_record_a_mou_and_only_while_pending(world):
    assert access.mou_may_record(world.staff, None) == (True, "")
    assert access.mou_may_record(world.official, None) == (
        False,
        "Hanya staf Kominfo yang dapat mencatat MoU.",
    )
    mou = signed_mou(world)
    assert access.mou_may_record(world.staff, mou) == (
        False,
        "MoU berstatus “Ditandatangani” tidak dapat diubah lagi.",
    )


# --- Dewan Smart City and Tim Pelaksana -----------------------------------------------------


def test_a_regions_bodies_are_read_by_staff_and_its_officials_only(world):
    for role in ("staff", "official"):
        assert access.body_region_for_user(world.user(role), world.region.code) == world.region
    for role in (*OUTSIDERS, "mentor"):
        assert_404(access.body_region_for_user, world.user(role), world.region.code)
    assert_404(access.body_region_for_user, world.staff, "99.99")


def test_a_decree_is_a_404_until_uploaded(world):
    assert_404(access.body_decree_for_user, world.official, world.region.code, "dewan")
    body = body_save(
        region=world.region,
        kind="dewan",
        decree_number="050/123/2018",
        decree_date=datetime.date(2018, 7, 2),
        upload=SimpleUploadedFile("sk.pdf", make_pdf()),
        by=world.official,
    )
    assert access.body_decree_for_user(world.official, world.region.code, "dewan") == body
    assert_404(access.body_decree_for_user, world.other_official, world.region.code, "dewan")


# --- Bimtek ---------------------------------------------------------------------------------


def test_the_bimtek_log_is_read_by_the_region_and_recorded_by_staff_and_its_mentors(world):
    candidate = selected_candidate(world)
    assign(world, candidate)
    for role in ("staff", "mentor"):
        user = world.user(role)
        assert access.bimtek_candidate_for_user(user, candidate.pk, write=True) == candidate
        assert access.bimtek_may_record(user, candidate) == (True, ""), role
    assert access.bimtek_candidate_for_user(world.official, candidate.pk) == candidate
    assert_404(access.bimtek_candidate_for_user, world.official, candidate.pk, write=True)
    refusal = (
        False,
        "Hanya Kominfo dan mentor yang ditugaskan yang dapat mencatat Bimtek daerah ini.",
    )
    assert access.bimtek_may_record(world.official, candidate) == refusal
    for role in OUTSIDERS:
        assert_404(access.bimtek_candidate_for_user, world.user(role), candidate.pk)
        assert access.bimtek_may_record(world.user(role), candidate) == refusal, role


def test_an_ended_assignment_closes_the_log_to_the_mentor(world):
    candidate = selected_candidate(world)
    assign(world, candidate)
    MentorAssignment.objects.filter(candidate=candidate).update(ended_at=timezone.now())
    assert_404(access.bimtek_candidate_for_user, world.mentor, candidate.pk)
    assert access.bimtek_may_record(world.mentor, candidate)[0] is False


def test_a_candidacy_not_in_the_programme_has_no_bimtek_log(world):
    invited = CandidateFactory(cohort=world.cohort, region=world.region, status="invited")
    assert_404(access.bimtek_candidate_for_user, world.staff, invited.pk)
    assert_404(access.bimtek_document_for_user, world.staff, MISSING)
