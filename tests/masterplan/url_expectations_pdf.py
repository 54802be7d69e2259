"""What each role gets from the plan-PDF URLs (a GET each).

Sukoharjo's plan is submitted (version 1) and its PDF rendered. Everyone who reads the plan
reads its PDF status and downloads the PDF; the other region and other mentors get 404 as for a
missing plan. Asking for a PDF is for staff and the region (POST: 405 for a GET), retrying a
failed one for staff.

The draft preview is of a plan being written (Sukoharjo's, in draft): the region, its mentor
and staff follow it; partners, who read only what is submitted, are refused by role.
"""

from masterplan.pdfjobs import pdf_job_request
from tests.masterplan.helpers import full_plan
from tests.masterplan.pdf_helpers import render_inline, submitted_plan, tiny_pdf
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, only

READERS = {
    **only(OK, "staff", "official", "mentor", "partner", others=NOT_FOUND),
    "assessor": FORBIDDEN,
    "evaluator": FORBIDDEN,
}

EXPECTATIONS = {
    "plan_pdf_status": READERS,
    "plan_pdf_download": READERS,
    # other_official passes the role check; the POST itself would answer 404 (see the views).
    "plan_pdf_request": only(NOT_ALLOWED, "staff", "official", "other_official"),
    "plan_pdf_retry": only(NOT_ALLOWED, "staff"),
    # POST only; other_official passes the role check, the POST would answer 404.
    "plan_pdf_emblem": only(NOT_ALLOWED, "staff", "official", "other_official"),
    "plan_pdf_preview_status": only(OK, "staff", "official", "mentor", others=FORBIDDEN)
    | {"other_official": NOT_FOUND, "other_mentor": NOT_FOUND},
    "plan_pdf_preview": only(
        NOT_ALLOWED, "staff", "official", "other_official", "mentor", "other_mentor"
    ),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name.startswith("plan_pdf_preview"):
        return {"pk": full_plan(world).pk}
    from masterplan import pdf

    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    original = pdf.render_version_pdf_pages
    pdf.render_version_pdf_pages = lambda version, *, approved, book="all": (tiny_pdf(), 1)
    try:
        render_inline(job)
    finally:
        pdf.render_version_pdf_pages = original
    if name in ("plan_pdf_status", "plan_pdf_request", "plan_pdf_emblem"):
        return {"pk": plan.pk}
    return {"pk": plan.pk, "job_pk": job.pk}
