"""Industry partners' input on submitted plans: what partners write (who reads it, and what the
plan page shows each user, is decided in `industry.access`).

A partner reads the latest submitted version of any plan that has one (see
`masterplan.access.plans_visible_to`) and leaves input on the whole plan or on one of its
programmes, optionally pointing at one of its organisation's solutions. The region's officials,
its assigned mentors and staff read every partner's input; partners never see documents,
questionnaires, scores or review comments (no page of theirs reads them).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from masterplan.models import Plan, PlanVersion
from smartcity.access import user_has_role
from smartcity.models import User

from ..models import PartnerInput

BODY_MAX_CHARS = 4000


class PartnerInputError(Exception):
    """An input the plan or the user's role does not allow; the message says why."""


def partner_input_add(*, plan: Plan, by, body: str, programme=None, solution=None) -> PartnerInput:
    """Record a partner's input on a submitted plan, or on a programme of its latest version.

    Only partner users write input, only on plans submitted at least once, about a programme of
    the latest submitted version and pointing at one of their own organisation's solutions.
    """
    if not user_has_role(by, User.Role.PARTNER):
        raise PartnerInputError(_("Hanya mitra industri yang dapat memberi masukan."))
    version = (
        PlanVersion.objects.filter(plan_id=plan.pk).order_by("-number").only("pk", "data").first()
    )
    if version is None:
        raise PartnerInputError(_("Masterplan ini belum diajukan."))
    body = (body or "").strip()
    if not body:
        raise PartnerInputError(_("Tuliskan masukan Anda."))
    if len(body) > BODY_MAX_CHARS:
        raise PartnerInputError(_("Masukan paling banyak %(n)s karakter.") % {"n": BODY_MAX_CHARS})
    if programme is not None:
        in_version = {p["id"] for p in version.data.get("programmes", [])}
        if programme.plan_id != plan.pk or programme.pk not in in_version:
            raise PartnerInputError(
                _("Program ini tidak ada dalam versi terakhir masterplan yang diajukan.")
            )
    if solution is not None and solution.organisation_id != by.partner_organisation_id:
        raise PartnerInputError(_("Solusi ini bukan milik organisasi Anda."))
    return PartnerInput.objects.create(
        organisation_id=by.partner_organisation_id,
        author=by,
        plan=plan,
        programme=programme,
        programme_name=programme.name if programme is not None else "",
        version=version,
        body=body,
        solution=solution,
    )


def partner_input_delete(*, partner_input: PartnerInput, by) -> None:
    """Withdraw an input; only its author may, colleagues of the same partner included not."""
    if partner_input.author_id != by.pk:
        raise PartnerInputError(_("Hanya penulisnya yang dapat menghapus masukan ini."))
    partner_input.delete()
