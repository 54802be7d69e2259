"""What each role gets from the MoU URLs (see tests/urlmatrix.py), and the builders behind them.

Sukoharjo (the world's official's region) is a selected candidate of the world's cohort; for the
download its MoU is signed with a real PDF.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from partners.services.mou import mou_for_candidate, mou_sign
from tests.factories import CandidateFactory
from tests.urlmatrix import NOT_ALLOWED, NOT_FOUND, OK, only

EXPECTATIONS = {
    # The ministry's overview pages.
    "mou_index": only(OK, "staff"),
    "mou_progress": only(OK, "staff"),
    # A region's MoU: staff and its own officials; another region's official gets the answer
    # of a MoU that does not exist.
    "mou_detail": {**only(OK, "staff", "official"), "other_official": NOT_FOUND},
    # Recording is staff's alone, and only by POST.
    "mou_sign": only(NOT_ALLOWED, "staff"),
    "mou_withdraw": only(NOT_ALLOWED, "staff"),
    # The signed document: not role-gated, everyone but staff and the region's own officials is
    # told it does not exist (mentors included: the document is the region's and the ministry's).
    "mou_download": only(OK, "staff", "official", others=NOT_FOUND),
}


def make_pdf(change=None) -> bytes:
    """A one-page blank PDF; `change(writer)` adds whatever the test is about."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def selected_candidate(world):
    return CandidateFactory(cohort=world.cohort, region=world.region, status="selected")


def signed_mou(world, candidate=None, content=None):
    """Sukoharjo's MoU, signed by staff on 8 May 2018 in Jakarta with a real PDF."""
    candidate = candidate or selected_candidate(world)
    return mou_sign(
        mou=mou_for_candidate(candidate=candidate),
        signing_date=datetime.date(2018, 5, 8),
        venue="Jakarta",
        head_name="Wardoyo Wijaya",
        head_title="bupati",
        upload=SimpleUploadedFile("mou-sukoharjo.pdf", content or make_pdf()),
        by=world.staff,
    )


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "mou_index":
        return {}
    if name == "mou_progress":
        selected_candidate(world)
        return {"year": world.cohort.year}
    if name == "mou_download":
        return {"candidate_id": signed_mou(world).candidate_id}
    return {"candidate_id": selected_candidate(world).pk}
