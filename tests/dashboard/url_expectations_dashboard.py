"""What each role gets from the national dashboard's URLs (see tests/urlmatrix.py): the
ministry's alone; everyone else is refused (403), anonymous users sent to sign in."""

from datetime import timedelta

from tests.urlmatrix import NOT_ALLOWED, OK, only

EXPECTATIONS = {
    "dashboard_pemerataan": only(OK, "staff"),
    "dashboard_money": only(OK, "staff"),
    "dashboard_table": only(OK, "staff"),
    "dashboard_stage": only(OK, "staff"),
    "dashboard_stage_export": only(OK, "staff"),
    "dashboard_quick_wins": only(OK, "staff"),
    "dashboard_quick_wins_export": only(OK, "staff"),
    "dashboard_briefing_create": only(NOT_ALLOWED, "staff"),
    "dashboard_briefing": only(OK, "staff"),
    "dashboard_briefing_retry": only(NOT_ALLOWED, "staff"),
    "dashboard_briefing_download": only(OK, "staff"),
}


def _done_briefing(world) -> int:
    """A finished briefing with a (tiny) stored file, as a worker leaves it."""
    from dashboard.models import BriefingJob
    from smartcity import jobs
    from tests.masterplan.pdf_helpers import tiny_pdf

    job = BriefingJob.objects.create(requested_by=world.staff, cohort_year=world.cohort.year)
    assert jobs.claim(
        BriefingJob, job.pk, "test:1", stale_after=timedelta(minutes=5), max_attempts=3
    )
    job.refresh_from_db()
    assert jobs.finish(job, content=tiny_pdf(), pages=1, seconds=0.1, folder="dashboard/briefing")
    return job.pk


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name.startswith("dashboard_briefing") and name != "dashboard_briefing_create":
        return {"pk": _done_briefing(world)}
    return {
        "dashboard_pemerataan": {},
        "dashboard_money": {},
        "dashboard_table": {"key": "tahapan", "fmt": "csv"},
        "dashboard_stage": {"stage": "terpilih"},
        "dashboard_stage_export": {"stage": "terpilih", "fmt": "xlsx"},
        "dashboard_quick_wins": {"state": "tertinggal"},
        "dashboard_quick_wins_export": {"state": "tertinggal", "fmt": "csv"},
        "dashboard_briefing_create": {},
    }[name]
