"""The Dirjen's selection decision: who of a cohort's assessed regions joins the programme."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from candidates.models import Candidate, Cohort
from candidates.services.candidacy import candidates_move

from ..models import Selection, SelectionDeviation
from .results import cohort_results

# Statuses a candidate may leave through the selection; anything else was decided before.
UNDECIDED = (Candidate.Status.INVITED, Candidate.Status.ASSESSED)


class SelectionError(Exception):
    """A selection that cannot be made as asked; the message says why, for the staff member.

    `missing_reasons` lists the candidate ids whose deviation from the ranking has no reason,
    so a form can mark each of them.
    """

    def __init__(self, message: str, *, missing_reasons: Iterable[int] = ()):
        super().__init__(message)
        self.missing_reasons = list(missing_reasons)


@dataclass(frozen=True, slots=True)
class Deviation:
    """A departure from the raw ranking that needs a written reason."""

    candidate_id: int
    kind: str  # SelectionDeviation.Kind
    rank: int


def selection_deviations(
    *, ranked_ids: list[int], selected_ids: Iterable[int], quota: int
) -> list[Deviation]:
    """Every departure from the ranking, in rank order.

    The quota line is drawn on the raw rank (the panel mean, as published): selecting someone
    below it, or passing over someone above it, is a deviation. Selecting fewer than the quota
    therefore needs a reason for each place left empty.
    """
    selected = set(selected_ids)
    deviations = []
    for rank, candidate_id in enumerate(ranked_ids, start=1):
        if rank <= quota and candidate_id not in selected:
            deviations.append(Deviation(candidate_id, SelectionDeviation.Kind.PASSED_OVER, rank))
        elif rank > quota and candidate_id in selected:
            deviations.append(Deviation(candidate_id, SelectionDeviation.Kind.SELECTED_BELOW, rank))
    return deviations


@transaction.atomic
def selection_make(
    *,
    cohort: Cohort,
    selected_ids: set[int],
    letter_number: str,
    letter_date: datetime.date,
    reasons: Mapping[int, str],
    by,
    proposal: Mapping | None = None,
) -> Selection:
    """Record the Dirjen's decision for a cohort and tell every candidate region.

    The decision is made once: the cohort row is locked and `Selection.cohort` is one-to-one,
    so two racing confirmations end with one winner. Only candidates with a complete panel (at
    least two assessors, every sheet submitted) can be selected, at most the cohort's
    `quota_selected`; every deviation from the raw ranking needs a
    written reason (all missing ones are reported together). The ranking at this moment is kept
    as a snapshot, because later score corrections must not rewrite history. Selected candidates
    become `selected`, every other undecided one `not_selected`, each with a history row. The
    regions' officials are e-mailed through Celery once the transaction commits.

    `proposal`, when staff started from the balanced proposal (`services.proposal`), is kept
    with the decision: the equity rules and the proposed candidates it came from.
    """
    from ..tasks import send_selection_letters

    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if Selection.objects.filter(cohort=cohort).exists():
        raise SelectionError(_("Penetapan angkatan ini sudah dibuat dan tidak dapat diulang."))
    letter_number = (letter_number or "").strip()
    if not letter_number:
        raise SelectionError(_("Nomor surat Dirjen wajib diisi."))
    if letter_date is None:
        raise SelectionError(_("Tanggal surat wajib diisi."))

    rows = cohort_results(cohort=cohort, normalise=False)
    ranked = [row for row in rows if row.rank is not None]
    ranked_ids = [row.candidate.pk for row in ranked]
    by_id = {row.candidate.pk: row for row in rows}
    selected = {int(pk) for pk in selected_ids}
    if not selected:
        raise SelectionError(_("Pilih setidaknya satu daerah."))
    unscored = selected - set(ranked_ids)
    if unscored:
        names = sorted(by_id[pk].region.short_name for pk in unscored if pk in by_id)
        raise SelectionError(
            _("Hanya kandidat angkatan ini yang sudah memiliki nilai panel yang dapat dipilih")
            + (": " + ", ".join(names) if names else ".")
        )
    incomplete = sorted(
        by_id[pk].region.short_name for pk in selected if not by_id[pk].panel_complete
    )
    if incomplete:
        raise SelectionError(
            _(
                "Panel kandidat berikut belum lengkap (minimal dua asesor, semua lembar nilai "
                "diajukan), sehingga belum dapat dipilih: %(list)s."
            )
            % {"list": ", ".join(incomplete)}
        )
    if len(selected) > cohort.quota_selected:
        raise SelectionError(
            _("Kuota terpilih angkatan ini %(quota)s daerah; dipilih %(n)s.")
            % {"quota": cohort.quota_selected, "n": len(selected)}
        )

    reasons = {int(pk): (text or "").strip() for pk, text in reasons.items()}
    deviations = selection_deviations(
        ranked_ids=ranked_ids, selected_ids=selected, quota=cohort.quota_selected
    )
    missing = [d for d in deviations if not reasons.get(d.candidate_id)]
    if missing:
        raise SelectionError(
            _("Alasan wajib diisi untuk setiap penyimpangan dari peringkat: %(list)s.")
            % {"list": "; ".join(_describe(d, by_id[d.candidate_id]) for d in missing)},
            missing_reasons=[d.candidate_id for d in missing],
        )

    try:
        with transaction.atomic():
            selection = Selection.objects.create(
                cohort=cohort,
                letter_number=letter_number,
                letter_date=letter_date,
                decided_by=by,
                ranking=ranked_ids,
                proposal=dict(proposal) if proposal is not None else None,
            )
    except IntegrityError:
        raise SelectionError(
            _("Penetapan angkatan ini sudah dibuat dan tidak dapat diulang.")
        ) from None
    SelectionDeviation.objects.bulk_create(
        SelectionDeviation(
            selection=selection,
            candidate_id=d.candidate_id,
            kind=d.kind,
            rank=d.rank,
            reason=reasons[d.candidate_id],
        )
        for d in deviations
    )

    why = _("Penetapan %(letter)s") % {"letter": letter_number}
    undecided = Candidate.objects.filter(cohort=cohort, status__in=UNDECIDED)
    chosen = candidates_move(
        candidates=undecided.filter(pk__in=selected),
        to=Candidate.Status.SELECTED,
        by=by,
        reason=why,
    )
    if len(chosen) != len(selected):
        raise SelectionError(_("Status kandidat berubah sementara itu; muat ulang dan coba lagi."))
    candidates_move(
        candidates=undecided.exclude(pk__in=selected),
        to=Candidate.Status.NOT_SELECTED,
        by=by,
        reason=why,
    )

    cohort._history_user = by
    cohort.selection_date = letter_date
    if cohort.status in (
        Cohort.Status.PLANNING,
        Cohort.Status.SCREENING,
        Cohort.Status.ASSESSMENT,
    ):
        cohort.status = Cohort.Status.SELECTION
    cohort.save(update_fields=["selection_date", "status"])

    transaction.on_commit(lambda: send_selection_letters.delay(selection.pk))
    return selection


def _describe(deviation: Deviation, row) -> str:
    if deviation.kind == SelectionDeviation.Kind.PASSED_OVER:
        what = _("peringkat %(rank)s, tidak dipilih")
    else:
        what = _("peringkat %(rank)s, dipilih di luar kuota")
    return f"{row.region.short_name} ({what % {'rank': deviation.rank}})"
