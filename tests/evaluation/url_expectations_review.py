"""What each role gets from the self-assessment, panel and survey URLs (see tests/urlmatrix.py),
and the builders the view tests share: an open cycle with Sukoharjo's self-assessment submitted
(one answer with a stored PDF) and a panel of the world's evaluator and a second one."""

from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.models import Cycle
from evaluation.panels import panel_create, panel_seat_add
from evaluation.review_access import own_self_assessment
from evaluation.self_assessment import self_assessment_submit, self_score_save
from tests.evaluation.builders_review import SELF_CODES, evaluator, indicators, open_cycle
from tests.smartcity.test_uploads import make_pdf
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, only

EXPECTATIONS = {
    # The official's own region's self-assessment: both world regions take part in the cycle.
    "self_assessment": only(OK, "official", "other_official"),
    # Writes are POST-only and for officials.
    "self_score_save": only(NOT_ALLOWED, "official", "other_official"),
    "self_assessment_submit": only(NOT_ALLOWED, "official", "other_official"),
    "self_assessment_prefill": only(NOT_ALLOWED, "official", "other_official"),
    # Sukoharjo's, read by staff and the evaluator on its panel; its official is sent to their
    # own page, another region's official finds nothing.
    "self_assessment_region": {
        **only(OK, "staff", "evaluator"),
        "official": REDIRECT,
        "other_official": NOT_FOUND,
    },
    # Any signed-in user may ask; whoever may not read the self-assessment gets 404.
    "self_evidence_download": only(OK, "staff", "official", "evaluator", others=NOT_FOUND),
    "evaluator_home": only(OK, "evaluator"),
    # The evaluator's own panel; staff read every panel.
    "evaluation_panel": only(OK, "staff", "evaluator"),
    "evaluation_panel_reconcile": only(NOT_ALLOWED, "staff", "evaluator"),
    "evaluation_panel_submit": only(NOT_ALLOWED, "staff", "evaluator"),
    "evaluation_verification": only(OK, "staff"),
    "evaluation_survey_upload": only(OK, "staff"),
}
assert FORBIDDEN  # the default of `only` for other signed-in roles


def submitted_self_assessment(world, cycle, *, score=3, with_file=False):
    """Sukoharjo's self-assessment with every indicator scored and evidenced, submitted."""
    assessment = own_self_assessment(world.official, cycle.year)
    found = indicators(cycle)
    for code in SELF_CODES:
        self_score_save(
            assessment=assessment,
            indicator=found[code],
            score=score,
            evidence_url="https://sukoharjokab.go.id/bukti",
            upload=SimpleUploadedFile("bukti.pdf", make_pdf()) if with_file else None,
            by=world.official,
        )
    return self_assessment_submit(assessment=assessment, by=world.official)


def verification_world(world, *, with_file=False):
    """The open cycle, Sukoharjo's submitted self-assessment, then the cycle in verification
    with Sukoharjo's panel of the world's evaluator and `evaluator-b`."""
    cycle = open_cycle(world)
    assessment = submitted_self_assessment(world, cycle, with_file=with_file)
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.VERIFICATION)
    cycle.refresh_from_db()
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    panel_seat_add(panel=panel, evaluator=world.evaluator, by=world.staff)
    panel_seat_add(panel=panel, evaluator=evaluator("evaluator-b"), by=world.staff)
    return cycle, assessment, panel


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name in {"self_assessment", "self_assessment_submit", "self_assessment_prefill"}:
        return {"year": open_cycle(world).year}
    if name == "self_score_save":
        cycle = open_cycle(world)
        return {"year": cycle.year, "indicator_id": indicators(cycle)["BAS-1"].pk}
    if name == "evaluator_home":
        verification_world(world)
        return {}
    cycle, assessment, panel = verification_world(world, with_file=name == "self_evidence_download")
    if name == "self_assessment_region":
        return {"year": cycle.year, "region_code": world.region.code}
    if name == "self_evidence_download":
        return {"pk": assessment.scores.exclude(evidence_file="").first().pk}
    if name in {"evaluation_panel", "evaluation_panel_submit"}:
        return {"pk": panel.pk}
    if name == "evaluation_panel_reconcile":
        return {"pk": panel.pk, "indicator_id": indicators(cycle)["BAS-1"].pk}
    if name == "evaluation_verification":
        return {"year": cycle.year}
    return {"year": cycle.year, "region_code": world.region.code}
