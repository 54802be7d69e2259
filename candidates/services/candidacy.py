"""A candidate's life: the only place its status is written.

Screening invites (`candidates_invite`), assessment moves candidates between invited and
assessed and the selection decides them (`candidate_move`, `candidates_move`), and a signed MoU
makes a participant. Every move is checked against `Candidate.MOVES`, made with a conditional
UPDATE on the status it was read with (so of two racing moves exactly one wins) and recorded as
a history row (django-simple-history: who, when, the new status, why).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Candidate, Cohort

# django-simple-history's change reason column.
REASON_MAX = 100


class CandidateMoveError(Exception):
    """A move the transition table refuses, or one lost to a concurrent change."""


def _refused(old: str, to: str) -> CandidateMoveError:
    return CandidateMoveError(
        _("Kandidat berstatus “%(old)s” tidak dapat dipindah ke “%(to)s”.")
        % {"old": Candidate.Status(old).label, "to": Candidate.Status(to).label}
    )


def _record(candidates: list[Candidate], *, by, reason: str) -> None:
    Candidate.history.bulk_history_create(
        candidates, update=True, default_user=by, default_change_reason=reason[:REASON_MAX]
    )


def candidates_invite(*, cohort: Cohort, region_ids) -> list[Candidate]:
    """The cohort's candidacies of these regions, created as invited where missing; a region
    that is already a candidate of the cohort keeps its candidacy and status as they are."""
    existing = set(
        Candidate.objects.filter(cohort=cohort, region_id__in=region_ids).values_list(
            "region_id", flat=True
        )
    )
    Candidate.objects.bulk_create(
        Candidate(cohort=cohort, region_id=region_id, status=Candidate.Status.INVITED)
        for region_id in region_ids
        if region_id not in existing
    )
    return list(Candidate.objects.filter(cohort=cohort, region_id__in=region_ids))


@transaction.atomic
def candidate_move(*, candidate: Candidate, to: str, by, reason: str = "") -> Candidate:
    """Move `candidate` from the status it was read with to `to`, with a history row.

    Raises CandidateMoveError when `Candidate.MOVES` does not allow the move or when the
    candidate's status changed meanwhile (the racing second click).
    """
    old = candidate.status
    if to not in Candidate.MOVES.get(old, ()):
        raise _refused(old, to)
    moved = Candidate.objects.filter(pk=candidate.pk, status=old).update(
        status=to, updated_at=timezone.now()
    )
    if not moved:
        raise CandidateMoveError(
            _("Status kandidat berubah sementara itu; muat ulang dan coba lagi.")
        )
    candidate.refresh_from_db()
    _record([candidate], by=by, reason=reason)
    return candidate


@transaction.atomic
def candidates_move(*, candidates, to: str, by, reason: str = "") -> list[Candidate]:
    """Move every candidate of the queryset `candidates` to `to`, one history row each.

    All or none: the rows are locked (in primary-key order, so two moves cannot deadlock) and
    one candidate whose status may not go to `to` refuses the whole move (CandidateMoveError).
    Returns the moved candidates.
    """
    rows = list(
        candidates.order_by("pk").select_for_update(of=("self",)).values_list("pk", "status")
    )
    for _pk, old in rows:
        if to not in Candidate.MOVES.get(old, ()):
            raise _refused(old, to)
    ids = [pk for pk, _old in rows]
    sources = {old for _pk, old in rows}
    moved = Candidate.objects.filter(pk__in=ids, status__in=sources).update(
        status=to, updated_at=timezone.now()
    )
    if moved != len(ids):  # cannot happen while the rows are locked; never write half a move
        raise CandidateMoveError(
            _("Status kandidat berubah sementara itu; muat ulang dan coba lagi.")
        )
    candidates = list(Candidate.objects.filter(pk__in=ids).order_by("pk"))
    _record(candidates, by=by, reason=reason)
    return candidates
