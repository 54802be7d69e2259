"""The conflict-of-interest register: why a person may not assess or mentor a region.

Shared by assessment panels and mentor assignments. A person conflicts with a region when it is
their home region or in their home province, when their institution has a tie with it, or when
they (or staff) declared a conflict.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from smartcity.models import Region

from .models import ConflictDeclaration, InstitutionTie


def conflicts_between(person, region: Region) -> list[str]:
    """Every reason `person` conflicts with `region`; empty when there is none."""
    return conflict_map([person], [region]).get((person.pk, region.pk), [])


def conflict_map(people: Iterable, regions: Iterable[Region]) -> dict[tuple[int, int], list[str]]:
    """Reasons for every conflicted (person id, region id) pair, in two queries.

    Used where many pairs are checked at once (suggested assignments, panel overviews).
    """
    people, regions = list(people), list(regions)
    region_ids = [r.pk for r in regions]
    declared = defaultdict(list)
    for person_id, region_id, reason in ConflictDeclaration.objects.filter(
        person__in=people, region_id__in=region_ids
    ).values_list("person_id", "region_id", "reason"):
        declared[person_id, region_id].append(_("Konflik dideklarasikan: %s") % reason)
    ties = defaultdict(list)
    institution_ids = {p.institution_id for p in people if p.institution_id}
    for institution_id, region_id, reason in InstitutionTie.objects.filter(
        institution_id__in=institution_ids, region_id__in=region_ids
    ).values_list("institution_id", "region_id", "reason"):
        ties[institution_id, region_id].append(_("Institusi terkait dengan daerah: %s") % reason)

    found = {}
    for person in people:
        home = person.home_region
        for region in regions:
            reasons = []
            if home is not None and home.pk == region.pk:
                reasons.append(_("Daerah asal"))
            elif home is not None and home.province_id == region.province_id:
                reasons.append(_("Provinsi asal"))
            reasons += ties.get((person.institution_id, region.pk), [])
            reasons += declared.get((person.pk, region.pk), [])
            if reasons:
                found[person.pk, region.pk] = reasons
    return found
