"""Who may see which evaluation results: the one place that answers it.

- Staff see every cycle and every result, published or not, and publish cycles.
- A regional official sees their own region's results, of published cycles only: its report
  and its trend across years. Never another region's, never the national tables.
- Everyone else (assessors, mentors, partners) sees nothing here; the public reads published
  results through `evaluation.published`.

`result_for_user` and `region_for_user` answer "missing" and "not yours" with the same 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from smartcity.access import user_has_role
from smartcity.models import Region, User

from .models import Cycle, Result


def is_staff(user) -> bool:
    return user_has_role(user, User.Role.STAFF)


def results_visible_to(user):
    """The results this user may read, with region (and its province), cycle and cohort."""
    results = Result.objects.select_related("region__province", "cycle", "cohort")
    if is_staff(user):
        return results
    if user_has_role(user, User.Role.OFFICIAL):
        return results.published().filter(region_id=user.region_id)
    return results.none()


def cycle_for_staff(year: int) -> Cycle:
    return get_object_or_404(Cycle, year=year)


def result_for_user(user, *, year: int, code: str) -> Result:
    """One region's result in a cycle, if the user may read it; else 404."""
    return get_object_or_404(results_visible_to(user), cycle__year=year, region__code=code)


def region_for_user(user, code: str) -> Region:
    """A kab/kota whose evaluation history the user may read (staff: any; an official: their
    own); else 404."""
    region = Region.objects.kab_kota().select_related("province").filter(code=code).first()
    if region is None:
        raise Http404
    if is_staff(user) or (user_has_role(user, User.Role.OFFICIAL) and user.region_id == region.pk):
        return region
    raise Http404
