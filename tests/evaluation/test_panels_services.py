"""Verification by evaluators (evaluation/panels.py): seating, sheets, flags, reconciliation and
the panel's result recorded as the region's part scores."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.models import ConflictDeclaration
from candidates.models import Candidate
from evaluation.models import Cycle, Result
from evaluation.models_review import Panel
from evaluation.panels import (
    PanelError,
    panel_create,
    panel_seat_add,
    panel_state,
    panel_submit,
    reconcile,
    seat_save,
    seat_submit,
)
from evaluation.review_access import own_self_assessment, panel_for_user
from evaluation.self_assessment import self_assessment_submit, self_score_save
from evaluation.survey import survey_import
from partners.models import MentorAssignment
from tests.evaluation.builders_review import (
    SELF_CODES,
    evaluator,
    indicators,
    open_cycle,
    survey_csv,
)

pytestmark = pytest.mark.django_db


def submitted_self_assessment(world, cycle, score=3):
    assessment = own_self_assessment(world.official, cycle.year)
    found = indicators(cycle)
    for code in SELF_CODES:
        self_score_save(
            assessment=assessment,
            indicator=found[code],
            score=score,
            evidence_url="https://example.go.id/bukti",
            by=world.official,
        )
    return self_assessment_submit(assessment=assessment, by=world.official)


def seated_panel(world, cycle):
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    first = panel_seat_add(panel=panel, evaluator=world.evaluator, by=world.staff)
    second = panel_seat_add(panel=panel, evaluator=evaluator("evaluator-b"), by=world.staff)
    return panel, first, second


def score(seat, values: dict[str, int], *, submit=True):
    found = indicators(seat.panel.cycle)
    seat_save(
        seat=seat, values={found[c].pk: (v, "") for c, v in values.items()}, by=seat.evaluator
    )
    if submit:
        seat_submit(seat=seat, by=seat.evaluator)


def test_a_mentor_of_the_region_is_never_seated(world):
    cycle = open_cycle(world)
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    candidate = Candidate.objects.create(cohort=world.cohort, region=world.region)
    MentorAssignment.objects.create(
        candidate=candidate, mentor=world.mentor, assigned_by=world.staff
    )
    # The same person's evaluator account (same e-mail) is refused too.
    twin = evaluator("evaluator-twin", email=world.mentor.email)
    with pytest.raises(PanelError, match="mentor"):
        panel_seat_add(panel=panel, evaluator=twin, by=world.staff)


def test_an_evaluator_the_conflict_register_excludes_is_never_seated(world):
    cycle = open_cycle(world)
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    ConflictDeclaration.objects.create(
        person=world.evaluator, region=world.region, reason="Kerabat", declared_by=world.staff
    )
    with pytest.raises(PanelError, match="Kerabat"):
        panel_seat_add(panel=panel, evaluator=world.evaluator, by=world.staff)
    home = evaluator("evaluator-home", home_region=world.region)
    with pytest.raises(PanelError, match="Daerah asal"):
        panel_seat_add(panel=panel, evaluator=home, by=world.staff)


def test_only_evaluators_sit_on_panels(world):
    cycle = open_cycle(world)
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    with pytest.raises(PanelError, match="bukan evaluator"):
        panel_seat_add(panel=panel, evaluator=world.assessor, by=world.staff)


def test_an_evaluator_sees_only_their_own_panels(world):
    cycle = open_cycle(world)
    panel, *_seats = seated_panel(world, cycle)
    other = panel_create(cycle=cycle, region=world.other_region, by=world.staff)
    assert panel_for_user(world.evaluator, panel.pk) == panel
    from django.http import Http404

    with pytest.raises(Http404):
        panel_for_user(world.evaluator, other.pk)
    with pytest.raises(Http404):
        panel_for_user(world.official, panel.pk)


def test_a_difference_of_more_than_one_point_is_flagged(world):
    cycle = open_cycle(world, status=Cycle.Status.VERIFICATION)
    panel, first, second = seated_panel(world, cycle)
    base = dict.fromkeys(SELF_CODES, 3)
    score(first, base)
    score(second, base | {"OUT-1": 5, "OTC-1": 4})
    state = panel_state(panel)
    flagged = {r.indicator.code: r.flags for r in state.flagged}
    assert flagged == {"OUT-1": ["evaluators"]}  # 3 vs 4 is within one point


def test_a_score_far_from_the_regions_own_is_flagged(world):
    cycle = open_cycle(world)
    submitted_self_assessment(world, cycle, score=5)
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.VERIFICATION)
    panel, first, second = seated_panel(world, cycle)
    score(first, dict.fromkeys(SELF_CODES, 4) | {"BAS-1": 3})
    score(second, dict.fromkeys(SELF_CODES, 4))
    assert [r.indicator.code for r in panel_state(panel).flagged] == ["BAS-1"]


def test_the_panel_waits_for_reconciliation_then_records_the_part_scores(world):
    cycle = open_cycle(world)
    submitted_self_assessment(world, cycle, score=3)
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.VERIFICATION)
    cycle.refresh_from_db()
    panel, first, second = seated_panel(world, cycle)
    score(first, dict.fromkeys(SELF_CODES, 3) | {"OUT-2": 4})
    score(second, dict.fromkeys(SELF_CODES, 4) | {"OUT-1": 1})
    survey_import(
        cycle=cycle,
        region=world.region,
        upload=SimpleUploadedFile("survei.csv", survey_csv([4, 5, 3, 4])),
        by=world.staff,
    )
    with pytest.raises(PanelError, match="OUT-1 perlu nilai rekonsiliasi"):
        panel_submit(panel=panel, by=world.evaluator)
    with pytest.raises(PanelError, match="alasan"):
        reconcile(
            panel=panel,
            indicator=indicators(cycle)["OUT-1"],
            score=2,
            reason=" ",
            by=world.evaluator,
        )
    reconcile(
        panel=panel,
        indicator=indicators(cycle)["OUT-1"],
        score=2,
        reason="Aplikasi baru dipakai satu OPD.",
        by=world.evaluator,
    )
    result = panel_submit(panel=panel, by=world.evaluator)
    # Finals: BAS 3.5, OUT-1 2 (reconciled), OUT-2 4, OTC 3.5, IMP-1 3.5, IMP-S1 4 (survey), QW 3.5
    assert result.parts == {
        "baseline": Decimal("3.500000"),
        "output": Decimal("3.000000"),
        "outcome": Decimal("3.500000"),
        "impact": Decimal("3.750000"),
        "quick_win": Decimal("3.500000"),
    }
    assert result.governance == Decimal("2.750000")  # BAS 3.5 and OUT-1 2
    # 0.1×3.5 + 0.2×3 + 0.3×3.5 + 0.2×3.75 + 0.2×3.5 = 3.45
    assert result.index == Decimal("3.450000")
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SUBMITTED
    assert panel.outcome["indicators"]["OUT-1"] == "2.000000"
    with pytest.raises(PanelError, match="dibekukan"):
        reconcile(
            panel=panel, indicator=indicators(cycle)["OUT-1"], score=3, reason="x", by=world.staff
        )


def test_a_panel_of_one_cannot_submit(world):
    cycle = open_cycle(world, status=Cycle.Status.VERIFICATION)
    panel = panel_create(cycle=cycle, region=world.region, by=world.staff)
    seat = panel_seat_add(panel=panel, evaluator=world.evaluator, by=world.staff)
    score(seat, dict.fromkeys(SELF_CODES, 3))
    with pytest.raises(PanelError, match="sedikitnya 2 evaluator"):
        panel_submit(panel=panel, by=world.staff)
    assert not Result.objects.exists()


def test_a_sheet_with_an_unscored_indicator_cannot_be_submitted(world):
    cycle = open_cycle(world, status=Cycle.Status.VERIFICATION)
    _panel, first, _second = seated_panel(world, cycle)
    score(first, {"BAS-1": 3}, submit=False)
    with pytest.raises(PanelError, match="Belum dinilai: OUT-1"):
        seat_submit(seat=first, by=world.evaluator)


def test_an_evaluator_cannot_fill_another_evaluators_sheet(world):
    cycle = open_cycle(world, status=Cycle.Status.VERIFICATION)
    _panel, _first, second = seated_panel(world, cycle)
    with pytest.raises(PanelError):
        seat_save(seat=second, values={}, by=world.evaluator)


def test_a_cycle_without_an_instrument_has_no_panels(world):
    cycle = open_cycle(world)
    Cycle.objects.filter(pk=cycle.pk).update(instrument=None)
    cycle.refresh_from_db()
    with pytest.raises(PanelError, match="tidak punya instrumen"):
        panel_create(cycle=cycle, region=world.region, by=world.staff)


def test_the_regions_report_shows_what_each_evaluator_gave_without_naming_them(client, world):
    from django.urls import reverse

    from evaluation.services import cycle_move, cycle_publish

    cycle = open_cycle(world)
    submitted_self_assessment(world, cycle, score=3)
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.VERIFICATION)
    cycle.refresh_from_db()
    panel, first, second = seated_panel(world, cycle)
    score(first, dict.fromkeys(SELF_CODES, 3))
    score(second, dict.fromkeys(SELF_CODES, 4) | {"OUT-1": 1})
    survey_import(
        cycle=cycle,
        region=world.region,
        upload=SimpleUploadedFile("survei.csv", survey_csv([4, 5, 3, 4])),
        by=world.staff,
    )
    reconcile(
        panel=panel,
        indicator=indicators(cycle)["OUT-1"],
        score=2,
        reason="Aplikasi baru dipakai satu OPD.",
        by=world.evaluator,
    )
    panel_submit(panel=panel, by=world.evaluator)
    cycle.refresh_from_db()
    if cycle.status != Cycle.Status.VERIFICATION:
        cycle_move(cycle=cycle, to=Cycle.Status.VERIFICATION, by=world.staff)
    cycle_publish(cycle=cycle, by=world.staff)

    client.force_login(world.official)
    page = client.get(reverse("evaluation:report", args=[cycle.year, world.region.code])).text
    section = page[page.index('id="report-verification"') :]
    assert "Evaluator 1" in section and "Evaluator 2" in section
    assert "Evaluator 3" not in section
    for person in (world.evaluator, second.evaluator):
        assert person.display_name not in page and person.username not in page
    assert "Aplikasi baru dipakai satu OPD." in section  # the reconciliation and its reason
    assert "survei pengguna layanan" in section
