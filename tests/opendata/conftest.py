"""Open data tests: a programme with one published plan (Kota Bandung's, approved, its quick
wins reporting) beside one that must never show (Kabupaten Sukoharjo's, under review)."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from evaluation.models import Cycle
from evaluation.services import cycle_publish
from masterplan.models import Plan, Programme
from masterplan.services.followup import quick_win_update_post
from masterplan.services.workflow import plan_submit
from tests.evaluation.helpers import scored_cycle
from tests.factories import RegionFactory
from tests.masterplan.helpers import full_plan
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win

SECRET = "RAHASIA-SKH"  # in every text of the plan under review
PRIVATE_NOTE = "Hubungi budi.santoso@example.go.id atau 0812-3456-7890"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached rows and throttle counts live in Redis: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Plans:
    published: Plan  # Kota Bandung's, approved
    under_review: Plan  # Kabupaten Sukoharjo's, submitted
    evaluated: Cycle  # 2019, published: Kota Bandung, Kabupaten Sukoharjo
    draft_evaluation: Cycle  # 2020, results recorded, never published


def report(plan, official, *, percent, status="on_track", note="Uji coba berjalan."):
    return quick_win_update_post(
        programme=first_quick_win(plan),
        by=official,
        percent=percent,
        status=status,
        note=note,
        evidence=None,
    )


@pytest.fixture
def plans(world) -> Plans:
    surakarta = RegionFactory(code="33.72", name="Kota Surakarta", city=True)  # never selected
    bandung = approved_plan(
        world, region=world.other_region, official=world.other_official, mentor=world.other_mentor
    )
    report(bandung, world.other_official, percent=40)
    report(bandung, world.other_official, percent=55, status="late", note=PRIVATE_NOTE)
    sukoharjo = full_plan(world)
    for programme in Programme.objects.filter(plan=sukoharjo):
        programme.name = f"{SECRET} {programme.name}"
        programme.description = f"{SECRET} deskripsi"
        programme.save()
    Plan.objects.filter(pk=sukoharjo.pk).update(
        title=f"Masterplan {SECRET}", vision=f"Visi {SECRET}"
    )
    sukoharjo.refresh_from_db()
    sukoharjo = plan_submit(plan=sukoharjo, by=world.official)
    assert sukoharjo.status == Plan.Status.SUBMITTED
    return Plans(
        published=bandung, under_review=sukoharjo, **evaluations(world, surakarta=surakarta)
    )


def evaluations(world, *, surakarta) -> dict:
    """The 2019 evaluation, published (Kota Bandung first); 2020's, scored but a draft, with a
    region (Kota Surakarta) that appears in no published cycle."""
    evaluated = scored_cycle(
        2019, {world.other_region: (4, 4, 4, 4, 4), world.region: (3, 3.5, 2.25, 3, 2.5)}
    )
    cycle_publish(cycle=evaluated, by=world.staff)
    draft = scored_cycle(
        2020, {world.other_region: (5, 5, 5, 5, 5), surakarta: (4.75, 4.75, 4.75, 4.75, 4.75)}
    )
    assert draft.status == Cycle.Status.DRAFT
    return {"evaluated": evaluated, "draft_evaluation": draft}
