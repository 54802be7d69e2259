"""What each role gets from the regional URLs: bodies (Dewan/Tim Pelaksana) and Bimtek logs.

Sukoharjo (the world's official's region) is a selected candidate of the world's cohort, with
`world.mentor` assigned to it; its Dewan has a decree PDF and its Bimtek I a document.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import MentorAssignment
from partners.services.bimtek import bimtek_document_add, bimtek_record
from partners.services.bodies import body_save
from tests.factories import CandidateFactory
from tests.partners.url_expectations_mou import make_pdf
from tests.urlmatrix import NOT_FOUND, OK, only

EXPECTATIONS = {
    # Officials see (and edit) their own region's bodies; staff get the list of regions.
    "bodies": only(OK, "staff", "official", "other_official"),
    # One region's bodies, read-only: staff and its own officials.
    "bodies_for_region": {**only(OK, "staff", "official"), "other_official": NOT_FOUND},
    # The decree: not role-gated, 404 for all but staff and the region's officials.
    "body_decree_download": only(OK, "staff", "official", others=NOT_FOUND),
    # The cohort's Bimtek progress is the ministry's page.
    "bimtek_progress": only(OK, "staff"),
    # A region's log: staff, its officials and its assigned mentor; other officials and
    # unassigned mentors are told it does not exist.
    "bimtek_log": {
        **only(OK, "staff", "official", "mentor"),
        "other_official": NOT_FOUND,
        "other_mentor": NOT_FOUND,
    },
    "bimtek_document_download": only(OK, "staff", "official", "mentor", others=NOT_FOUND),
}


def selected_candidate(world):
    return CandidateFactory(cohort=world.cohort, region=world.region, status="selected")


def assign(world, candidate, mentor=None):
    return MentorAssignment.objects.create(
        candidate=candidate, mentor=mentor or world.mentor, assigned_by=world.staff
    )


def record_stage(world, candidate, stage, **data):
    """Record `stage` (as staff, on a fixed date in Solo) with whatever `data` overrides."""
    values = {"date": datetime.date(2018, 6, stage), "place": "Solo", "attendance": 20}
    if stage == 4:
        values.update(commitment_signed=True, final_quick_wins="Satu\nDua\nTiga")
    values.update(data)
    return bimtek_record(candidate=candidate, stage=stage, data=values, mentors=[], by=world.staff)


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "bodies":
        return {}
    if name == "bodies_for_region":
        return {"region_code": world.region.code}
    if name == "body_decree_download":
        body_save(
            region=world.region,
            kind="dewan",
            decree_number="050/123/2018",
            decree_date=datetime.date(2018, 7, 2),
            upload=SimpleUploadedFile("sk.pdf", make_pdf()),
            by=world.official,
        )
        return {"region_code": world.region.code, "kind": "dewan"}
    if name == "bimtek_progress":
        selected_candidate(world)
        return {"year": world.cohort.year}
    candidate = selected_candidate(world)
    assign(world, candidate)
    if name == "bimtek_log":
        return {"candidate_id": candidate.pk}
    session = record_stage(world, candidate, 1)
    document = bimtek_document_add(
        session=session, upload=SimpleUploadedFile("hadir.pdf", make_pdf()), by=world.staff
    )
    return {"document_id": document.pk}
