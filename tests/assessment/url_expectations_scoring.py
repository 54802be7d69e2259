"""What each role gets from the scoring URLs (see tests/urlmatrix.py), and the small builders
the scoring and panel tests share: a candidate, a seat, a scored sheet."""

from assessment.services.panels import panel_seat_add
from assessment.services.rubric import rubric_for_cohort
from assessment.services.scoring import sheet_for_seat, sheet_save, sheet_submit
from candidates.models import Candidate
from tests.factories import UserFactory
from tests.urlmatrix import NOT_ALLOWED, OK, only

EXPECTATIONS = {
    # The assessor's own seat; every other role is refused before any lookup.
    "scoring_sheet": only(OK, "assessor"),
    "scoring_conflict": only(NOT_ALLOWED, "assessor"),
    # Staff: the page that says what reopening changes, before its button does it.
    "sheet_reopen": only(OK, "staff"),
}


def candidate_of(world, region=None) -> Candidate:
    """The world's region (Kabupaten Sukoharjo) invited to the world's cohort (made once)."""
    candidate, _ = Candidate.objects.get_or_create(
        cohort=world.cohort, region=region or world.region
    )
    return candidate


def seat_for(world, candidate=None, assessor=None, **kwargs):
    """`assessor` (default: the world's) seated by staff on `candidate` (default: Sukoharjo)."""
    return panel_seat_add(
        candidate=candidate or candidate_of(world),
        assessor=assessor or world.assessor,
        by=world.staff,
        **kwargs,
    )


def another_assessor(username="asesor-b", **kwargs):
    return UserFactory(username=username, assessor=True, **kwargs)


def score_all(seat, value=4, *, submit=False, comment=""):
    """Score every criterion of the cohort's rubric on the seat's sheet."""
    rubric = rubric_for_cohort(cohort=seat.candidate.cohort)
    sheet = sheet_for_seat(seat=seat)
    values = {c.pk: (value, comment) for c in rubric.criteria.all()}
    sheet_save(sheet=sheet, values=values, by=seat.assessor)
    if submit:
        sheet_submit(sheet=sheet, by=seat.assessor)
    sheet.refresh_from_db()
    return sheet


def url_kwargs(name, world):
    """The world's assessor seated on Sukoharjo; for `sheet_reopen`, their submitted sheet."""
    if name not in EXPECTATIONS:
        return None
    seat = seat_for(world)
    if name == "sheet_reopen":
        return {"sheet_id": score_all(seat, submit=True).pk}
    return {"candidate_id": seat.candidate_id}
