"""What each role gets from the quick-win follow-up URLs.

Sukoharjo's plan (the world's official's region, `world.mentor` assigned) is approved by the
ministry; its first quick win has an update with a PDF as evidence.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from masterplan.models import Plan, QuickWinUpdate
from masterplan.services.followup import quick_win_update_post
from masterplan.services.workflow import plan_move, plan_submit
from tests.masterplan.helpers import approve, full_plan
from tests.partners.url_expectations_mou import make_pdf
from tests.urlmatrix import NOT_FOUND, OK, only

EXPECTATIONS = {
    # The ministry's table of every quick win across regions.
    "quick_win_table": only(OK, "staff"),
    # A quick win's history (and the form, for the region): its region's officials, its
    # assigned mentor and staff; the other region and other mentors are told it does not exist.
    "quick_win_progress": {
        **only(OK, "staff", "official", "mentor"),
        "other_official": NOT_FOUND,
        "other_mentor": NOT_FOUND,
    },
    # Evidence: the same people; partners are refused by role, never served a file.
    "quick_win_evidence": {
        **only(OK, "staff", "official", "mentor"),
        "other_official": NOT_FOUND,
        "other_mentor": NOT_FOUND,
    },
}


def approved_plan(world, *, official=None, mentor=None, **kwargs) -> Plan:
    """`full_plan(world, mentor=mentor, **kwargs)` submitted by the region's `official`,
    endorsed by its mentor and approved by staff (defaults: the world's region and people)."""
    plan = full_plan(world, mentor=mentor, **kwargs)
    plan = plan_submit(plan=plan, by=official or world.official)
    plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=mentor or world.mentor)
    plan = approve(plan, world.staff)
    return Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)


def first_quick_win(plan):
    return plan.programmes.filter(is_quick_win=True).select_related("plan__candidate").first()


def post_update(world, programme, percent=40, status="on_track", evidence=None, **kw):
    return quick_win_update_post(
        programme=programme,
        by=world.official,
        percent=percent,
        status=status,
        note=kw.get("note", "Uji coba layanan berjalan."),
        evidence=evidence,
    )


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "quick_win_table":
        return {}
    plan = approved_plan(world)
    programme = first_quick_win(plan)
    if name == "quick_win_progress":
        return {"pk": plan.pk, "prog_pk": programme.pk}
    update: QuickWinUpdate = post_update(
        world, programme, evidence=SimpleUploadedFile("bukti.pdf", make_pdf())
    )
    return {"update_pk": update.pk}
