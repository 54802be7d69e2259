"""Mentor teams of the mentoring stage (*pendampingan*): who mentors which selected region.

Two hard rules hold for every assignment, made by hand or from a suggestion:

* a mentor never holds more active assignments than their capacity (`MentorProfile.capacity`,
  3 without a profile), counted over *every* cohort: a mentor busy with last year's regions
  has less room this year;
* a mentor never mentors a region they are in conflict with: the conflict register
  (`assessment.conflicts`: home region or province, institution ties, declarations) plus the
  home province on their mentor profile. Staff may override a conflict only with a written
  reason, which is kept on the assignment.

Ending an assignment only stamps `ended_at`: the row and its history stay, so who mentored
whom, and why it ended, can always be answered.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.conflicts import conflict_map, conflicts_between
from candidates.models import Candidate, Cohort
from smartcity.access import user_has_role
from smartcity.models import Region, User

from ..matching import DIMENSIONS, MentorInfo, RegionNeed, Suggestion, suggest
from ..models import MentorAssignment, MentorProfile

DEFAULT_CAPACITY = MentorProfile._meta.get_field("capacity").default
# Only regions in the programme get mentors.
MENTORED_STATUSES = Candidate.IN_PROGRAMME
# Mentors per region the suggestion aims at, and the overview calls a complete team.
TEAM_SIZE = 2


class AssignmentError(Exception):
    """An assignment change that cannot be made; the message is for the user."""


class AssignmentConflict(AssignmentError):
    """The mentor is in conflict with the region; `reasons` says why."""

    def __init__(self, reasons: list[str]):
        self.reasons = list(reasons)
        super().__init__(
            _("Mentor memiliki konflik kepentingan dengan daerah ini: %s. ")
            % "; ".join(self.reasons)
            + _("Isi alasan pengecualian konflik bila mentor tetap ditugaskan.")
        )


def _profile_province_reason(profile: MentorProfile | None, region: Region) -> list[str]:
    if profile and profile.home_province_id and profile.home_province_id == region.province_id:
        return [_("Provinsi asal (profil mentor)")]
    return []


def assignment_conflicts(*, mentor, region: Region, profile: MentorProfile | None) -> list[str]:
    """Every reason `mentor` may not mentor `region`: the register plus their profile."""
    return conflicts_between(mentor, region) + _profile_province_reason(profile, region)


@transaction.atomic
def assignment_add(*, candidate: Candidate, mentor, by, override_reason: str = ""):
    """Put a mentor on a selected region's team.

    Refuses candidates not (yet) in the programme, users who are not mentors, a mentor already
    on the team and a mentor at capacity (assignments in other cohorts count too). A
    conflicted mentor raises `AssignmentConflict` unless staff give an `override_reason`,
    recorded on the assignment; a reason given where there is no conflict is not kept (the
    field means "assigned despite a conflict"). The mentor's row is locked so two staff
    assigning the same mentor at once cannot both use their last free place.
    """
    if not user_has_role(mentor, User.Role.MENTOR):
        raise AssignmentError(_("Hanya pengguna berperan mentor yang dapat ditugaskan."))
    list(User.objects.select_for_update().filter(pk=mentor.pk).values_list("pk"))
    candidate = Candidate.objects.select_related("region", "cohort").get(pk=candidate.pk)
    if candidate.status not in MENTORED_STATUSES:
        raise AssignmentError(
            _("%(region)s belum terpilih; mentor hanya ditugaskan ke daerah terpilih.")
            % {"region": candidate.region.short_name}
        )
    active = MentorAssignment.objects.active().filter(mentor=mentor)
    if active.filter(candidate=candidate).exists():
        raise AssignmentError(_("Mentor ini sudah ada dalam tim daerah tersebut."))
    profile = MentorProfile.objects.filter(user=mentor).first()
    capacity = profile.capacity if profile else DEFAULT_CAPACITY
    if active.count() >= capacity:
        raise AssignmentError(
            _("%(mentor)s sudah mendampingi %(n)s daerah, sesuai kapasitasnya.")
            % {"mentor": mentor.display_name, "n": capacity}
        )
    reasons = assignment_conflicts(mentor=mentor, region=candidate.region, profile=profile)
    override_reason = override_reason.strip()
    if reasons and not override_reason:
        raise AssignmentConflict(reasons)
    assignment = MentorAssignment(
        candidate=candidate,
        mentor=mentor,
        assigned_by=by,
        override_reason=override_reason if reasons else "",
    )
    assignment._history_user = by
    assignment._change_reason = "mentor ditugaskan"
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: MentorAssignment, by, reason: str) -> MentorAssignment:
    """End a mentor's work with a region; the record stays, with when and why it ended.

    A conditional UPDATE (only while still active) so two staff ending it at once leave one
    end date and one reason.
    """
    reason = reason.strip()
    if not reason:
        raise AssignmentError(_("Tuliskan alasan penugasan diakhiri."))
    updated = (
        MentorAssignment.objects.active()
        .filter(pk=assignment.pk)
        .update(ended_at=timezone.now(), end_reason=reason[:300])
    )
    if not updated:
        raise AssignmentError(_("Penugasan ini sudah diakhiri."))
    assignment.refresh_from_db()
    # Set on the instance: it may still carry the reason and user of an earlier save.
    assignment._history_user = by
    assignment._change_reason = "penugasan diakhiri"
    MentorAssignment.history.bulk_history_create([assignment], update=True)
    return assignment


@dataclass
class SuggestionContext:
    """What the suggestion page needs besides the `Suggestion`: the objects behind its ids.

    The suggestion's "region" ids are *candidate* ids (one region per cohort), so its `teams`
    can be handed to `assignment_confirm` as they are.
    """

    cohort: Cohort
    team_size: int
    candidates: dict[int, Candidate]  # by candidate id, with `region`
    mentors: dict[int, User]  # by user id, with `mentor_profile` and `institution`
    existing: dict[int, list[int]]  # candidate id → mentor ids already assigned
    capacity_left: dict[int, int] = field(default_factory=dict)  # net of other regions
    # (mentor id, candidate id) → why they may not be paired.
    conflicts: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    def new_pairs(self, suggestion: Suggestion) -> list[tuple[Candidate, User]]:
        """The (candidate, mentor) pairs the suggestion adds to what is already assigned."""
        pairs = []
        for candidate_id, team in suggestion.teams.items():
            existing = set(self.existing.get(candidate_id, ()))
            pairs += [
                (self.candidates[candidate_id], self.mentors[mid])
                for mid in team
                if mid not in existing
            ]
        return pairs


def assignment_suggest(
    *, cohort: Cohort, team_size: int = TEAM_SIZE
) -> tuple[Suggestion, SuggestionContext]:
    """Suggest mentor teams for the cohort's selected regions that lack a full team.

    Reads everything in five queries, whatever the size of the cohort: the candidates, the
    active assignments (every cohort: they use capacity), the mentors with a profile, and the
    conflict register (two). Teams already complete are left out; members already assigned
    are passed as `existing` so they stay and use capacity. The suggestion is keyed by
    candidate id (see `SuggestionContext`).
    """
    candidates = list(
        Candidate.objects.filter(cohort=cohort, status__in=MENTORED_STATUSES)
        .select_related("region", "cohort")
        .order_by("region__code")
    )
    active = list(MentorAssignment.objects.active().values_list("mentor_id", "candidate_id"))
    team_of: dict[int, list[int]] = {}
    for mentor_id, candidate_id in active:
        team_of.setdefault(candidate_id, []).append(mentor_id)
    pending = [c for c in candidates if len(team_of.get(c.pk, ())) < team_size]
    pending_ids = {c.pk for c in pending}
    mentors = list(
        User.objects.filter(
            role=User.Role.MENTOR, is_active=True, mentor_profile__isnull=False
        ).select_related("mentor_profile", "institution", "home_region")
    )
    mentor_ids = {m.pk for m in mentors}
    load_elsewhere: dict[int, int] = {}
    for mentor_id, candidate_id in active:
        if candidate_id not in pending_ids:
            load_elsewhere[mentor_id] = load_elsewhere.get(mentor_id, 0) + 1
    capacity_left = {
        m.pk: max(0, m.mentor_profile.capacity - load_elsewhere.get(m.pk, 0)) for m in mentors
    }
    candidate_of_region = {c.region_id: c.pk for c in pending}
    by_region = conflict_map(mentors, [c.region for c in pending]) if mentors and pending else {}
    reasons = {
        (mentor_id, candidate_of_region[region_id]): why
        for (mentor_id, region_id), why in by_region.items()
    }
    for mentor in mentors:  # the profile's home province, as assignment_add sees it
        for candidate in pending:
            extra = _profile_province_reason(mentor.mentor_profile, candidate.region)
            reasons.setdefault((mentor.pk, candidate.pk), []).extend(extra)
    reasons = {pair: why for pair, why in reasons.items() if why}

    valid = set(DIMENSIONS)
    infos = [
        MentorInfo(
            id=m.pk,
            institution_id=m.institution_id,
            capacity=capacity_left[m.pk],
            expertise=frozenset(d for d in m.mentor_profile.expertise or () if d in valid),
            home_region_id=candidate_of_region.get(m.home_region_id),
            home_province_id=m.mentor_profile.home_province_id,
        )
        for m in mentors
    ]
    needs = [RegionNeed(id=c.pk, province_id=c.region.province_id) for c in pending]
    existing = {c.pk: [mid for mid in team_of.get(c.pk, ()) if mid in mentor_ids] for c in pending}
    suggestion = suggest(
        needs, infos, team_size=team_size, conflicts=set(reasons), existing=existing
    )
    context = SuggestionContext(
        cohort=cohort,
        team_size=team_size,
        candidates={c.pk: c for c in pending},
        mentors={m.pk: m for m in mentors},
        existing=existing,
        capacity_left=capacity_left,
        conflicts=reasons,
    )
    return suggestion, context


@transaction.atomic
def assignment_confirm(*, cohort: Cohort, teams: dict[int, list[int]], by) -> list:
    """Create the assignments of `teams` ({candidate id: [mentor ids]}) that do not exist yet.

    All or nothing: each goes through `assignment_add`, so capacity and conflicts are checked
    again on committed data (a suggestion may be stale, or the form tampered with); the first
    refusal rolls every one of them back.
    """
    candidates = (
        Candidate.objects.filter(cohort=cohort).select_related("region").in_bulk(list(teams))
    )
    missing = set(teams) - set(candidates)
    if missing:
        raise AssignmentError(_("Sebagian daerah bukan kandidat angkatan ini."))
    mentor_ids = {mid for team in teams.values() for mid in team}
    mentors = User.objects.in_bulk(list(mentor_ids))
    if set(mentors) != mentor_ids:
        raise AssignmentError(_("Sebagian mentor tidak ditemukan."))
    already = set(
        MentorAssignment.objects.active()
        .filter(candidate_id__in=list(teams))
        .values_list("candidate_id", "mentor_id")
    )
    created = []
    for candidate_id, team in teams.items():
        for mentor_id in dict.fromkeys(team):
            if (candidate_id, mentor_id) in already:
                continue
            try:
                created.append(
                    assignment_add(
                        candidate=candidates[candidate_id], mentor=mentors[mentor_id], by=by
                    )
                )
            except AssignmentError as exc:
                region = candidates[candidate_id].region.short_name
                raise AssignmentError(
                    _("%(mentor)s → %(region)s: %(error)s")
                    % {"mentor": mentors[mentor_id].display_name, "region": region, "error": exc}
                ) from exc
    return created


__all__ = [
    "AssignmentConflict",
    "AssignmentError",
    "SuggestionContext",
    "assignment_add",
    "assignment_conflicts",
    "assignment_confirm",
    "assignment_end",
    "assignment_suggest",
]
