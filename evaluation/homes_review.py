"""What the evaluation asks of a regional official, for their home's task list."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.todo import SOON, URGENT, Task

from .models import Cycle, Indicator
from .models_review import SelfAssessment, SelfScore
from .review_access import cycles_of_official

# A self-assessment deadline this close makes finishing it urgent.
DEADLINE_URGENT_DAYS = 3


def self_assessment_tasks(user) -> list[Task]:
    """A task per open cycle whose self-assessment the region has not submitted, with how far it
    is filled and the deadline: one query however many cycles."""
    mine = SelfAssessment.objects.filter(cycle=OuterRef("pk"), region_id=user.region_id)
    scored = (
        SelfScore.objects.filter(
            assessment__cycle=OuterRef("pk"),
            assessment__region_id=user.region_id,
            score__isnull=False,
        )
        .order_by()
        .values("assessment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cycles = (
        cycles_of_official(user)
        .filter(status=Cycle.Status.OPEN)
        .annotate(
            assessment_status=Subquery(mine.values("status")[:1]),
            scored=Coalesce(Subquery(scored, output_field=IntegerField()), 0),
            to_score=Count(
                "instrument__indicators",
                filter=Q(instrument__indicators__source=Indicator.Source.SELF_ASSESSMENT),
            ),
        )
    )
    tasks = []
    now = timezone.now()
    for cycle in cycles:
        if cycle.assessment_status == SelfAssessment.Status.SUBMITTED:
            continue
        deadline = cycle.stage1_deadline
        if deadline is not None and deadline <= now:
            continue
        soon = deadline is not None and deadline - now <= timedelta(days=DEADLINE_URGENT_DAYS)
        tasks.append(
            Task(
                title=_("Isi penilaian mandiri evaluasi smart city %(year)s")
                % {"year": cycle.year},
                url=reverse("self_assessment", args=[cycle.year]),
                action=_("Lanjutkan mengisi") if cycle.assessment_status else _("Mulai mengisi"),
                level=URGENT if soon else SOON,
                detail=_("%(n)s dari %(total)s indikator sudah dinilai.")
                % {"n": cycle.scored, "total": cycle.to_score},
                due=deadline,
            )
        )
    return tasks
