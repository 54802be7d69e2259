"""Builders for results and selection tests: panels, sheets and scores written straight with the
ORM (not through the panel and scoring services), so these tests depend only on the models."""

from decimal import Decimal

from django.utils import timezone

from assessment.models import Criterion, PanelMember, Rubric, Score, ScoreSheet
from assessment.services.rubric import rubric_for_cohort
from candidates.models import Candidate
from tests.factories import CandidateFactory, RegionFactory, UserFactory


def small_rubric(cohort, *weights, margin=15.0) -> list[Criterion]:
    """A rubric of len(weights) criteria C1, C2… for the cohort, instead of the default 12."""
    rubric = Rubric.objects.create(cohort=cohort, disagreement_margin=margin)
    return [
        Criterion.objects.create(
            rubric=rubric,
            section="struktur",
            code=f"C{i}",
            title=f"Kriteria {i}",
            weight=Decimal(str(w)),
            level_1="1",
            level_2="2",
            level_3="3",
            level_4="4",
            level_5="5",
            order=i,
        )
        for i, w in enumerate(weights, start=1)
    ]


def criteria_of(cohort) -> list[Criterion]:
    return list(rubric_for_cohort(cohort=cohort).criteria.order_by("order", "code"))


def assessor(username, first_name="", last_name="", **kwargs):
    return UserFactory(
        username=username, assessor=True, first_name=first_name, last_name=last_name, **kwargs
    )


def candidate(cohort, code, name=None, **kwargs) -> Candidate:
    """A kab/kota with that code invited to the cohort."""
    region = RegionFactory(code=code, **({"name": name} if name else {}))
    return CandidateFactory(cohort=cohort, region=region, **kwargs)


def seat(candidate, assessor, *, by) -> PanelMember:
    return PanelMember.objects.create(candidate=candidate, assessor=assessor, assigned_by=by)


def sheet(candidate, assessor, values, *, by, submitted=True, criteria=None) -> ScoreSheet:
    """Seat `assessor` (if not yet) and score the first len(values) criteria of the rubric.

    Fewer values than criteria makes an incomplete sheet; `submitted=False` a draft.
    """
    criteria = criteria if criteria is not None else criteria_of(candidate.cohort)
    member = PanelMember.objects.filter(candidate=candidate, assessor=assessor).first() or seat(
        candidate, assessor, by=by
    )
    score_sheet = ScoreSheet.objects.create(
        seat=member,
        status=ScoreSheet.Status.SUBMITTED if submitted else ScoreSheet.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    Score.objects.bulk_create(
        Score(sheet=score_sheet, criterion=c, value=v)
        for c, v in zip(criteria, values, strict=False)
    )
    return score_sheet


def scored_cohort(cohort, *, candidates: int, assessors: int, by, first_code=51):
    """`candidates` regions, each scored by the same `assessors` on every criterion (submitted).

    Values vary by candidate and assessor so ranks, spreads and normalisation have work to do.
    """
    criteria = criteria_of(cohort)
    people = [
        assessor(f"asr-{cohort.year}-{i}", first_name="Asesor", last_name=f"Nomor {i}")
        for i in range(assessors)
    ]
    made = []
    for n in range(candidates):
        code = f"{first_code + n // 60}.{1 + n % 60:02d}"
        c = candidate(cohort, code, name=f"Kabupaten Uji {cohort.year}-{n}")
        for i, person in enumerate(people):
            values = [1 + (n * 7 + i * 3 + k) % 5 for k in range(len(criteria))]
            sheet(c, person, values, by=by, criteria=criteria)
        made.append(c)
    return made, people


def small_cohort(world, *, quota=None):
    """The hand-computed cohort of tests/assessment/test_results.py, in the world's cohort.

    Rubric C1 (weight 2), C2 (1), C3 (1); X = Sukoharjo, Y = Bandung, Z = Kabupaten Pacitan, each
    scored by Ani and Budi: means 75, 62.5, 31.25 (ranks 1, 2, 3). `quota` sets the cohort's
    `quota_selected`.
    """
    cohort = world.cohort
    if quota is not None:
        cohort.quota_selected = quota
        cohort.save()
    small_rubric(cohort, 2, 1, 1)
    x = candidate(cohort, world.region.code)
    y = candidate(cohort, world.other_region.code)
    z = candidate(cohort, "35.01", "Kabupaten Pacitan")
    ani = assessor("ani", "Ani", "Lestari")
    budi = assessor("budi", "Budi", "Santoso")
    values = {ani: [(5, 3, 3), (3, 3, 3), (2, 1, 1)], budi: [(4, 4, 4), (5, 5, 1), (3, 3, 3)]}
    for who, sheets in values.items():
        for c, v in zip((x, y, z), sheets, strict=True):
            sheet(c, who, v, by=world.staff)
    return cohort, (x, y, z), (ani, budi)
